//! bash / POSIX sh words: quoting, continuations, expansions (commands: bash_commands.rs).

use super::*;

fn b(src: &str) -> (Script, Vec<Diagnostic>) {
    run(src, Dialect::Bash)
}

// ---- words and quotes ----

#[test]
fn plain_words() {
    assert_eq!(
        bash("curl https://example.com/a -s"),
        ["curl", "https://example.com/a", "-s"]
    );
}

#[test]
fn single_quotes_are_literal() {
    assert_eq!(
        bash(r#"curl 'a b' '$HOME \n "x"'"#),
        ["curl", "a b", r#"$HOME \n "x""#]
    );
}

#[test]
fn single_quote_inside_single_quotes() {
    assert_eq!(bash(r"echo 'it'\''s'"), ["echo", "it's"]);
}

#[test]
fn double_quote_escapes() {
    assert_eq!(
        bash(r#"echo "a \"b\" \\ \$x \` c\d""#),
        ["echo", r#"a "b" \ $x ` c\d"#]
    );
}

#[test]
fn double_quote_backslash_newline_is_removed() {
    assert_eq!(bash("echo \"ab\\\ncd\""), ["echo", "abcd"]);
}

#[test]
fn empty_quotes_make_an_empty_word() {
    let (s, _) = b("curl '' \"\" x");
    let w = &s.commands[0].words;
    assert_eq!(w.len(), 4);
    assert_eq!(bytes(&w[1]), b"");
    assert_eq!(bytes(&w[2]), b"");
}

#[test]
fn adjacent_quotes_glue_into_one_word() {
    assert_eq!(bash(r#"echo 'a'"b"c\ d"#), ["echo", "abc d"]);
}

#[test]
fn ansi_c_escapes() {
    let (s, w) = b(r#"echo $'a\nb\t\x41\101\u00e9\U0001F600\cA\e\'\"\?\\z\q'"#);
    assert!(w.is_empty(), "{w:?}");
    let expected = [
        b"a\nb\tAA".as_slice(),
        "é😀".as_bytes(),
        &[1, 0x1b],
        b"'\"?\\z\\q",
    ]
    .concat();
    assert_eq!(bytes(&s.commands[0].words[1]), expected);
}

#[test]
fn ansi_c_control_of_a_non_ascii_character_takes_its_first_byte() {
    // As bash 5 does (found by the oracle): `\cé` is control-(0xC3) = 0x03, then é's 0xA9.
    let (s, w) = b("echo $'\\cé!'");
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(bytes(&s.commands[0].words[1]), [3, 0xa9, b'!']);
}

#[test]
fn ansi_c_gives_raw_bytes() {
    let (s, _) = b(r"curl --data-binary $'\xff\xfe\x7'");
    assert_eq!(bytes(&s.commands[0].words[2]), [0xff, 0xfe, 0x07]);
}

#[test]
fn ansi_c_octal_and_short_hex() {
    let (s, _) = b(r"echo $'\0101\7\x4g'");
    // `\010` is one octal escape (3 digits max), then `1`; `\x4` then `g`.
    assert_eq!(bytes(&s.commands[0].words[1]), b"\x081\x07\x04g");
}

#[test]
fn ansi_c_nul_truncates_with_a_warning() {
    let src = r"echo $'ab\0cd'x";
    let (s, w) = b(src);
    assert_eq!(bytes(&s.commands[0].words[1]), b"abx");
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), r"\0");
    well_formed(&w);
}

#[test]
fn ansi_c_surrogate_pair_is_combined() {
    let (s, w) = b(r"echo $'\ud83d\ude00'");
    assert_eq!(bytes(&s.commands[0].words[1]), "😀".as_bytes());
    assert_eq!(w.len(), 1);
    well_formed(&w);
}

#[test]
fn locale_string_is_a_double_quoted_string() {
    assert_eq!(bash(r#"echo $"hi $USER""#), ["echo", "hi $USER"]);
    let (s, _) = b(r#"echo $"hi $USER""#);
    assert_eq!(
        s.commands[0].words[1].parts[1],
        WordPart::Env("USER".into())
    );
}

#[test]
fn unquoted_backslash_escapes() {
    assert_eq!(
        bash(r"echo a\ b \$HOME \'x\' \\"),
        ["echo", "a b", "$HOME", "'x'", "\\"]
    );
}

#[test]
fn glob_characters_are_literal() {
    assert_eq!(
        bash("curl http://x/[1-3]/*.png?a"),
        ["curl", "http://x/[1-3]/*.png?a"]
    );
}

#[test]
fn tilde_is_home() {
    let (s, _) = b("curl -T ~/up.bin x ~user a~b");
    let w = &s.commands[0].words;
    assert_eq!(
        w[2].parts,
        [
            WordPart::Env("HOME".into()),
            WordPart::Lit(b"/up.bin".to_vec())
        ]
    );
    assert_eq!(bytes(&w[4]), b"~user");
    assert_eq!(bytes(&w[5]), b"a~b");
}

#[test]
fn tilde_in_assignment_like_words() {
    let (s, _) = b("curl -d b=~/x -d a=b:~ --x=~/y k=a=~");
    let shown: Vec<String> = s.commands[0].words.iter().map(Word::display).collect();
    assert_eq!(
        shown,
        [
            "curl",
            "-d",
            "b=$HOME/x",
            "-d",
            "a=b:$HOME",
            "--x=~/y",
            "k=a=~"
        ]
    );
}

#[test]
fn lookalike_quotes_and_spaces_warn() {
    let src = "curl -H \u{201c}a:\u{a0}b\u{201d} 'caf\u{e9}\u{2019}s'";
    let (s, w) = b(src);
    assert_eq!(
        argv(&s.commands[0]),
        [
            "curl",
            "-H",
            "\u{201c}a:\u{a0}b\u{201d}",
            "caf\u{e9}\u{2019}s"
        ]
    );
    // One warning per word, none for the quoted apostrophe.
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(at(src, w[0].span.unwrap()), "\u{201c}");
    well_formed(&w);
}

#[test]
fn byte_order_mark_is_skipped() {
    let (s, _) = b("\u{feff}curl x");
    assert_eq!(argvs(&s), [["curl", "x"]]);
    let (s, _) = run("\u{feff}curl.exe x", Dialect::PowerShell);
    assert_eq!(argvs(&s), [["curl.exe", "x"]]);
    let (s, _) = run("\u{feff}curl x", Dialect::Cmd);
    assert_eq!(argvs(&s), [["curl", "x"]]);
}

#[test]
fn unicode_words() {
    assert_eq!(
        bash("curl 'https://例え.jp/ü' -d ☃"),
        ["curl", "https://例え.jp/ü", "-d", "☃"]
    );
}

// ---- continuations and line ends ----

#[test]
fn backslash_newline_continues_the_command() {
    assert_eq!(
        bash("curl \\\n  -s \\\n  https://x"),
        ["curl", "-s", "https://x"]
    );
}

#[test]
fn continuation_inside_a_word_glues() {
    assert_eq!(bash("echo ab\\\ncd"), ["echo", "abcd"]);
}

#[test]
fn continuation_with_trailing_spaces_warns_and_continues() {
    let src = "curl https://x \\   \n  -H 'a: b'";
    let (s, w) = b(src);
    assert_eq!(argvs(&s), [["curl", "https://x", "-H", "a: b"]]);
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), "\\   ");
    well_formed(&w);
}

#[test]
fn crlf_line_endings() {
    let src = "curl 'https://x' \\\r\n  -H 'a: b' \\\r\n  --compressed\r\ncurl y\r\n";
    let (s, w) = b(src);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(
        argvs(&s),
        [
            vec!["curl", "https://x", "-H", "a: b", "--compressed"],
            vec!["curl", "y"]
        ]
    );
}

#[test]
fn crlf_inside_single_quotes_is_a_newline() {
    let (s, _) = b("echo 'a\r\nb'");
    assert_eq!(bytes(&s.commands[0].words[1]), b"a\nb");
}

#[test]
fn comments() {
    let (s, _) = b("# leading comment\ncurl x # trailing\ncurl a#b");
    assert_eq!(argvs(&s), [["curl", "x"], ["curl", "a#b"]]);
}

// ---- expansions ----

#[test]
fn env_references() {
    let (s, w) = b(r#"curl -H "Authorization: Bearer $TOKEN" ${HOST}/x '$NOT'"#);
    assert!(w.is_empty());
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
        [WordPart::Env("HOST".into()), WordPart::Lit(b"/x".to_vec())]
    );
    assert_eq!(bytes(&words[4]), b"$NOT");
}

#[test]
fn env_name_stops_at_non_name_chars() {
    let (s, _) = b("echo $A-b $B_c.d");
    let w = &s.commands[0].words;
    assert_eq!(
        w[1].parts,
        [WordPart::Env("A".into()), WordPart::Lit(b"-b".to_vec())]
    );
    assert_eq!(
        w[2].parts,
        [WordPart::Env("B_c".into()), WordPart::Lit(b".d".to_vec())]
    );
}

#[test]
fn parameter_expansion_with_default_keeps_the_variable() {
    let src = r#"curl "${API:-https://x}/v1""#;
    let (s, w) = b(src);
    assert_eq!(
        s.commands[0].words[1].parts,
        [WordPart::Env("API".into()), WordPart::Lit(b"/v1".to_vec())]
    );
    assert_eq!(w.len(), 1);
    assert_eq!(at(src, w[0].span.unwrap()), "${API:-https://x}");
    well_formed(&w);
}

#[test]
fn command_substitution_is_literal_with_a_warning() {
    let src = r#"curl -H "X-Date: $(date -u +%s)" `hostname`"#;
    let (s, w) = b(src);
    assert_eq!(
        argv(&s.commands[0]),
        ["curl", "-H", "X-Date: $(date -u +%s)", "`hostname`"]
    );
    assert_eq!(
        messages(&w),
        [
            "command substitution is not run",
            "command substitution is not run"
        ]
    );
    assert_eq!(at(src, w[0].span.unwrap()), "$(date -u +%s)");
    well_formed(&w);
}

#[test]
fn nested_command_substitution() {
    let (s, w) = b(r#"echo $(a "$(b ')')" `c`) z"#);
    assert_eq!(
        argv(&s.commands[0]),
        ["echo", r#"$(a "$(b ')')" `c`)"#, "z"]
    );
    assert_eq!(w.len(), 1);
}

#[test]
fn process_substitution_is_literal() {
    let src = "curl -d @<(jq -n '{a: 1}') x";
    let (s, w) = b(src);
    assert_eq!(argvs(&s), [["curl", "-d", "@<(jq -n '{a: 1}')", "x"]]);
    assert_eq!(at(src, w[0].span.unwrap()), "<(jq -n '{a: 1}')");
    error("curl -d @<(jq", Dialect::Bash);
}

#[test]
fn special_parameters_are_literal() {
    let (s, w) = b("echo $1 $@ \"$#\"");
    assert_eq!(argv(&s.commands[0]), ["echo", "$1", "$@", "$#"]);
    assert_eq!(w.len(), 3);
    well_formed(&w);
}

#[test]
fn lone_dollar_is_literal() {
    let (s, w) = b(r#"echo a$ "$" $/ "x$""#);
    assert!(w.is_empty());
    assert_eq!(argv(&s.commands[0]), ["echo", "a$", "$", "$/", "x$"]);
}
