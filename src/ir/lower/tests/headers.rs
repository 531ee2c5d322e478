//! Lowering tests: Headers: -H, -A, -e, -b, removal, order.

use super::*;

#[test]
fn headers_keep_order_and_duplicates() {
    // verified: `-H 'X-A: 1' -H 'X-A:' -H 'X-A: 2'` sends both X-A lines.
    let (r, _) = one(&[
        "-H",
        "X-A: 1",
        "-H",
        "X-B: b",
        "-H",
        "X-A:",
        "-H",
        "X-A: 2",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("X-A", "1"), h("X-B", "b"), h("X-A", "2")]);
    assert_eq!(r.removed_headers, vec![HeaderName::new("X-A")]);
}

#[test]
fn semicolon_header_is_sent_empty() {
    // verified: `-H 'X-Empty;'` sends `X-Empty:`.
    let (r, _) = one(&["-H", "X-Empty;", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("X-Empty", "")]);
}

#[test]
fn colon_header_removes_curls_own() {
    // verified: `-H 'User-Agent:' -H 'Accept:'` sends neither.
    let (r, _) = one(&[
        "-H",
        "User-Agent:",
        "-H",
        "accept:   ",
        "https://h.example/",
    ]);
    assert!(r.headers.is_empty());
    assert_eq!(
        r.removed_headers,
        vec![HeaderName::new("User-Agent"), HeaderName::new("Accept")]
    );
}

