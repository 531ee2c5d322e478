//! Lowering tests: URLs and `-G`: parsing, normalising, query appends.

use super::*;

#[test]
fn plain_get_has_no_extra_headers_or_body() {
    let (r, w) = one(&["https://api.example.com/v1/users?id=7"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(url(&r), "https://api.example.com/v1/users?id=7");
    assert!(r.headers.is_empty() && r.removed_headers.is_empty());
    assert_eq!(r.body, None);
    assert_eq!(r.auth, None);
    assert_eq!(r.span, cmd(&["https://api.example.com/v1/users?id=7"]).span);
    assert!(w.is_empty());
}

#[test]
fn missing_scheme_becomes_http() {
    let (r, _) = one(&["api.example.com/x"]);
    assert_eq!(url(&r), "http://api.example.com/x");
}

#[test]
fn ftp_host_is_guessed_as_ftp_and_refused() {
    // verified: curl 7.88 tries FTP for `ftp.example.com`.
    let e = err(&["ftp.example.com/file"]);
    assert!(e.message.contains("ftp://"), "{}", e.message);
    assert_eq!(
        at(&["ftp.example.com/file"], e.span),
        "ftp.example.com/file"
    );
}

#[test]
fn proto_default_sets_the_scheme() {
    let (r, _) = one(&["--proto-default", "https", "api.example.com"]);
    assert_eq!(url(&r), "https://api.example.com/");
}

#[test]
fn url_without_path_gets_a_slash() {
    // verified: `http://h?q=1` goes out as `GET /?q=1`.
    assert_eq!(url(&one(&["https://h.example"]).0), "https://h.example/");
    assert_eq!(
        url(&one(&["https://h.example?q=1"]).0),
        "https://h.example/?q=1"
    );
    assert_eq!(
        url(&one(&["https://h.example:8443"]).0),
        "https://h.example:8443/"
    );
}

#[test]
fn scheme_is_lowercased_and_host_kept() {
    // verified: curl sends `Host: LOCALHOST:port` as typed.
    let (r, _) = one(&["HTTPS://API.Example.com/Path"]);
    assert_eq!(url(&r), "https://API.Example.com/Path");
}

#[test]
fn fragment_is_not_sent() {
    // verified: `/p?x=1#f` goes out as `/p?x=1`.
    assert_eq!(
        url(&one(&["https://h.example/p?x=1#frag"]).0),
        "https://h.example/p?x=1"
    );
    assert_eq!(
        url(&one(&["https://h.example/p#frag"]).0),
        "https://h.example/p"
    );
}

#[test]
fn userinfo_becomes_basic_auth_percent_decoded() {
    // verified: `u%40x:p%3Aw@` sends `Authorization: Basic dUB4OnA6dw==` (u@x:p:w).
    let (r, _) = one(&["https://u%40x:p%3Aw@api.example.com/a"]);
    assert_eq!(url(&r), "https://api.example.com/a");
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("u@x"),
            password: lit("p:w")
        })
    );
}

#[test]
fn userinfo_without_password_sends_an_empty_one() {
    // verified: `http://x@h` sends Basic eDo= ("x:").
    let (r, _) = one(&["https://x@h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("x"),
            password: lit("")
        })
    );
}

#[test]
fn user_option_beats_url_userinfo() {
    // verified: `-u a:b` with `x:y@` in the URL sends a:b.
    let (r, _) = one(&["-u", "a:b", "https://x:y@h.example/"]);
    assert_eq!(
        r.auth,
        Some(Auth::Basic {
            user: lit("a"),
            password: lit("b")
        })
    );
    assert_eq!(url(&r), "https://h.example/");
}

#[test]
fn dot_segments_are_removed_unless_path_as_is() {
    // verified: `/A/../b/./c` goes out as `/b/c`; `%2e%2E` is left alone.
    assert_eq!(
        url(&one(&["https://h.example/A/../b/./c"]).0),
        "https://h.example/b/c"
    );
    assert_eq!(
        url(&one(&["https://h.example/a/%2e%2E/b"]).0),
        "https://h.example/a/%2e%2E/b"
    );
    assert_eq!(
        url(&one(&["--path-as-is", "https://h.example/A/../b"]).0),
        "https://h.example/A/../b"
    );
}

