//! Lowering tests: The -d family: --data, --data-binary, --data-raw, --data-urlencode, --json.

use super::*;

#[test]
fn data_options_are_joined_with_ampersands() {
    let (r, _) = one(&[
        "-d",
        "a=1",
        "--data-raw",
        "@b",
        "--data-ascii",
        "c=3",
        "https://h.example/",
    ]);
    assert_eq!(data(&r), vec![text("a=1&@b&c=3")]);
}

#[test]
fn leading_empty_data_still_gets_its_separator() {
    // curl appends `&` whenever an earlier data option was given, even an empty one (checked
    // against curl 7.88 on a loopback listener).
    let (r, _) = one(&["-d", "", "-d", "b", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("&b")]);
    let (r, _) = one(&["-d", "", "-d", "", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("&")]);
    let (r, _) = one(&["--json", "", "-d", "b", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("&b")]);
    // `--json` itself never gets one.
    let (r, _) = one(&["-d", "", "--json", "x", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("x")]);
    let (r, _) = one(&["-d", "a", "-d", "", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("a&")]);
    let (r, _) = one(&["-d", "", "https://h.example/"]);
    assert_eq!(r.body, Some(Body::Data(vec![])));
    assert_eq!(r.method, Method::Post);
}

#[test]
fn data_at_file_strips_newlines_at_run_time() {
    let (r, _) = one(&["-d", "@body.txt", "-d", "x=1", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![
            Segment::Read {
                source: Source::File(lit("body.txt")),
                transform: Transform::StripNewlines
            },
            text("&x=1"),
        ]
    );
}

#[test]
fn data_binary_and_json_at_file_are_raw() {
    let (r, _) = one(&["--data-binary", "@b.bin", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::File(lit("b.bin")),
            transform: Transform::Raw
        }]
    );
    let (r, _) = one(&["--json", "@b.json", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::File(lit("b.json")),
            transform: Transform::Raw
        }]
    );
}

#[test]
fn data_raw_has_no_at_meaning() {
    let (r, _) = one(&["--data-raw", "@not-a-file", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("@not-a-file")]);
}

#[test]
fn data_at_stdin_uses_known_bytes_stripped() {
    // verified: `-d @-` with "st\ndin" on stdin sends `stdin`; --data-binary keeps newlines.
    let stdin = Some(Stdin::Bytes(b"st\r\ndin\n".to_vec()));
    let (r, _) = one_with(&["-d", "@-", "https://h.example/"], stdin.clone());
    assert_eq!(data(&r), vec![text("stdin")]);
    let (r, _) = one_with(&["--data-binary", "@-", "https://h.example/"], stdin);
    assert_eq!(data(&r), vec![text("st\r\ndin\n")]);
}

#[test]
fn data_at_stdin_from_a_file_redirect_reads_that_file() {
    let stdin = Some(Stdin::File(val("in.txt")));
    let (r, _) = one_with(&["-d", "@-", "https://h.example/"], stdin);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::File(lit("in.txt")),
            transform: Transform::StripNewlines
        }]
    );
}

#[test]
fn data_at_stdin_unknown_reads_the_programs_stdin() {
    let (r, _) = one(&["--data-binary", "@-", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Read {
            source: Source::Stdin,
            transform: Transform::Raw
        }]
    );
}

#[test]
fn data_urlencode_content_forms() {
    // verified: the first `=` splits, so 'plain +&=x' is the name "plain +&" (sent as is) with
    // content "x"; `=lead` → `lead`; `a@b=c` → `a@b=c` (the `=` wins over the `@`).
    let (r, _) = one(&[
        "--data-urlencode",
        "plain +&=x",
        "--data-urlencode",
        "=lead",
        "--data-urlencode",
        "a@b=c",
        "--data-urlencode",
        "no name here",
        "https://h.example/",
    ]);
    assert_eq!(data(&r), vec![text("plain +&=x&lead&a@b=c&no+name+here")]);
}

#[test]
fn data_urlencode_name_is_not_encoded_content_is() {
    // verified: 'n=a b/c~é' → `n=a+b%2Fc~%C3%A9` (upper-case hex in the body).
    let (r, _) = one(&["--data-urlencode", "n=a b/c~é", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("n=a+b%2Fc~%C3%A9")]);
}

#[test]
fn data_urlencode_file_forms_read_at_run_time() {
    let (r, _) = one(&[
        "--data-urlencode",
        "n@a.txt",
        "--data-urlencode",
        "@b.dat",
        "https://h.example/",
    ]);
    assert_eq!(
        data(&r),
        vec![
            text("n="),
            Segment::Read {
                source: Source::File(lit("a.txt")),
                transform: Transform::UrlEncode
            },
            text("&"),
            Segment::Read {
                source: Source::File(lit("b.dat")),
                transform: Transform::UrlEncode
            },
        ]
    );
}

