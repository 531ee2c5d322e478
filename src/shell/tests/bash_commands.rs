//! bash / POSIX sh commands: separators, pipes, redirections, wrappers, errors, real browser output.

use super::*;

fn b(src: &str) -> (Script, Vec<Diagnostic>) {
    run(src, Dialect::Bash)
}

// ---- separators ----

#[test]
fn command_separators() {
    let (s, _) = b("curl a; curl b && curl c || curl d & curl e\ncurl f");
    assert_eq!(
        argvs(&s),
        [
            ["curl", "a"],
            ["curl", "b"],
            ["curl", "c"],
            ["curl", "d"],
            ["curl", "e"],
            ["curl", "f"]
        ]
    );
}

#[test]
fn empty_commands_are_skipped() {
    let (s, _) = b("\n\n ; ;\n curl x ;\n\n");
    assert_eq!(argvs(&s), [["curl", "x"]]);
}

#[test]
fn pasted_prompts_are_stripped() {
    let (s, _) = b("$ curl a\n% curl b\n  $ curl c \\\n> -s");
    assert_eq!(
        argvs(&s),
        [
            vec!["curl", "a"],
            vec!["curl", "b"],
            vec!["curl", "c", "-s"]
        ]
    );
}

#[test]
fn other_commands_are_kept() {
    let (s, _) = b("export TOKEN=abc\nTOKEN=x\ncurl -H \"t: $TOKEN\" x");
    assert_eq!(
        argvs(&s),
        [
            vec!["export", "TOKEN=abc"],
            vec!["TOKEN=x"],
            vec!["curl", "-H", "t: $TOKEN", "x"]
        ]
    );
}

#[test]
fn command_span_covers_the_command() {
    let src = "  curl 'x' \\\n  -s ; echo";
    let (s, _) = b(src);
    assert_eq!(at(src, s.commands[0].span), "curl 'x' \\\n  -s");
    assert_eq!(at(src, s.commands[1].span), "echo");
}

#[test]
fn word_spans_include_quotes() {
    let src = r#"curl 'a b' "c"d $'\n' $X"#;
    let (s, _) = b(src);
    let spans: Vec<&str> = s.commands[0]
        .words
        .iter()
        .map(|w| at(src, w.span))
        .collect();
    assert_eq!(spans, ["curl", "'a b'", r#""c"d"#, r"$'\n'", "$X"]);
}

// ---- the unquoted `&` in URLs ----

#[test]
fn glued_ampersand_in_url_stays_in_the_word() {
    let src = "curl https://x/?a=1&b=2&c=3 -s";
    let (s, w) = b(src);
    assert_eq!(argvs(&s), [["curl", "https://x/?a=1&b=2&c=3", "-s"]]);
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), "&");
    assert_eq!(w[0].span.unwrap().start, src.find('&').unwrap());
    assert_eq!(
        w[0].help.as_deref(),
        Some("quote the URL: 'https://x/?a=1&b=2&c=3'")
    );
}

#[test]
fn ampersand_with_spaces_is_still_background() {
    let (s, w) = b("curl https://x/?a=1 & curl y");
    assert!(w.is_empty());
    assert_eq!(argvs(&s), [["curl", "https://x/?a=1"], ["curl", "y"]]);
}

#[test]
fn ampersand_without_query_is_background() {
    let (s, _) = b("curl https://x/a&b");
    assert_eq!(argvs(&s), [vec!["curl", "https://x/a"], vec!["b"]]);
}

// ---- pipes ----

fn stdin_of(src: &str) -> (Script, Vec<Diagnostic>, Option<Stdin>) {
    let (s, w) = b(src);
    let stdin = s.commands.last().and_then(|c| c.stdin.clone());
    (s, w, stdin)
}