#[test]
fn non_ascii_path_bytes_are_percent_encoded_query_kept() {
    // verified: curl 7.88 sends `/%c3%a9?é` (lower-case hex in the path, raw bytes in the query).
    let (r, _) = one(&["https://h.example/é?q=é"]);
    assert_eq!(r.url, lit("https://h.example/%c3%a9?q=é"));
}

#[test]
fn percent_escapes_and_odd_characters_are_kept() {
    // verified: `/a%2fb%zz` and `a"<>{}|^\`b` are sent as typed (with -g).
    let (r, _) = one(&["-g", "https://h.example/a%2fb%zz/x\"<>|^`?c=\"<>"]);
    assert_eq!(url(&r), "https://h.example/a%2fb%zz/x\"<>|^`?c=\"<>");
}

#[test]
fn space_in_url_is_an_error() {
    // verified: curl 7.88 exits 3 ("URL rejected: Malformed input to a URL function").
    let argv = ["https://h.example/a b"];
    let e = err(&argv);
    assert!(e.message.contains("space"));
    assert_eq!(at(&argv, e.span), "https://h.example/a b");
    assert!(e.help.unwrap_or_default().contains("%20"));
}

#[test]
fn url_with_empty_host_is_an_error() {
    let e = err(&["https:///path"]);
    assert!(e.message.contains("no host"));
}

#[test]
fn glob_patterns_warn_unless_globoff() {
    let (r, w) = one(&["https://h.example/{a,b}/[1-3]"]);
    assert_eq!(url(&r), "https://h.example/{a,b}/[1-3]");
    assert!(has_warning(&w, "globbing"));
    let (_, w) = one(&["-g", "https://h.example/{a,b}"]);
    assert!(w.is_empty());
}

#[test]
fn ipv6_host_brackets_do_not_count_as_globs() {
    let (r, w) = one(&["http://[::1]:8080/x"]);
    assert_eq!(url(&r), "http://[::1]:8080/x");
    assert!(w.is_empty());
}

#[test]
fn url_starting_with_env_is_kept_as_typed() {
    let (r, w) = one(&["${BASE}/api/users"]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Env("BASE".into()),
            Piece::Bytes(b"/api/users".to_vec())
        ])
    );
    assert!(w.is_empty());
}

#[test]
fn env_in_host_and_query_survives() {
    let (r, _) = one(&["https://${HOST}/v1?key=${KEY}#x"]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://".to_vec()),
            Piece::Env("HOST".into()),
            Piece::Bytes(b"/v1?key=".to_vec()),
            Piece::Env("KEY".into()),
        ])
    );
}

#[test]
fn url_option_is_a_url() {
    let (r, _) = one(&["--url", "https://h.example/u"]);
    assert_eq!(url(&r), "https://h.example/u");
}

