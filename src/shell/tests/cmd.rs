//! Windows cmd.exe: carets, quotes, `%VAR%`, the C runtime argv rules, Chrome's output formats.

use super::*;

fn c(src: &str) -> (Script, Vec<Diagnostic>) {
    run(src, Dialect::Cmd)
}

fn cmd(src: &str) -> Vec<String> {
    let (s, _) = c(src);
    assert_eq!(s.commands.len(), 1, "{s:?}");
    argv(&s.commands[0])
}

/// Characters Chrome leaves alone: `[a-zA-Z0-9\s_\-:=+~'/.',?;()*`]` (JS `\s`).
fn chrome_safe(ch: char) -> bool {
    ch.is_ascii_alphanumeric() || ch.is_whitespace() || "_-:=+~'/.,?;()*`".contains(ch)
}

/// Chrome's current `escapeStringWin`, written from its documented steps: double backslashes,
/// `"` → `\"`, caret before every unsafe character, `%X` → `%^X`, newline → `^` + 2 newlines,
/// all inside `^"…^"`.
pub(super) fn chrome_win(s: &str) -> String {
    chrome_win_with(s, "^\"", false)
}

/// The 2020–2022 variant: plain `"…"` unless the value has a newline, and `&` left alone.
pub(super) fn chrome_win_2020(s: &str) -> String {
    let encaps = if s.contains(['\r', '\n']) {
        "^\""
    } else {
        "\""
    };
    chrome_win_with(s, encaps, true)
}

fn chrome_win_with(s: &str, encaps: &str, amp_safe: bool) -> String {
    let doubled = s.replace('\\', "\\\\").replace('"', "\\\"");
    let mut careted = String::new();
    for ch in doubled.chars() {
        if !(chrome_safe(ch) || (amp_safe && ch == '&')) {
            careted.push('^');
        }
        careted.push(ch);
    }
    let mut out = String::new();
    let chars: Vec<char> = careted.chars().collect();
    for (i, ch) in chars.iter().enumerate() {
        out.push(*ch);
        if *ch == '%'
            && chars
                .get(i + 1)
                .is_some_and(|n| n.is_ascii_alphanumeric() || *n == '_')
        {
            out.push('^');
        }
    }
    let out = out.replace("\r\n", "\n").replace('\n', "^\n\n");
    format!("{encaps}{out}{encaps}")
}

/// The older Chrome/Firefox `escapeStringWin`: `"` → `""`, `%` → `"%"`, backslashes doubled.
pub(super) fn quote_quote_win(s: &str) -> String {
    format!(
        "\"{}\"",
        s.replace('"', "\"\"")
            .replace('%', "\"%\"")
            .replace('\\', "\\\\")
    )
}

/// What curl.exe receives for a value Chrome escaped: runs of backslashes that do not end
/// before a quote (or at the end of the value) arrive doubled.
pub(super) fn chrome_received(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i] == '\\' {
            let n = chars[i..].iter().take_while(|c| **c == '\\').count();
            let before_quote = matches!(chars.get(i + n), Some('"') | None);
            out.push_str(&"\\".repeat(if before_quote { n } else { 2 * n }));
            i += n;
        } else {
            out.push(chars[i]);
            i += 1;
        }
    }
    out
}

// ---- carets and quotes ----

