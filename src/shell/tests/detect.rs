//! Dialect detection on real browser output and hand-written commands.

use super::*;
use crate::shell::detect;

#[test]
fn chrome_bash_is_bash() {
    let src = "curl 'https://x/?a=1' \\\n  -H 'accept: */*' \\\n  -H 'sec-ch-ua: \"Chromium\";v=\"124\"' \\\n  --data-raw $'{\"a\":\"b\\u0021\"}'";
    assert_eq!(detect(src), Dialect::Bash);
}

#[test]
fn chrome_cmd_is_cmd() {
    let src = "curl ^\"https://x/?a=1^&b=2^\" ^\r\n  -H ^\"accept: */*^\" ^\r\n  --data-raw ^\"^{^\\^\"a^\\^\":1^}^\"";
    assert_eq!(detect(src), Dialect::Cmd);
    // Even a short one-line copy.
    assert_eq!(detect("curl ^\"https://x/^\" --compressed"), Dialect::Cmd);
}

#[test]
fn old_chrome_cmd_is_cmd() {
    assert_eq!(
        detect(r#"curl "https://x" -H "accept: */*" --data-raw "^{^\^"a^\^":1^}" --compressed"#),
        Dialect::Cmd
    );
}

#[test]
fn old_firefox_windows_is_cmd() {
    assert_eq!(
        detect(r#"curl "https://x" -H "Accept: */*" --data "{""a"":""b""}""#),
        Dialect::Cmd
    );
}

#[test]
fn powershell_is_powershell() {
    assert_eq!(
        detect("curl.exe -X POST `\n  -H 'a: b' `\n  https://x"),
        Dialect::PowerShell
    );
    assert_eq!(
        detect("curl -H \"Authorization: Bearer $env:TOKEN\" https://x"),
        Dialect::PowerShell
    );
    assert_eq!(
        detect("curl.exe -d '{\"a\":1}' https://x"),
        Dialect::PowerShell
    );
}

#[test]
fn percent_variables_mean_cmd() {
    assert_eq!(
        detect(r#"curl -H "Authorization: Bearer %TOKEN%" https://x"#),
        Dialect::Cmd
    );
    // Percent-encoding is not a variable.
    assert_eq!(
        detect("curl 'https://x/?q=%E2%80%99%ABC%20'"),
        Dialect::Bash
    );
}

#[test]
fn bash_escaped_backtick_before_a_quote_is_bash() {
    assert_eq!(
        detect(r#"curl x -H "X-Escapes: \"q\" \\ \$HOME \`tick\`" -H "Y: a\nb""#),
        Dialect::Bash
    );
    assert_eq!(detect(r#"curl.exe x -H "X: `"q`"""#), Dialect::PowerShell);
    // The Windows PowerShell 5.1 workaround for quotes.
    assert_eq!(
        detect(r#"curl.exe -d '{\"a\":1}' https://x"#),
        Dialect::PowerShell
    );
}

#[test]
fn plain_commands_default_to_bash() {
    assert_eq!(detect("curl https://example.com"), Dialect::Bash);
    assert_eq!(detect("curl -H \"a: b\" https://x"), Dialect::Bash);
    assert_eq!(detect(""), Dialect::Bash);
    assert_eq!(detect("echo `date` | curl -d @- x"), Dialect::Bash);
    assert_eq!(
        detect("curl -d '{\"re\":\"^\\\"x\"}' \\\n  https://x"),
        Dialect::Bash
    );
}

#[test]
fn bash_only_quoting_outweighs_cmd_look_alikes() {
    // Found by the escaping property suite: each was read as cmd.
    assert_eq!(detect(r#"curl -F $'a=""' http://x/"#), Dialect::Bash);
    assert_eq!(
        detect(r#"curl -H $'a:b' "http://x/%ee6t%3c""#),
        Dialect::Bash
    );
    assert_eq!(detect(r#"curl -d 'a=""' http://x/"#), Dialect::Bash);
    assert_eq!(
        detect(r#"curl -d 'it'\''s ""x""' http://x/"#),
        Dialect::Bash
    );
    // `%XX` escapes on both sides are percent-encoding, not `%VAR%`...
    assert_eq!(detect(r#"curl "http://x/%ee6t%3c""#), Dialect::Bash);
    // ...but a name followed by something else is still a variable.
    assert_eq!(detect(r#"curl "http://x/%DATA%/y""#), Dialect::Cmd);
    // A doubled quote outside single quotes still means cmd, apostrophes inside notwithstanding.
    assert_eq!(
        detect(r#"curl -d "{""msg"":""it's""}" https://x"#),
        Dialect::Cmd
    );
}

#[test]
fn tokenize_uses_detection() {
    let mut w = Vec::new();
    let s = tokenize("curl ^\"https://x^\"", None, &mut w).unwrap();
    assert_eq!(s.dialect, Dialect::Cmd);
    assert_eq!(argvs(&s), [["curl", "https://x"]]);
}

#[test]
fn backtick_substitution_in_double_quotes_is_bash() {
    assert_eq!(
        detect("curl \"https://h.example/a\" -H \"X-Time: `date +%s`\""),
        Dialect::Bash
    );
    assert_eq!(
        detect("curl -H \"Authorization: Bearer `cat token.txt`\" https://h.example/"),
        Dialect::Bash
    );
    assert_eq!(
        detect("curl -d \"v=$(cat x)\" -H \"X: `whoami`\" https://h.example/"),
        Dialect::Bash
    );
    // PowerShell's escaped quote and line continuations stay PowerShell.
    assert_eq!(
        detect("curl.exe -H \"X: `\"q`\"\" `\n  https://h.example/"),
        Dialect::PowerShell
    );
}

/// A bash command whose quotes read like cmd marks (`^"` and a doubled quote inside single
/// quotes, `%NAME%`) is still converted: when the guessed dialect cannot read it, bash is tried.
#[test]
fn a_bash_command_detection_misreads_is_read_as_bash() {
    let src = r#"curl -H 'X: a^"b' -H "Y: %PATH%" -H "Z: c""d" -d x$'"' -d '"' https://x/"#;
    assert_ne!(
        detect(src),
        Dialect::Bash,
        "the case must mislead detection"
    );
    let script = tokenize(src, None, &mut Vec::new()).expect("read as bash");
    assert_eq!(script.dialect, Dialect::Bash);
    assert_eq!(argvs(&script)[0], bash(src));
    // A forced dialect is kept, error and all.
    assert!(tokenize(src, Some(Dialect::Cmd), &mut Vec::new()).is_err());
}

/// A body quoted `$'…'` as a whole word (how browsers copy control bytes) outvotes the cmd marks
/// its JSON may hold (`^"`, `""`, `%…%`): from a random escaping case, seed 243532888.
#[test]
fn a_dollar_quoted_word_outvotes_cmd_marks_inside_it() {
    let src = r#"curl "http://x/%E7*b.\$" --data-raw $'{"a":"%%x","":1,"b":";q^"}' https://x/"#;
    assert_eq!(detect(src), Dialect::Bash);
}