#[test]
fn echo_pipe_becomes_stdin() {
    let (s, _, stdin) = stdin_of(r#"echo '{"a":1}' x | curl -d @- https://x"#);
    assert_eq!(argvs(&s), [["curl", "-d", "@-", "https://x"]]);
    assert_eq!(stdin, Some(Stdin::Bytes(b"{\"a\":1} x\n".to_vec())));
}

#[test]
fn echo_options() {
    assert_eq!(
        stdin_of("echo -n hi | curl x").2,
        Some(Stdin::Bytes(b"hi".to_vec()))
    );
    assert_eq!(
        stdin_of(r"echo -e 'a\tb\x41' | curl x").2,
        Some(Stdin::Bytes(b"a\tbA\n".to_vec()))
    );
    assert_eq!(
        stdin_of(r"echo -ne 'a\nb\c ignored' | curl x").2,
        Some(Stdin::Bytes(b"a\nb".to_vec()))
    );
    assert_eq!(
        stdin_of("echo -x y | curl x").2,
        Some(Stdin::Bytes(b"-x y\n".to_vec()))
    );
}

#[test]
fn printf_pipe() {
    assert_eq!(
        stdin_of(r"printf '%s' '{}' | curl x").2,
        Some(Stdin::Bytes(b"{}".to_vec()))
    );
    assert_eq!(
        stdin_of(r"printf 'a=%s\n' 1 2 | curl x").2,
        Some(Stdin::Bytes(b"a=1\na=2\n".to_vec()))
    );
    assert_eq!(
        stdin_of(r"printf '%5s|%-3d|%%|%b' ab 7 'x\ty' | curl x").2,
        Some(Stdin::Bytes(b"   ab|7  |%|x\ty".to_vec()))
    );
    assert_eq!(
        stdin_of(r"printf 'no newline' | curl x").2,
        Some(Stdin::Bytes(b"no newline".to_vec()))
    );
}

#[test]
fn printf_unsupported_directive_warns() {
    let (_, w, stdin) = stdin_of(r"printf '%f' 1.5 | curl x");
    assert_eq!(stdin, Some(Stdin::Bytes(b"1.5".to_vec())));
    assert_eq!(w.len(), 1);
    well_formed(&w);
}

#[test]
fn cat_pipe_is_a_file() {
    let (s, _, stdin) = stdin_of("cat body.json | curl -d @- x");
    assert_eq!(s.commands.len(), 1);
    match stdin {
        Some(Stdin::File(w)) => assert_eq!(bytes(&w), b"body.json"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_producer_warns_and_is_listed() {
    let src = "jq -n '{a:1}' | curl -d @- x";
    let (s, w, stdin) = stdin_of(src);
    assert_eq!(
        argvs(&s),
        [vec!["jq", "-n", "{a:1}"], vec!["curl", "-d", "@-", "x"]]
    );
    assert_eq!(stdin, None);
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), "|");
    well_formed(&w);
}

#[test]
fn curl_piped_into_another_program() {
    let (s, w) = b("curl -s x | jq .");
    assert_eq!(argvs(&s), [vec!["curl", "-s", "x"], vec!["jq", "."]]);
    assert_eq!(w.len(), 1);
}

#[test]
fn echo_of_env_var_gives_unknown_stdin() {
    let (s, w, stdin) = stdin_of(r#"echo "$BODY" | curl -d @- x"#);
    assert_eq!(s.commands.len(), 1);
    assert_eq!(stdin, None);
    assert_eq!(w.len(), 1);
    well_formed(&w);
}

#[test]
fn sudo_echo_pipe_to_sudo_curl() {
    let (s, _, stdin) = stdin_of("sudo echo hi | sudo -u root curl x");
    assert_eq!(argvs(&s), [["curl", "x"]]);
    assert_eq!(stdin, Some(Stdin::Bytes(b"hi\n".to_vec())));
}

// ---- redirections ----

#[test]
fn input_redirection_is_a_file() {
    let src = "curl -d @- x < body.json";
    let (s, _) = b(src);
    match &s.commands[0].stdin {
        Some(Stdin::File(w)) => assert_eq!(at(src, w.span), "body.json"),
        other => panic!("{other:?}"),
    }
    assert_eq!(at(src, s.commands[0].span), src);
}

#[test]
fn output_redirections_are_dropped() {
    let (s, w) = b("curl x > out.txt 2>&1; curl y 2>/dev/null >> log &> all 1>| f 2> e.txt");
    assert!(w.is_empty());
    assert_eq!(argvs(&s), [["curl", "x"], ["curl", "y"]]);
}

#[test]
fn heredoc() {
    let src = "curl -d @- x <<EOF\n{\"a\": 1}\n  two\nEOF\ncurl y";
    let (s, w) = b(src);
    assert!(w.is_empty());
    assert_eq!(
        argvs(&s),
        [vec!["curl", "-d", "@-", "x"], vec!["curl", "y"]]
    );
    assert_eq!(
        s.commands[0].stdin,
        Some(Stdin::Bytes(b"{\"a\": 1}\n  two\n".to_vec()))
    );
}

#[test]
fn heredoc_quoted_delimiter_and_expansion_warning() {
    let (s, w) = b("curl -d @- x <<'END'\n$HOME \\$\nEND");
    assert!(w.is_empty());
    assert_eq!(
        s.commands[0].stdin,
        Some(Stdin::Bytes(b"$HOME \\$\n".to_vec()))
    );
    let (s, w) = b("curl -d @- x <<END\n$HOME \\$ \\\\\nEND\n");
    assert_eq!(
        s.commands[0].stdin,
        Some(Stdin::Bytes(b"$HOME $ \\\n".to_vec()))
    );
    assert_eq!(w.len(), 1);
    well_formed(&w);
}

#[test]
fn heredoc_strip_tabs_and_crlf() {
    let (s, _) = b("curl -d @- x <<-EOF\r\n\t\ta\r\n\tb\r\n\tEOF\r\n");
    assert_eq!(s.commands[0].stdin, Some(Stdin::Bytes(b"a\nb\n".to_vec())));
}

#[test]
fn cat_heredoc_piped_into_curl() {
    let src = "cat <<'JSON' | curl -H 'Content-Type: application/json' -d @- https://x\n{\"k\": \"v\"}\nJSON\n";
    let (s, w) = b(src);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        argvs(&s),
        [[
            "curl",
            "-H",
            "Content-Type: application/json",
            "-d",
            "@-",
            "https://x"
        ]]
    );
    assert_eq!(
        s.commands[0].stdin,
        Some(Stdin::Bytes(b"{\"k\": \"v\"}\n".to_vec()))
    );
}

#[test]
fn here_string() {
    let (s, _) = b("curl -d @- x <<< 'a b'");
    assert_eq!(s.commands[0].stdin, Some(Stdin::Bytes(b"a b\n".to_vec())));
    // With a variable: its value when the program runs, and bash's newline.
    let (s, w) = b("curl -d @- x <<<\"a $X\"");
    let Some(Stdin::Text(word)) = &s.commands[0].stdin else {
        panic!("{:?}", s.commands[0].stdin);
    };
    assert_eq!(
        word.parts,
        vec![
            WordPart::Lit(b"a ".to_vec()),
            WordPart::Env("X".to_string()),
            WordPart::Lit(b"\n".to_vec())
        ]
    );
    assert!(w.is_empty(), "{w:?}");
}

#[test]
fn own_redirection_wins_over_pipe() {
    let (s, _) = b("echo a | curl -d @- x <<< b");
    assert_eq!(s.commands[0].stdin, Some(Stdin::Bytes(b"b\n".to_vec())));
}

// ---- wrappers ----

#[test]
fn wrappers_are_stripped() {
    for src in [
        "sudo curl x",
        "sudo -E -u me curl x",
        "time curl x",
        "time -p curl x",
        "command curl x",
        "exec curl x",
        "noglob curl x",
        "nohup curl x",
        "env curl x",
        "sudo time command curl x",
        "\\curl x",
    ] {
        assert_eq!(bash(src), ["curl", "x"], "{src}");
    }
}

#[test]
fn assignment_prefix_is_dropped_with_a_warning() {
    let src = "LANG=C TOKEN='a b' curl x";
    let (s, w) = b(src);
    assert_eq!(argvs(&s), [["curl", "x"]]);
    assert_eq!(w.len(), 2);
    assert_eq!(at(src, w[1].span.unwrap()), "TOKEN='a b'");
    well_formed(&w);
    // Quoted, it is a program name, not an assignment.
    assert_eq!(bash("'A=b' x"), ["A=b", "x"]);
}

#[test]
fn env_with_assignments_and_timeout() {
    let (s, w) = b("env -i A=1 timeout -s KILL 10 curl x");
    assert_eq!(argvs(&s), [["curl", "x"]]);
    assert_eq!(w.len(), 2, "{w:?}");
}

#[test]
fn curl_paths_are_kept() {
    assert_eq!(bash("/usr/bin/curl x"), ["/usr/bin/curl", "x"]);
    assert_eq!(bash("curl.exe x"), ["curl.exe", "x"]);
}

// ---- errors ----

#[test]
fn unclosed_single_quote() {
    let src = "curl -H 'accept: */* https://x";
    let e = error(src, Dialect::Bash);
    assert_eq!(e.span, Some(Span::new(8, 9)));
    assert_eq!(e.label.as_deref(), Some("this quote is never closed"));
}

#[test]
fn shifted_quote_is_an_error() {
    let src = "curl 'https://api.example.com/ -H 'X: 1";
    let e = error(src, Dialect::Bash);
    assert_eq!(at(src, e.span.unwrap()), "'https://api.example.com/ -H '");
    assert_eq!(
        e.label.as_deref(),
        Some("this string runs into the next option (`-H`)")
    );
    // Options inside a quoted value are fine when the quote ends the word.
    assert_eq!(
        bash("curl -d 'a -b c' -d \"x --y\" z"),
        ["curl", "-d", "a -b c", "-d", "x --y", "z"]
    );
    // One quote lost: the balanced reading is left with an unterminated quote; the shift is
    // the better explanation.
    let e = error("curl 'https://x/ -H 'X: 1' -d 'a'", Dialect::Bash);
    assert!(e.message.starts_with("unbalanced quotes"), "{}", e.message);
    let e = error("curl \"https://x/ -H \"X: 1", Dialect::Bash);
    assert!(e.message.starts_with("unbalanced quotes"), "{}", e.message);
}

#[test]
fn quoted_option_text_glued_to_more_of_the_word_is_not_a_shifted_quote() {
    // Found by the escaping property suite: bash reads these as one balanced word each.
    assert_eq!(
        bash("curl -d 'a --b'c http://x/"),
        ["curl", "-d", "a --bc", "http://x/"]
    );
    assert_eq!(
        bash("curl -H 'X: --Z'$'\\xaf' http://x/"),
        ["curl", "-H", "X: --Z\u{fffd}", "http://x/"]
    );
    // The string ends with an option and a blank, but the next piece is quoted again.
    assert_eq!(
        bash("curl -d 'a -x '\"b c\" http://x/"),
        ["curl", "-d", "a -x b c", "http://x/"]
    );
    // The string ends with an option and a blank, glued to text, but later quotes pair up:
    // the balanced reading is plausible.
    assert_eq!(
        bash("curl -d 'a -x 'b -H 'c: d' http://x/"),
        ["curl", "-d", "a -x b", "-H", "c: d", "http://x/"]
    );
    // Nothing before the option: a value that is itself an option-like word.
    assert_eq!(
        bash("curl -d '-x 'b http://x/"),
        ["curl", "-d", "-x b", "http://x/"]
    );
}

#[test]
fn unclosed_double_quote() {
    let src = "curl x -d \"{\\\"a\\\": 1}";
    let e = error(src, Dialect::Bash);
    assert_eq!(at(src, e.span.unwrap()), "\"");
    assert_eq!(e.span.unwrap().start, 10);
    assert_eq!(e.label.as_deref(), Some("this quote is never closed"));
}

#[test]
fn unclosed_ansi_c_string() {
    let e = error(r"curl $'abc\'", Dialect::Bash);
    assert_eq!(e.span, Some(Span::new(5, 7)));
}

#[test]
fn unclosed_command_substitution() {
    let src = "curl \"$(date\"";
    let e = error(src, Dialect::Bash);
    assert_eq!(at(src, e.span.unwrap()), "$(");
    error("curl `date", Dialect::Bash);
    error("curl ${X", Dialect::Bash);
}

#[test]
fn heredoc_without_terminator() {
    let src = "curl -d @- x <<EOF\nbody\n";
    let e = error(src, Dialect::Bash);
    assert_eq!(at(src, e.span.unwrap()), "<<EOF");
    error("cat <<EOF", Dialect::Bash);
}

#[test]
fn redirection_without_target() {
    let e = error("curl x >", Dialect::Bash);
    assert_eq!(e.span, Some(Span::new(7, 8)));
}

#[test]
fn binary_input_is_refused() {
    let src = "curl x\n-d \u{1}\u{2}";
    let e = error(src, Dialect::Bash);
    assert!(
        e.message
            .contains("binary data (byte 0x01 at offset 10, line 2)"),
        "{}",
        e.message
    );
    assert_eq!(e.span, Some(Span::new(10, 11)));
    error("curl\0x", Dialect::Cmd);
    error("curl\u{7f}x", Dialect::PowerShell);
}

// ---- real browser output ----

#[test]
fn chrome_copy_as_curl_bash() {
    let src = r#"curl 'https://api.example.com/v1/items?page=2&sort=desc' \
  -H 'accept: application/json, text/plain, */*' \
  -H 'accept-language: en-US,en;q=0.9,fr;q=0.8' \
  -H 'content-type: application/json' \
  -b 'session=abc123; theme=dark' \
  -H 'origin: https://app.example.com' \
  -H 'sec-ch-ua: "Chromium";v="124", "Google Chrome";v="124", "Not-A.Brand";v="99"' \
  -H 'user-agent: Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36' \
  --data-raw $'{"name":"Bob\u2019s caf\u00e9","note":"line1\nline2","bang":"hi\u0021"}'"#;
    let (s, w) = b(src);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(s.commands.len(), 1);
    let words = &s.commands[0].words;
    assert_eq!(words.len(), 18);
    assert_eq!(
        bytes(&words[1]),
        b"https://api.example.com/v1/items?page=2&sort=desc"
    );
    assert_eq!(
        bytes(&words[13]),
        b"sec-ch-ua: \"Chromium\";v=\"124\", \"Google Chrome\";v=\"124\", \"Not-A.Brand\";v=\"99\""
    );
    assert_eq!(words[16].display(), "--data-raw");
    assert_eq!(
        String::from_utf8(bytes(&words[17])).unwrap(),
        "{\"name\":\"Bob\u{2019}s caf\u{e9}\",\"note\":\"line1\nline2\",\"bang\":\"hi!\"}"
    );
    assert!(at(src, words[17].span).starts_with("$'{"));
}

#[test]
fn chrome_copy_all_as_curl_bash() {
    let src = "curl 'https://x/a' \\\n  -H 'accept: */*' ;\ncurl 'https://x/b' \\\n  -X 'DELETE' \\\n  -H 'accept: */*'";
    let (s, _) = b(src);
    assert_eq!(
        argvs(&s),
        [
            vec!["curl", "https://x/a", "-H", "accept: */*"],
            vec!["curl", "https://x/b", "-X", "DELETE", "-H", "accept: */*"]
        ]
    );
}

#[test]
fn firefox_copy_as_curl() {
    let src = "curl 'https://api.example.com/login' -X POST -H 'User-Agent: Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0' -H 'Accept: */*' -H 'Accept-Language: en-US,en;q=0.5' -H 'Accept-Encoding: gzip, deflate, br' -H 'Content-Type: application/x-www-form-urlencoded' -H 'Origin: https://app.example.com' -H 'Connection: keep-alive' -H 'Cookie: sid=xyz' --data-raw 'user=bob&pass=it%27s' --compressed";
    let (s, w) = b(src);
    assert!(w.is_empty());
    let a = argv(&s.commands[0]);
    assert_eq!(a.len(), 23);
    assert_eq!(a[2..4], ["-X", "POST"]);
    assert_eq!(
        a[20..],
        ["--data-raw", "user=bob&pass=it%27s", "--compressed"]
    );
}

#[test]
fn firefox_ansi_c_body() {
    // Firefox escapes non-printable characters as \xHH and others as \uHHHH.
    let (s, _) = b(r"curl 'https://x' --data-raw $'a\x0ab\u00fc\'q'");
    assert_eq!(bytes(&s.commands[0].words[3]), "a\nbü'q".as_bytes());
}

#[test]
fn firefox_latin1_escape_is_one_byte_with_a_warning() {
    let src = r"curl x --data-raw $'caf\xe9'";
    let (s, w) = b(src);
    assert_eq!(bytes(&s.commands[0].words[3]), b"caf\xe9");
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), r"$'caf\xe9'");
    well_formed(&w);
    // Valid UTF-8 spelled with \x escapes is fine.
    let (_, w) = b(r"curl x --data-raw $'caf\xc3\xa9'");
    assert!(w.is_empty());
}

#[test]
fn warnings_are_well_formed() {
    let (_, w) =
        b("A=1 curl \"$(x)\" ${Y:-z} $1 `q` https://x/?a=1&b=2 \\  \n -s; jq . | curl -d @- x");
    assert!(w.len() >= 6);
    well_formed(&w);
}