#[test]
fn caret_escapes() {
    assert_eq!(
        cmd(r#"curl a^&b ^"c d^" x^^y ^%PATH^% ^<^>^|"#),
        ["curl", "a&b", "c d", "x^y", "%PATH%", "<>|"]
    );
}

#[test]
fn carets_are_literal_inside_quotes() {
    assert_eq!(cmd(r#"curl "a^b & c""#), ["curl", "a^b & c"]);
}

#[test]
fn caret_continuation_joins_lines() {
    let (s, w) = c("curl https://x ^\n  -H \"a: b\" ^\r\n  --compressed");
    assert!(w.is_empty());
    assert_eq!(
        argvs(&s),
        [["curl", "https://x", "-H", "a: b", "--compressed"]]
    );
}

#[test]
fn caret_continuation_with_trailing_spaces_warns() {
    let src = "curl https://x ^  \n  -s";
    let (s, w) = c(src);
    assert_eq!(argvs(&s), [["curl", "https://x", "-s"]]);
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), "^  ");
    well_formed(&w);
}

#[test]
fn caret_newline_newline_is_a_literal_newline() {
    assert_eq!(cmd("echo ^\"a^\n\nb^\""), ["echo", "a\nb"]);
}

#[test]
fn msvcrt_backslash_rules() {
    assert_eq!(
        cmd(r#"curl "a\"b" a\\b "c\\" d\\\"e "x""y" """#),
        ["curl", "a\"b", r"a\\b", r"c\", r#"d\"e"#, "x\"y", ""]
    );
}

#[test]
fn msvcrt_quotes_inside_a_word() {
    assert_eq!(cmd(r#"curl -H"a: b"c x""""y"#), ["curl", "-Ha: bc", "x\"y"]);
}

#[test]
fn program_name_rules() {
    // argv[0] takes quotes away but keeps backslashes.
    assert_eq!(
        cmd(r#""C:\Program Files\curl\curl.exe" -s"#),
        [r"C:\Program Files\curl\curl.exe", "-s"]
    );
}

#[test]
fn percent_variables() {
    let (s, _) = c(r#"curl -H "Authorization: Bearer %TOKEN%" %HOST%/x"#);
    let w = &s.commands[0].words;
    assert_eq!(
        w[2].parts,
        [
            WordPart::Lit(b"Authorization: Bearer ".to_vec()),
            WordPart::Env("TOKEN".into())
        ]
    );
    assert_eq!(
        w[3].parts,
        [WordPart::Env("HOST".into()), WordPart::Lit(b"/x".to_vec())]
    );
}

#[test]
fn percent_encoding_is_not_a_variable() {
    assert_eq!(
        cmd(r#"curl "https://x/?q=%E2%80%99%20a%2Fb%""#),
        ["curl", "https://x/?q=%E2%80%99%20a%2Fb%"]
    );
}

#[test]
fn command_separators() {
    let (s, _) = c("curl a & curl b && curl c || curl d\ncurl e");
    assert_eq!(
        argvs(&s),
        [
            ["curl", "a"],
            ["curl", "b"],
            ["curl", "c"],
            ["curl", "d"],
            ["curl", "e"]
        ]
    );
}

#[test]
fn comments_prompts_and_at_sign() {
    let (s, _) =
        c("rem a comment & not a command\n:: another\n@curl a\nC:\\Users\\me>curl b\nREM\n");
    assert_eq!(argvs(&s), [["curl", "a"], ["curl", "b"]]);
}

#[test]
fn glued_ampersand_in_url() {
    let src = "curl https://x/?a=1&b=2";
    let (s, w) = c(src);
    assert_eq!(argvs(&s), [["curl", "https://x/?a=1&b=2"]]);
    assert_eq!(w.len(), 1);
    assert_eq!(w[0].span, Some(Span::new(19, 20)));
    well_formed(&w);
}

#[test]
fn redirections() {
    let src = "curl -d @- x < body.json > out.txt 2>&1 2>nul";
    let (s, w) = c(src);
    assert!(w.is_empty());
    assert_eq!(argvs(&s), [["curl", "-d", "@-", "x"]]);
    match &s.commands[0].stdin {
        Some(Stdin::File(f)) => assert_eq!(at(src, f.span), "body.json"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn echo_pipe() {
    let (s, w) = c(r#"echo {"a":1}| curl -d @- x"#);
    assert_eq!(argvs(&s), [["curl", "-d", "@-", "x"]]);
    assert_eq!(
        s.commands[0].stdin,
        Some(Stdin::Bytes(b"{\"a\":1}\r\n".to_vec()))
    );
    assert_eq!(w.len(), 1);
    let (s, _) = c("type body.json | curl -d @- x");
    assert!(matches!(&s.commands[0].stdin, Some(Stdin::File(f)) if bytes(f) == b"body.json"));
}

#[test]
fn unclosed_quote_is_an_error() {
    let src = "curl \"https://x -s";
    let e = error(src, Dialect::Cmd);
    assert_eq!(e.span, Some(Span::new(5, 6)));
    assert_eq!(e.label.as_deref(), Some("this quote is never closed"));
}

#[test]
fn escaped_quote_span_covers_the_caret() {
    let src = "curl ^\"https://x^\"";
    let (s, _) = c(src);
    assert_eq!(at(src, s.commands[0].words[1].span), "^\"https://x^\"");
}

// ---- Chrome "Copy as cURL (cmd)" ----

#[test]
fn chrome_cmd_sample() {
    let src = concat!(
        "curl ^\"https://api.example.com/v1/items?page=2^&sort=desc^\" ^\n",
        "  -H ^\"accept: application/json, text/plain, */*^\" ^\n",
        "  -H ^\"content-type: application/json^\" ^\n",
        "  -b ^\"session=abc123; theme=dark^\" ^\n",
        "  -H ^\"sec-ch-ua: ^\\^\"Chromium^\\^\";v=^\\^\"124^\\^\"^\" ^\n",
        "  -H ^\"user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)^\" ^\n",
        "  --data-raw ^\"^{^\\^\"name^\\^\":^\\^\"caf^\u{e9} 100^%^ off^\\^\",^\\^\"n^\\^\":1^}^\""
    );
    let (s, w) = c(src);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        argvs(&s),
        [[
            "curl",
            "https://api.example.com/v1/items?page=2&sort=desc",
            "-H",
            "accept: application/json, text/plain, */*",
            "-H",
            "content-type: application/json",
            "-b",
            "session=abc123; theme=dark",
            "-H",
            "sec-ch-ua: \"Chromium\";v=\"124\"",
            "-H",
            "user-agent: Mozilla/5.0 (Windows NT 10.0; Win64; x64)",
            "--data-raw",
            "{\"name\":\"caf\u{e9} 100% off\",\"n\":1}",
        ]]
    );
    assert!(at(src, s.commands[0].words[1].span).starts_with("^\"https"));
}

#[test]
fn chrome_cmd_body_with_newlines_and_percent() {
    let body = "line1\nline2 %PATH% 50%\ttab";
    let src = format!("curl ^\"https://x^\" ^\n  --data-raw {}", chrome_win(body));
    let (s, w) = c(&src);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(bytes(&s.commands[0].words[3]), body.as_bytes());
}

#[test]
fn chrome_cmd_backslashes_arrive_doubled() {
    let src = format!(
        "curl ^\"https://x^\" --data-raw {}",
        chrome_win(r#"{"p":"C:\\dir"}"#)
    );
    let (s, w) = c(&src);
    assert_eq!(bytes(&s.commands[0].words[3]), br#"{"p":"C:\\\\dir"}"#);
    assert_eq!(w.len(), 1);
    well_formed(&w);
}

#[test]
fn chrome_copy_all_as_curl_cmd() {
    let src = "curl ^\"https://x/a^\" ^\n  -H ^\"accept: */*^\" &\r\ncurl ^\"https://x/b^\" ^\n  -X ^\"DELETE^\"";
    let (s, _) = c(src);
    assert_eq!(
        argvs(&s),
        [
            vec!["curl", "https://x/a", "-H", "accept: */*"],
            vec!["curl", "https://x/b", "-X", "DELETE"]
        ]
    );
}

#[test]
fn old_chrome_carets_inside_quotes() {
    // The form in the brief and in Chrome 2020–2022: carets inside plain quotes.
    let src = r#"curl "https://x" --data-raw "{^\^"a^\^":1}""#;
    let (s, w) = c(src);
    assert_eq!(
        argvs(&s),
        [["curl", "https://x", "--data-raw", "{\"a\":1}"]]
    );
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), "^\\");
    well_formed(&w);
    let src = format!(
        "curl {} -H {}",
        chrome_win_2020("https://x/?a=1&b=[2]"),
        chrome_win_2020("sec-ch-ua: \"A\";v=\"1\"")
    );
    let (s, _) = c(&src);
    assert_eq!(
        argvs(&s),
        [[
            "curl",
            "https://x/?a=1&b=[2]",
            "-H",
            "sec-ch-ua: \"A\";v=\"1\""
        ]]
    );
}

#[test]
fn caret_quotes_with_doubled_inner_quotes() {
    // `^"…^"` around a value whose quotes are doubled: cmd toggles its quote mode twice at
    // each `""`, and the C runtime reads `""` inside quotes as one quote.
    let (s, w) = c(r#"curl ^"https://x^" --data-raw ^"{""a"":""b c"",""d"":^[1^]}^""#);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        argvs(&s),
        [["curl", "https://x", "--data-raw", r#"{"a":"b c","d":[1]}"#]]
    );
}

#[test]
fn old_firefox_double_quote_format() {
    let src = r#"curl "https://x" -H "Accept: */*" --data "{""data"":{""name"":""the man"",""pct"":""50"%"""}}""#;
    let (s, w) = c(src);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        argvs(&s),
        [[
            "curl",
            "https://x",
            "-H",
            "Accept: */*",
            "--data",
            r#"{"data":{"name":"the man","pct":"50%"}}"#
        ]]
    );
}
