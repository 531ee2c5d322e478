//! PowerShell: backticks, quotes, `$env:`, here-strings, `--%`, native argument quirks.

use super::*;

fn p(src: &str) -> (Script, Vec<Diagnostic>) {
    run(src, Dialect::PowerShell)
}

fn ps(src: &str) -> Vec<String> {
    let (s, _) = p(src);
    assert_eq!(s.commands.len(), 1, "{s:?}");
    argv(&s.commands[0])
}

#[test]
fn single_quotes_double_to_escape() {
    assert_eq!(
        ps("curl.exe 'it''s' '$env:X `n'"),
        ["curl.exe", "it's", "$env:X `n"]
    );
}

#[test]
fn double_quotes_with_backtick_escapes() {
    let (s, w) = p(r#"curl.exe "a`tb`n`"q`" `$x ""y"" `u{e9}""#);
    assert_eq!(
        bytes(&s.commands[0].words[1]),
        "a\tb\n\"q\" $x \"y\" \u{e9}".as_bytes()
    );
    // The argument holds double quotes: PowerShell 5.1 would drop them.
    assert_eq!(w.len(), 1);
    well_formed(&w);
}

#[test]
fn env_variables() {
    let (s, w) = p(r#"curl.exe -H "Authorization: Bearer $env:TOKEN" ${env:API_HOST}/x $ENV:Path"#);
    assert!(w.is_empty(), "{w:?}");
    let words = &s.commands[0].words;
    assert_eq!(
        words[2].parts,
        [
            WordPart::Lit(b"Authorization: Bearer ".to_vec()),
            WordPart::Env("TOKEN".into())
        ]
    );
    assert_eq!(
        words[3].parts,
        [
            WordPart::Env("API_HOST".into()),
            WordPart::Lit(b"/x".to_vec())
        ]
    );
    assert_eq!(words[4].parts, [WordPart::Env("Path".into())]);
}

#[test]
fn other_variables_stay_literal_with_a_warning() {
    let src = r#"curl.exe "$token" $(Get-Date) '$x'"#;
    let (s, w) = p(src);
    assert_eq!(
        argv(&s.commands[0]),
        ["curl.exe", "$token", "$(Get-Date)", "$x"]
    );
    assert_eq!(w.len(), 2);
    assert_eq!(at(src, w[0].span.unwrap()), "$token");
    assert_eq!(at(src, w[1].span.unwrap()), "$(Get-Date)");
    well_formed(&w);
}

#[test]
fn backtick_continuation() {
    let (s, w) = p("curl.exe https://x `\n  -H 'a: b' `\r\n  --compressed");
    assert!(w.is_empty());
    assert_eq!(
        argvs(&s),
        [["curl.exe", "https://x", "-H", "a: b", "--compressed"]]
    );
}

#[test]
fn backtick_continuation_with_trailing_spaces() {
    let src = "curl.exe https://x ` \n -s";
    let (s, w) = p(src);
    assert_eq!(argvs(&s), [["curl.exe", "https://x", "-s"]]);
    assert_eq!(at(src, w[0].span.unwrap()), "` ");
    well_formed(&w);
}

#[test]
fn bare_word_escapes() {
    assert_eq!(
        ps("curl.exe a`&b a`;b `$HOME"),
        ["curl.exe", "a&b", "a;b", "$HOME"]
    );
}

#[test]
fn curl_alias_warning() {
    let src = "curl https://x";
    let (s, w) = p(src);
    assert_eq!(argvs(&s), [["curl", "https://x"]]);
    assert_eq!(
        w[0].message,
        "in Windows PowerShell 5 `curl` is Invoke-WebRequest; converted as curl.exe"
    );
    assert_eq!(at(src, w[0].span.unwrap()), "curl");
}

#[test]
fn call_operator_is_stripped() {
    assert_eq!(
        ps("& 'C:\\Program Files\\curl.exe' -s x"),
        ["C:\\Program Files\\curl.exe", "-s", "x"]
    );
}

#[test]
fn stop_parsing_token() {
    let (s, _) = p("curl.exe --% -H \"a: %TOKEN%\" -d {\"x\":1} 'q'");
    let words = &s.commands[0].words;
    assert_eq!(
        argv(&s.commands[0]),
        ["curl.exe", "-H", "a: $TOKEN", "-d", "{x:1}", "'q'"]
    );
    assert_eq!(words[2].parts[1], WordPart::Env("TOKEN".into()));
}

#[test]
fn here_strings() {
    let (s, w) = p("curl.exe -d @'\n{\"a\": \"$x\"}\n'@ https://x");
    assert_eq!(
        argvs(&s),
        [["curl.exe", "-d", "{\"a\": \"$x\"}", "https://x"]]
    );
    assert_eq!(w.len(), 1, "{w:?}");
    let (s, _) = p("curl.exe -d @\"\r\nk=$env:V\r\n\"@ x");
    assert_eq!(
        s.commands[0].words[2].parts,
        [WordPart::Lit(b"k=".to_vec()), WordPart::Env("V".into())]
    );
}

#[test]
fn comments_and_separators() {
    let (s, _) = p("# comment\ncurl.exe a; curl.exe b <# block\n comment #> -s && curl.exe c");
    assert_eq!(
        argvs(&s),
        [
            vec!["curl.exe", "a"],
            vec!["curl.exe", "b", "-s"],
            vec!["curl.exe", "c"]
        ]
    );
}

#[test]
fn redirections_are_dropped() {
    let (s, _) = p("curl.exe x > out.txt 2>&1 *> $null");
    assert_eq!(argvs(&s), [["curl.exe", "x"]]);
}

#[test]
fn input_redirection_is_an_error() {
    let e = error("curl.exe -d '@-' x < body.json", Dialect::PowerShell);
    assert_eq!(e.span, Some(Span::new(19, 20)));
}

#[test]
fn string_piped_into_curl() {
    let (s, w) = p(r#"'{"a":1}' | curl.exe -d '@-' https://x"#);
    assert_eq!(argvs(&s), [["curl.exe", "-d", "@-", "https://x"]]);
    assert_eq!(
        s.commands[0].stdin,
        Some(Stdin::Bytes(b"{\"a\":1}\r\n".to_vec()))
    );
    assert_eq!(w.len(), 1);
    let (s, _) = p("Get-Content body.json | curl.exe -d '@-' x");
    assert!(matches!(&s.commands[0].stdin, Some(Stdin::File(f)) if bytes(f) == b"body.json"));
}

#[test]
fn pipeline_continues_after_trailing_pipe() {
    let (s, _) = p("'x' |\n  curl.exe -d '@-' u");
    assert_eq!(argvs(&s), [["curl.exe", "-d", "@-", "u"]]);
    assert_eq!(s.commands[0].stdin, Some(Stdin::Bytes(b"x\r\n".to_vec())));
}

#[test]
fn backslash_quote_is_read_the_windows_powershell_way() {
    // Inside PowerShell double quotes a backslash is literal and `"` ends the string.
    assert_eq!(ps(r#"curl.exe "x: \"y\"""#), ["curl.exe", r"x: \y\"]);
    let src = r#"curl.exe -d '{\"a\": \"b c\"}' -H 'x: \"y\"' u"#;
    let (s, w) = p(src);
    assert_eq!(
        argvs(&s),
        [["curl.exe", "-d", "{\"a\": \"b c\"}", "-H", "x: \"y\"", "u"]]
    );
    assert_eq!(w.len(), 2);
    assert_eq!(at(src, w[0].span.unwrap()), r#"'{\"a\": \"b c\"}'"#);
    well_formed(&w);
}

#[test]
fn splatting_warning() {
    let src = "curl.exe -d @data.json u";
    let (s, w) = p(src);
    assert_eq!(argvs(&s), [["curl.exe", "-d", "@data.json", "u"]]);
    assert_eq!(at(src, w[0].span.unwrap()), "@data.json");
    well_formed(&w);
}

#[test]
fn typographic_quotes() {
    assert_eq!(
        ps("curl.exe \u{2018}a b\u{2019} \u{201C}c d\u{201D}"),
        ["curl.exe", "a b", "c d"]
    );
}

#[test]
fn glued_ampersand_in_url() {
    let (s, w) = p("curl.exe https://x/?a=1&b=2");
    assert_eq!(argvs(&s), [["curl.exe", "https://x/?a=1&b=2"]]);
    assert_eq!(w.len(), 1);
}

#[test]
fn unclosed_quotes() {
    let e = error("curl.exe 'abc", Dialect::PowerShell);
    assert_eq!(e.span, Some(Span::new(9, 10)));
    assert_eq!(e.label.as_deref(), Some("this quote is never closed"));
    let e = error("curl.exe -d \"abc`\"", Dialect::PowerShell);
    assert_eq!(e.span, Some(Span::new(12, 13)));
    error("curl.exe -d @'\nabc\n", Dialect::PowerShell);
    error("curl.exe $(get", Dialect::PowerShell);
    error("curl.exe <# x", Dialect::PowerShell);
}

#[test]
fn empty_argument_warning() {
    let (s, w) = p("curl.exe -H '' u");
    assert_eq!(s.commands[0].words.len(), 4);
    assert_eq!(w.len(), 1);
}

#[test]
fn pasted_prompt_is_stripped() {
    let (s, _) = p("PS C:\\Users\\me> curl.exe -s x\nPS> curl.exe y");
    assert_eq!(
        argvs(&s),
        [vec!["curl.exe", "-s", "x"], vec!["curl.exe", "y"]]
    );
}

#[test]
fn typical_powershell_paste() {
    let src = "curl.exe -X POST `\n  -H 'Content-Type: application/json' `\n  -H \"Authorization: Bearer $env:API_TOKEN\" `\n  -d '{\"name\": \"x\"}' `\n  'https://api.example.com/v1/items?limit=10'";
    let (s, _) = p(src);
    assert_eq!(
        argv(&s.commands[0]),
        [
            "curl.exe",
            "-X",
            "POST",
            "-H",
            "Content-Type: application/json",
            "-H",
            "Authorization: Bearer $API_TOKEN",
            "-d",
            "{\"name\": \"x\"}",
            "https://api.example.com/v1/items?limit=10"
        ]
    );
}