#[test]
fn data_urlencode_stdin_known_is_encoded_now() {
    let (r, _) = one_with(
        &["--data-urlencode", "q@-", "https://h.example/"],
        Some(Stdin::Bytes(b"a b\n".to_vec())),
    );
    assert_eq!(data(&r), vec![text("q=a+b%0A")]);
}

/// The value of `$name`, percent-encoded at run time with `hex` digits.
fn encoded(name: &str, hex: HexCase) -> Piece {
    Piece::EnvEncoded {
        name: name.into(),
        hex,
    }
}

#[test]
fn data_urlencode_env_is_encoded_at_run_time() {
    // verified: with MSG='a&b/é', 'msg=hi ${MSG}' → `msg=hi+a%26b%2F%C3%A9`: curl encodes the
    // variable's value (upper-case hex in the body), so the program must too.
    let argv = ["--data-urlencode", "msg=hi ${MSG}!", "https://h.example/"];
    let (r, w) = one(&argv);
    assert_eq!(
        data(&r),
        vec![Segment::Text(Value(vec![
            Piece::Bytes(b"msg=hi+".to_vec()),
            encoded("MSG", HexCase::Upper),
            Piece::Bytes(b"%21".to_vec()),
        ]))]
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn data_urlencode_env_name_is_not_encoded() {
    // Only the content is encoded; a `$VAR` before the `=` is sent as is.
    let (r, _) = one(&[
        "--data-urlencode",
        "${KEY}=${VAL}",
        "-d",
        "x=1",
        "https://h.example/",
    ]);
    assert_eq!(
        data(&r),
        vec![Segment::Text(Value(vec![
            Piece::Env("KEY".into()),
            Piece::Bytes(b"=".to_vec()),
            encoded("VAL", HexCase::Upper),
            Piece::Bytes(b"&x=1".to_vec()),
        ]))]
    );
}

#[test]
fn url_query_env_is_encoded_with_lower_case_hex() {
    // verified: `--url-query 'tag=${TAG}'` with TAG='a b/c' → `?tag=a+b%2fc` (7.88 lower-cases
    // the appended escapes, those of the variable's value too).
    let (r, w) = one(&["https://h.example/items", "--url-query", "tag=${TAG}"]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://h.example/items?tag=".to_vec()),
            encoded("TAG", HexCase::Lower),
        ])
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn get_data_urlencode_env_is_encoded_with_lower_case_hex() {
    // A raw `-d` env reference stays raw; only the --data-urlencode one is encoded.
    let (r, w) = one(&[
        "-G",
        "https://h.example/s",
        "--data-urlencode",
        "q=${Q}",
        "-d",
        "raw=${R}",
    ]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://h.example/s?q=".to_vec()),
            encoded("Q", HexCase::Lower),
            Piece::Bytes(b"&raw=".to_vec()),
            Piece::Env("R".into()),
        ])
    );
    assert_eq!(r.body, None);
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn encoded_env_serialises_readably() {
    let (r, _) = one(&["https://h.example/", "--url-query", "t=${T}"]);
    assert_eq!(
        serde_json::to_string(&r.url).unwrap(),
        r#"[{"text":"https://h.example/?t="},{"env_urlencoded":"T","hex_case":"lower"}]"#
    );
    let (r, _) = one(&["https://h.example/", "--data-urlencode", "${T}"]);
    assert_eq!(
        serde_json::to_string(&r.body).unwrap(),
        r#"{"data":[{"text":[{"env_urlencoded":"T"}]}]}"#
    );
}

#[test]
fn json_pieces_are_concatenated_without_separator() {
    // verified: `--json '{"a":1}' --json '[2]' -d z=1` sends `{"a":1}[2]&z=1`, and
    // `-d z=1 --json '[2]'` sends `z=1[2]`.
    let (r, _) = one(&[
        "--json",
        "{\"a\":1}",
        "--json",
        "[2]",
        "-d",
        "z=1",
        "https://h.example/",
    ]);
    assert_eq!(data(&r), vec![text("{\"a\":1}[2]&z=1")]);
    assert_eq!(r.header("Content-Type"), Some(&lit("application/json")));
    let (r, _) = one(&["-d", "z=1", "--json", "[2]", "https://h.example/"]);
    assert_eq!(data(&r), vec![text("z=1[2]")]);
}

#[test]
fn data_keeps_env_references() {
    let (r, _) = one(&["-d", "token=${TOKEN}", "https://h.example/"]);
    assert_eq!(
        data(&r),
        vec![Segment::Text(Value(vec![
            Piece::Bytes(b"token=".to_vec()),
            Piece::Env("TOKEN".into())
        ]))]
    );
}