#[test]
fn several_urls_share_the_options() {
    let (r, _) = run_with(
        &["-H", "X-A: 1", "https://h.example/a", "https://h.example/b"],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(r.len(), 2);
    assert_eq!(url(&r[1]), "https://h.example/b");
    assert_eq!(hdrs(&r[0]), vec![h("X-A", "1")]);
    assert_eq!(hdrs(&r[1]), vec![h("X-A", "1")]);
}

#[test]
fn next_starts_a_fresh_option_group() {
    // verified: options before --next do not reach the URL after it.
    let (r, _) = run_with(
        &[
            "-H",
            "X-A: 1",
            "-d",
            "a=1",
            "https://h.example/a",
            "--next",
            "https://h.example/b",
        ],
        None,
    );
    let r = r.expect("ok");
    assert_eq!(r[0].method, Method::Post);
    assert_eq!(r[1].method, Method::Get);
    assert!(r[1].headers.is_empty() && r[1].body.is_none());
}

#[test]
fn next_without_url_is_an_error_at_next() {
    // verified: `curl URL --next` says "no URL specified!".
    let argv = ["https://h.example/", "--next", "-H", "X: 1"];
    let e = err(&argv);
    assert_eq!(e.message, "no URL specified");
    assert_eq!(at(&argv, e.span), "--next");
}

#[test]
fn missing_url_is_an_error_on_the_command() {
    let argv = ["-H", "X: 1"];
    let e = err(&argv);
    assert_eq!(e.span, Some(cmd(&argv).span));
    assert_eq!(e.label.as_deref(), Some("this curl command has no URL"));
    assert_eq!(
        e.help.as_deref(),
        Some("add the URL, e.g. curl https://example.com")
    );
}

#[test]
fn url_query_appends_encoded_pairs() {
    // verified: `?a=1` + `--url-query 'b=x y&z'` + `n@file` →
    // `?a=1&b=x+y%26z&n=hello%0d%0aworld%0a` (7.88 lower-cases the appended escapes); the file
    // is read when the program runs, so it need not exist now.
    let (r, w) = one(&[
        "https://h.example/?a=1",
        "--url-query",
        "b=x y&z",
        "--url-query",
        "n@/nonexistent/curl2code/uq.txt",
    ]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://h.example/?a=1&b=x+y%26z&n=".to_vec()),
            query_file("/nonexistent/curl2code/uq.txt", QueryRead::Encode),
        ])
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn url_query_at_file_is_the_encoded_content_and_plus_at_is_text() {
    // verified: `--url-query @f` sends the encoded content alone; `+@f` sends `@f` itself.
    let (r, _) = one(&[
        "https://h.example/p",
        "--url-query",
        "@q.txt",
        "--url-query",
        "+@q.txt",
    ]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://h.example/p?".to_vec()),
            query_file("q.txt", QueryRead::Encode),
            Piece::Bytes(b"&@q.txt".to_vec()),
        ])
    );
    assert_eq!(
        serde_json::to_string(&r.url).unwrap(),
        r#"[{"text":"https://h.example/p?"},{"query_file":"q.txt","query_read":"urlencode"},{"text":"&@q.txt"}]"#
    );
}

#[test]
fn url_query_from_stdin_is_still_read_now() {
    let (r, _) = one_with(
        &["https://h.example/p", "--url-query", "q@-"],
        Some(Stdin::Bytes(
            b"a b
"
            .to_vec(),
        )),
    );
    assert_eq!(url(&r), "https://h.example/p?q=a+b%0a");
}

#[test]
fn url_query_plus_is_raw_and_starts_the_query() {
    // verified: `+b=%3A` is appended unencoded (as `%3a` by curl 7.88).
    let (r, _) = one(&["https://h.example/p", "--url-query", "+b=%3A"]);
    assert_eq!(url(&r), "https://h.example/p?b=%3a");
}

#[test]
fn url_query_goes_before_a_dropped_fragment() {
    let (r, _) = one(&["https://h.example/p#top", "--url-query", "x=1"]);
    assert_eq!(url(&r), "https://h.example/p?x=1");
}

#[test]
fn url_query_with_env_url_appends_after_question_mark_check() {
    let (r, _) = one(&["${BASE}/s?q=1", "--url-query", "x=2"]);
    assert_eq!(r.url.display(), "$BASE/s?q=1&x=2");
}

// ---------------------------------------------------------------------------------------------
// -G

#[test]
fn get_moves_data_into_the_query() {
    // verified: `-G -d x=1 -d y=2` sends `GET /?x=1&y=2` with no body.
    let (r, _) = one(&["-G", "-d", "x=1", "-d", "y=2", "https://h.example"]);
    assert_eq!(r.method, Method::Get);
    assert_eq!(url(&r), "https://h.example/?x=1&y=2");
    assert_eq!(r.body, None);
    assert!(r.header("Content-Type").is_none());
}