#[test]
fn semicolon_then_blanks_removes_and_sends_nothing() {
    // verified: `-H 'Y; '` is not sent.
    let (r, _) = one(&["-H", "Y; ", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.removed_headers, vec![HeaderName::new("Y")]);
}

#[test]
fn header_without_colon_is_not_sent() {
    // verified: `-H NoColon`, `-H 'Z; q'` and `-H ': v'` send nothing.
    let argv = [
        "-H",
        "NoColon",
        "-H",
        "Z; q",
        "-H",
        ": v",
        "https://h.example/",
    ];
    let (r, w) = one(&argv);
    assert!(r.headers.is_empty());
    assert_eq!(w.len(), 3);
    assert_eq!(at(&argv, w[0].span), "NoColon");
}

#[test]
fn header_value_blanks_are_trimmed() {
    // verified: curl sends `x-b:   spaced  ` as typed; the value is "spaced".
    let (r, _) = one(&[
        "-H",
        "x-b:   spaced  ",
        "-H",
        "X-C:no",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("x-b", "spaced"), h("X-C", "no")]);
}

#[test]
fn bad_header_name_warns_but_is_kept() {
    let (r, w) = one(&["-H", "Bad Name: 1", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Bad Name", "1")]);
    assert!(has_warning(&w, "not a valid header name"));
}

#[test]
fn header_value_keeps_env_references() {
    let (r, w) = one(&["-H", "Authorization: Bearer ${TOKEN}", "https://h.example/"]);
    assert_eq!(
        r.headers[0].value,
        Value(vec![
            Piece::Bytes(b"Bearer ".to_vec()),
            Piece::Env("TOKEN".into())
        ])
    );
    assert!(w.is_empty());
}

#[test]
fn header_entirely_from_env_is_warned_and_dropped() {
    let (r, w) = one(&["-H", "${HDR}", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert!(has_warning(&w, "comes from `$HDR`"));
}

#[test]
fn header_file_is_read_line_by_line() {
    let f = tmp("h.txt", b"X-One: 1\r\nX-Two;\n\nAccept:\n");
    let (r, w) = one(&[
        "-H",
        &format!("@{f}"),
        "-H",
        "X-Three: 3",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![h("X-One", "1"), h("X-Two", ""), h("X-Three", "3")]
    );
    assert_eq!(r.removed_headers, vec![HeaderName::new("Accept")]);
    assert!(w.is_empty());
}

#[test]
fn missing_header_file_is_an_error_on_the_value() {
    let argv = ["-H", "@/nonexistent/curl2code/h", "https://h.example/"];
    let e = err(&argv);
    assert!(e.is_error());
    assert_eq!(at(&argv, e.span), "@/nonexistent/curl2code/h");
    assert!(e.label.is_some() && e.help.is_some());
}

#[test]
fn header_from_stdin_uses_known_bytes() {
    let (r, _) = one_with(
        &["-H", "@-", "https://h.example/"],
        Some(Stdin::Bytes(b"X-In: 1\n".to_vec())),
    );
    assert_eq!(hdrs(&r), vec![h("X-In", "1")]);
}

#[test]
fn user_agent_referer_cookie_come_first_in_curls_order() {
    // verified: curl sends User-Agent, Referer, Cookie, then the -H headers.
    let (r, _) = one(&[
        "-H",
        "X-A: 1",
        "-A",
        "ua/1",
        "-e",
        "https://ref.example/",
        "-b",
        "c=1",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![
            h("User-Agent", "ua/1"),
            h("Referer", "https://ref.example/"),
            h("Cookie", "c=1"),
            h("X-A", "1"),
        ]
    );
}

#[test]
fn empty_user_agent_removes_it() {
    // verified: `-A ''` sends no User-Agent at all.
    let (r, _) = one(&["-A", "", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.removed_headers, vec![HeaderName::new("User-Agent")]);
}

#[test]
fn custom_headers_beat_user_agent_referer_and_cookie_options() {
    // verified: `-A ua -H 'user-agent: x' -e r -H 'Referer:' -b c=1 -H 'Cookie: z=9'` sends only
    // `user-agent: x` and `Cookie: z=9`.
    let (r, _) = one(&[
        "-A",
        "ua",
        "-H",
        "user-agent: x",
        "-e",
        "r",
        "-H",
        "Referer:",
        "-b",
        "c=1",
        "-H",
        "Cookie: z=9",
        "https://h.example/",
    ]);
    assert_eq!(hdrs(&r), vec![h("user-agent", "x"), h("Cookie", "z=9")]);
    assert_eq!(r.removed_headers, vec![HeaderName::new("Referer")]);
}

#[test]
fn referer_auto_suffix_is_stripped() {
    // verified: `-e 'http://r/;auto'` sends `Referer: http://r/`.
    let (r, _) = one(&["-e", "http://r.example/;auto", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Referer", "http://r.example/")]);
    let (r, _) = one(&["-e", ";auto", "https://h.example/"]);
    assert!(r.headers.is_empty());
}

#[test]
fn referer_auto_with_location_warns() {
    let (_, w) = one(&["-L", "-e", "https://r.example/;auto", "https://h.example/"]);
    assert!(has_warning(&w, ";auto"));
}

#[test]
fn cookie_strings_are_joined_with_a_bare_semicolon() {
    // verified: `-b c=1 -b d=2` sends `Cookie: c=1;d=2`.
    let (r, _) = one(&["-b", "c=1", "-b", "d=2; e=3", "https://h.example/"]);
    assert_eq!(hdrs(&r), vec![h("Cookie", "c=1;d=2; e=3")]);
    assert!(r.transfer.cookie_files.is_empty());
}

#[test]
fn cookie_without_equals_is_a_file() {
    let (r, _) = one(&["-b", "jar.txt", "-b", "", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.transfer.cookie_files, vec![lit("jar.txt")]);
}

#[test]
fn cookie_from_env_only_is_read_as_text_with_a_warning() {
    let (r, w) = one(&["-b", "${COOKIES}", "https://h.example/"]);
    assert_eq!(r.header("Cookie"), Some(&Value::env("COOKIES")));
    assert!(has_warning(&w, "cookie text"));
}

#[test]
fn data_adds_form_content_type_after_custom_headers() {
    // verified: `-H 'X-A: 1' -d a=1` sends X-A then Content-Type: application/x-www-form-urlencoded.
    let (r, _) = one(&["-H", "X-A: 1", "-d", "a=1", "https://h.example/"]);
    assert_eq!(
        hdrs(&r),
        vec![
            h("X-A", "1"),
            h("Content-Type", "application/x-www-form-urlencoded")
        ]
    );
}

#[test]
fn user_content_type_replaces_the_form_default() {
    // verified: two -H Content-Type lines are both sent, and no default is added.
    let (r, _) = one(&[
        "-H",
        "Content-Type: text/x",
        "-d",
        "q",
        "-H",
        "content-type: text/y",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![h("Content-Type", "text/x"), h("content-type", "text/y")]
    );
}

#[test]
fn removed_content_type_sends_none() {
    // verified: `-H 'Content-Type:' -d q` sends no Content-Type.
    let (r, _) = one(&["-H", "Content-Type:", "-d", "q", "https://h.example/"]);
    assert!(r.headers.is_empty());
    assert_eq!(r.removed_headers, vec![HeaderName::new("Content-Type")]);
}

#[test]
fn json_adds_content_type_and_accept() {
    // verified: `--json '{}'` sends Content-Type: application/json and Accept: application/json
    // after the -H headers.
    let (r, _) = one(&["-H", "X-A: 1", "--json", "{}", "https://h.example/"]);
    assert_eq!(r.method, Method::Post);
    assert_eq!(
        hdrs(&r),
        vec![
            h("X-A", "1"),
            h("Content-Type", "application/json"),
            h("Accept", "application/json"),
        ]
    );
    assert_eq!(data(&r), vec![text("{}")]);
}

#[test]
fn json_keeps_the_users_accept_and_content_type() {
    // verified: only `Accept: application/vnd.x+json` and `Content-Type:` (empty) are sent.
    let (r, _) = one(&[
        "--json",
        "{}",
        "-H",
        "Accept: application/vnd.x+json",
        "-H",
        "Content-Type;",
        "https://h.example/",
    ]);
    assert_eq!(
        hdrs(&r),
        vec![h("Accept", "application/vnd.x+json"), h("Content-Type", "")]
    );
}

#[test]
fn compressed_sets_the_flag_and_leaves_accept_encoding_to_codegen() {
    // curl 7.88 here sends `Accept-Encoding: deflate, gzip, br, zstd`; the list depends on the
    // build, so the header is left to each target (transfer.compressed).
    let (r, _) = one(&["--compressed", "https://h.example/"]);
    assert!(r.transfer.compressed);
    assert!(r.headers.is_empty());
    let (r, _) = one(&["--compressed", "--no-compressed", "https://h.example/"]);
    assert!(!r.transfer.compressed);
}