#[test]
fn get_appends_to_an_existing_query_and_lowercases_escapes() {
    // verified: `/p?q` + `-G --data-urlencode 'n=a b/c~é' -d k=%2F` → `/p?q&n=a+b%2fc~%c3%a9&k=%2f`.
    let (r, _) = one(&[
        "https://h.example/p?q",
        "-G",
        "--data-urlencode",
        "n=a b/c~é",
        "-d",
        "k=%2F",
    ]);
    assert_eq!(url(&r), "https://h.example/p?q&n=a+b%2fc~%c3%a9&k=%2f");
}

#[test]
fn get_with_head_is_head() {
    // verified: `-G -I -d a=1` sends `HEAD /?a=1`.
    let (r, _) = one(&["-G", "-I", "-d", "a=1", "https://h.example/"]);
    assert_eq!(r.method, Method::Head);
    assert_eq!(url(&r), "https://h.example/?a=1");
}

#[test]
fn get_with_data_ignores_url_query() {
    // verified: curl 7.88 drops --url-query when -G has data (curl 8 too: append2query gets
    // `httpgetfields ? httpgetfields : config->query`).
    let (r, w) = one(&[
        "https://h.example/p?z",
        "-G",
        "-d",
        "a=1",
        "--url-query",
        "b=2",
    ]);
    assert_eq!(url(&r), "https://h.example/p?z&a=1");
    assert!(has_warning(&w, "ignores --url-query"));
}

#[test]
fn get_without_data_keeps_url_query() {
    let (r, _) = one(&["-G", "https://h.example/p", "--url-query", "b=2"]);
    assert_eq!(url(&r), "https://h.example/p?b=2");
}

#[test]
fn get_reads_data_files_when_the_program_runs() {
    // -d strips CR and LF, --data-binary keeps the bytes, --data-urlencode encodes them: each
    // a file read when the program runs (it need not exist now), joined by `&`.
    let (r, w) = one(&[
        "-G",
        "-d",
        "@/nonexistent/curl2code/g.txt",
        "--data-binary",
        "@b.bin",
        "--data-urlencode",
        "n@e.txt",
        "-d",
        "k=%2F",
        "https://h.example/s?z=1",
    ]);
    assert_eq!(
        r.url,
        Value(vec![
            Piece::Bytes(b"https://h.example/s?z=1&".to_vec()),
            query_file("/nonexistent/curl2code/g.txt", QueryRead::StripNewlines),
            Piece::Bytes(b"&".to_vec()),
            query_file("b.bin", QueryRead::Raw),
            Piece::Bytes(b"&n=".to_vec()),
            query_file("e.txt", QueryRead::Encode),
            Piece::Bytes(b"&k=%2f".to_vec()),
        ])
    );
    assert_eq!(r.body, None);
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn get_with_a_data_file_named_by_a_variable_reads_it_at_run_time() {
    // The program reads `$DIR` and then the file, as it reads a `-d @"$DIR/x"` body.
    let (r, _) = one(&["-G", "-d", "@${DIR}/x", "https://h.example/"]);
    let mut path = Value::env("DIR");
    path.push_bytes(b"/x");
    let file = Piece::QueryFile {
        path,
        read: QueryRead::StripNewlines,
    };
    assert_eq!(r.url.0.last(), Some(&file));
}

#[test]
fn get_with_stdin_data_uses_known_bytes() {
    let (r, _) = one_with(
        &["-G", "-d", "@-", "https://h.example/"],
        Some(Stdin::Bytes(b"q=1\n".to_vec())),
    );
    assert_eq!(url(&r), "https://h.example/?q=1");
}

#[test]
fn get_with_unknown_stdin_is_an_error() {
    let e = err(&["-G", "-d", "@-", "https://h.example/"]);
    assert!(e.message.contains("stdin"));
}

fn query_file(path: &str, read: QueryRead) -> Piece {
    Piece::QueryFile {
        path: Value::bytes(path),
        read,
    }
}
