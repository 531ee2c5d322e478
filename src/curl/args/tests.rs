//! The argv parser's tests: options, bundles, prefixes, `-K` files, `--variable`, diagnostics.

use super::variables::*;
use super::*;
use crate::diagnostic::Severity;
use crate::value::Piece;

/// Builds a command from shell text. Spans are fake: words as if joined by one space,
/// each as long as its literal, so sub-spans of bundled flags are exercised too.
fn cmd(text: &str) -> Command {
    let mut words = Vec::new();
    let mut at = 0;
    for w in shell_words::split(text).expect("test input splits") {
        let len = w.len();
        words.push(Word::lit(w, Span::new(at, at + len)));
        at += len + 1;
    }
    Command {
        words,
        stdin: None,
        span: Span::new(0, at.saturating_sub(1)),
    }
}

fn run(text: &str) -> (Result<CurlArgs, Diagnostic>, Vec<Diagnostic>) {
    let mut warnings = Vec::new();
    let result = parse(&cmd(text), &mut warnings);
    (result, warnings)
}

fn ok(text: &str) -> (CurlArgs, Vec<Diagnostic>) {
    let (result, warnings) = run(text);
    match result {
        Ok(args) => (args, warnings),
        Err(e) => panic!("{text}: {e:?}"),
    }
}

fn err(text: &str) -> Diagnostic {
    match run(text).0 {
        Ok(args) => panic!("{text} parsed: {:?}", summary(&args)),
        Err(e) => e,
    }
}

/// Items as short strings: `--data=x`, `--no-buffer`, `url:https://a`.
fn summary(args: &CurlArgs) -> Vec<String> {
    args.items
        .iter()
        .map(|item| match item {
            Item::Url(w) => format!("url:{}", w.value.display()),
            Item::Opt(a) => match &a.value {
                Some(v) => format!("{}={}", a.spec.display(a.negated), v.value.display()),
                None => a.spec.display(a.negated),
            },
        })
        .collect()
}

fn items(text: &str) -> Vec<String> {
    summary(&ok(text).0)
}

fn opt(args: &CurlArgs, index: usize) -> &Arg {
    match args.items.get(index) {
        Some(Item::Opt(a)) => a,
        other => panic!("item {index} is {other:?}"),
    }
}

#[test]
fn plain_url_and_long_options() {
    assert_eq!(
        items("curl -X POST --data 'a b' https://api.example.com/x"),
        [
            "--request=POST",
            "--data=a b",
            "url:https://api.example.com/x"
        ]
    );
}

#[test]
fn program_may_be_a_path_or_curl_exe() {
    for text in [
        "/usr/bin/curl a",
        "curl.exe a",
        "CURL.EXE a",
        r"C:\\tools\\curl.exe a",
    ] {
        assert_eq!(items(text), ["url:a"], "{text}");
    }
}

#[test]
fn other_programs_are_refused() {
    let e = err("wget https://example.com");
    assert_eq!(e.message, "`wget` is not curl");
    assert_eq!(e.span, Some(Span::new(0, 4)));
    assert!(e.help.unwrap().contains("curl -O"));
    assert!(err("sudo curl x").help.unwrap().contains("drop `sudo`"));
    assert!(
        err("curly x")
            .help
            .unwrap()
            .contains("start the command with `curl`")
    );
}

#[test]
fn empty_command_is_an_error() {
    let mut w = Vec::new();
    let c = Command {
        words: vec![],
        stdin: None,
        span: Span::new(0, 0),
    };
    assert!(parse(&c, &mut w).is_err());
}

#[test]
fn unambiguous_prefix_is_accepted_with_a_warning() {
    let (args, warnings) = ok("curl --sil --insec u");
    assert_eq!(summary(&args), ["--silent", "--insecure", "url:u"]);
    assert_eq!(warnings.len(), 2);
    assert!(warnings[0].message.contains("abbreviation of `--silent`"));
    assert_eq!(warnings[0].severity, Severity::Warning);
}

#[test]
fn exact_name_wins_over_longer_names() {
    let (args, warnings) = ok("curl --proxy p --http2 --trace f u");
    assert_eq!(
        summary(&args),
        ["--proxy=p", "--http2", "--trace=f", "url:u"]
    );
    assert!(warnings.is_empty());
}

#[test]
fn ambiguous_prefix_lists_candidates() {
    let e = err("curl --http1 u");
    assert!(e.message.contains("ambiguous"), "{}", e.message);
    assert!(e.message.contains("`--http1.0`") && e.message.contains("`--http1.1`"));
    let e = err("curl --co u");
    assert!(e.message.contains("more"), "{}", e.message);
}

#[test]
fn upper_case_long_name_is_accepted_with_a_warning() {
    let (args, warnings) = ok("curl --SILENT u");
    assert_eq!(summary(&args), ["--silent", "url:u"]);
    assert!(warnings[0].message.contains("case-sensitively"));
}

#[test]
fn bundled_short_flags_with_trailing_value() {
    let (args, _) = ok("curl -sSLXPOST u");
    assert_eq!(
        summary(&args),
        [
            "--silent",
            "--show-error",
            "--location",
            "--request=POST",
            "url:u"
        ]
    );
    // Sub-spans: `-sSLXPOST` starts at byte 5; `X` is its fifth byte.
    assert_eq!(opt(&args, 3).span, Span::new(9, 10));
    assert_eq!(
        opt(&args, 3).value.as_ref().unwrap().span,
        Span::new(10, 14)
    );
    assert_eq!(opt(&args, 0).span, Span::new(5, 7));
}

#[test]
fn value_option_at_end_of_bundle_takes_next_word() {
    assert_eq!(
        items("curl -sd @body.json u"),
        ["--silent", "--data=@body.json", "url:u"]
    );
}

#[test]
fn attached_short_value() {
    let (args, _) = ok("curl '-HX-Token: 1' u");
    assert_eq!(summary(&args), ["--header=X-Token: 1", "url:u"]);
    let value = opt(&args, 0).value.as_ref().unwrap();
    assert_eq!(value.value.literal().unwrap(), b"X-Token: 1");
}

#[test]
fn next_word_is_taken_even_if_it_looks_like_an_option() {
    assert_eq!(items("curl -d -x u"), ["--data=-x", "url:u"]);
    assert_eq!(items("curl -H -- u"), ["--header=--", "url:u"]);
}

#[test]
fn long_option_with_equals_value() {
    let (args, warnings) = ok("curl --data=a=b --user-agent= u");
    assert_eq!(summary(&args), ["--data=a=b", "--user-agent=", "url:u"]);
    assert!(warnings.is_empty());
    assert_eq!(opt(&args, 0).span, Span::new(5, 11));
    assert_eq!(
        opt(&args, 0).value.as_ref().unwrap().span,
        Span::new(12, 15)
    );
}

#[test]
fn boolean_with_equals_value_warns() {
    let (args, warnings) = ok("curl --silent=yes u");
    assert_eq!(summary(&args), ["--silent", "url:u"]);
    assert!(warnings[0].message.contains("takes no value"));
}

#[test]
fn no_prefix_negates_booleans() {
    let (args, _) = ok("curl --no-location --no-buffer -N u");
    assert_eq!(
        summary(&args),
        ["--no-location", "--no-buffer", "--no-buffer", "url:u"]
    );
    assert!(opt(&args, 0).negated);
    assert!(opt(&args, 2).negated, "-N means --no-buffer");
    assert!(!opt(&args, 0).spec.takes_value());
}

#[test]
fn no_prefix_on_value_option_is_an_error() {
    let e = err("curl --no-header x u");
    assert!(e.message.contains("no `--no-` form"), "{}", e.message);
    assert!(err("curl --no-proxy u").help.unwrap().contains("--noproxy"));
    assert!(err("curl --no-http1.1 u").message.contains("`--http1.1`"));
}

#[test]
fn no_prefix_takes_no_abbreviation() {
    let e = err("curl --no-bu u");
    assert_eq!(e.message, "unknown option `--no-bu`");
}

#[test]
fn missing_value_points_at_the_option() {
    let e = err("curl u --header");
    assert_eq!(e.message, "option `--header` needs a value");
    assert_eq!(e.span, Some(Span::new(7, 15)));
    let e = err("curl u -sH");
    assert_eq!(e.message, "option `--header` needs a value");
    assert_eq!(e.span, Some(Span::new(9, 10)));
    assert_eq!(err("curl u -H").span, Some(Span::new(7, 9)));
}

#[test]
fn unknown_long_option_suggests_the_closest() {
    let e = err("curl --lcation u");
    assert_eq!(e.message, "unknown option `--lcation`");
    assert_eq!(e.help.as_deref(), Some("did you mean `--location`?"));
    assert_eq!(
        err("curl --data-binray x u").help.as_deref(),
        Some("did you mean `--data-binary`?")
    );
    assert_eq!(
        err("curl --no-progres-meter u").help.as_deref(),
        Some("did you mean `--no-progress-meter`?")
    );
    assert!(
        err("curl --zzzzzzzzzzzz u")
            .help
            .unwrap()
            .contains("--help all")
    );
}

#[test]
fn unknown_short_option() {
    let e = err("curl -sW u");
    assert_eq!(e.message, "unknown option `-W` in `-sW`");
    assert_eq!(e.span, Some(Span::new(7, 8)));
    assert!(e.help.unwrap().contains("`-w`"));
}

#[test]
fn lone_dash_is_an_unknown_option_like_curl() {
    assert_eq!(err("curl - u").message, "unknown option `-`");
}

#[test]
fn double_dash_ends_options() {
    assert_eq!(
        items("curl -s -- -weird --data"),
        ["--silent", "url:-weird", "url:--data"]
    );
}

#[test]
fn single_dash_long_name_warns() {
    let (args, warnings) = ok("curl -data x u");
    assert_eq!(summary(&args), ["--data=ata", "url:x", "url:u"]);
    assert!(
        warnings[0].help.as_deref() == Some("did you mean `--data`?"),
        "{warnings:?}"
    );
}

#[test]
fn unsupported_option_warns_and_is_kept() {
    let (args, warnings) = ok("curl --dns-servers 1.2.3.4 -s u");
    assert_eq!(
        summary(&args),
        ["--dns-servers=1.2.3.4", "--silent", "url:u"]
    );
    assert_eq!(warnings.len(), 1);
    assert!(
        warnings[0]
            .message
            .starts_with("`--dns-servers` is not converted")
    );
    assert_eq!(warnings[0].span, Some(Span::new(5, 18)));
}

#[test]
fn no_effect_options_are_silent() {
    let (_, warnings) = ok("curl -s -v --progress-bar --http2 -i --no-progress-meter u");
    assert!(warnings.is_empty(), "{warnings:?}");
}

#[test]
fn help_and_version_are_refused() {
    assert!(err("curl -h").message.contains("print its help"));
    assert!(
        err("curl u --version")
            .message
            .contains("print its version")
    );
    assert!(err("curl -sM").message.contains("manual"));
}

#[test]
fn next_is_kept_in_order() {
    assert_eq!(
        items("curl a -: -d x b"),
        ["url:a", "--next", "--data=x", "url:b"]
    );
}

#[test]
fn env_parts_in_values_are_kept() {
    let mut c = cmd("curl -H u");
    let h = Word {
        parts: vec![
            WordPart::Lit(b"-HAuthorization: ".to_vec()),
            WordPart::Env("TOKEN".into()),
        ],
        span: Span::new(5, 30),
    };
    c.words[1] = h;
    let mut w = Vec::new();
    let args = parse(&c, &mut w).unwrap();
    let value = opt(&args, 0).value.as_ref().unwrap();
    assert_eq!(
        value.value.0,
        vec![
            Piece::Bytes(b"Authorization: ".to_vec()),
            Piece::Env("TOKEN".into())
        ]
    );
    assert_eq!(value.span, Span::new(5, 30));
}

#[test]
fn url_from_env_is_a_url() {
    let mut c = cmd("curl x");
    c.words[1] = Word {
        parts: vec![WordPart::Env("URL".into())],
        span: Span::new(5, 9),
    };
    let mut w = Vec::new();
    let args = parse(&c, &mut w).unwrap();
    assert!(matches!(&args.items[0], Item::Url(_)));
}

#[test]
fn config_lines_follow_curl_syntax() {
    let text = b"# comment\n  \n--silent\nurl = \"https://a/b c\"\nheader: X: 1\n-d \"q\\\"\\t\\n\\\\\\x\"\nuser-agent ua extra\n";
    let lines = config_lines(text);
    let shown: Vec<(String, Option<String>, bool)> = lines
        .iter()
        .map(|l| {
            (
                String::from_utf8_lossy(&l.option).into_owned(),
                l.param
                    .as_ref()
                    .map(|p| String::from_utf8_lossy(p).into_owned()),
                l.trailing,
            )
        })
        .collect();
    assert_eq!(
        shown,
        [
            ("--silent".into(), None, false),
            ("url".into(), Some("https://a/b c".into()), false),
            ("header".into(), Some("X:".into()), true),
            ("-d".into(), Some("q\"\t\n\\x".into()), false),
            ("user-agent".into(), Some("ua".into()), true),
        ]
    );
    assert_eq!(lines[1].number, 4);
}

/// A fresh directory under the system temp dir for one test.
fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("curl2code-args-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn config_file_is_inlined_where_k_stood() {
    let dir = temp_dir("inline");
    let file = dir.join("opts.txt");
    std::fs::write(
        &file,
        "# defaults\nsilent\n--header \"Accept: text/plain\"\nurl = https://a.example/\n-XPUT\n",
    )
    .unwrap();
    let text = format!("curl -v -K {} https://b.example/", file.display());
    let (args, warnings) = ok(&text);
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(
        summary(&args),
        [
            "--verbose",
            "--silent",
            "--header=Accept: text/plain",
            "--url=https://a.example/",
            "--request=PUT",
            "url:https://b.example/"
        ]
    );
    // Every inlined option points at the `-K` word.
    let k_end = 11 + file.display().to_string().len();
    assert_eq!(opt(&args, 1).span, Span::new(8, k_end));
}

#[test]
fn nested_config_files_and_depth_limit() {
    let dir = temp_dir("nested");
    let inner = dir.join("inner.txt");
    let outer = dir.join("outer.txt");
    std::fs::write(&inner, "compressed\n").unwrap();
    std::fs::write(&outer, format!("config = \"{}\"\n", inner.display())).unwrap();
    assert_eq!(
        items(&format!("curl --config {} u", outer.display())),
        ["--compressed", "url:u"]
    );

    let selfref = dir.join("self.txt");
    std::fs::write(&selfref, format!("-K {}\n", selfref.display())).unwrap();
    let e = err(&format!("curl -K {} u", selfref.display()));
    assert!(e.message.contains("nested more than 5"), "{}", e.message);
}

#[test]
fn config_errors_name_the_file_line() {
    let dir = temp_dir("errors");
    let file = dir.join("bad.txt");
    std::fs::write(&file, "silent\nhttps://example.com\n").unwrap();
    let e = err(&format!("curl -K {} u", file.display()));
    assert!(
        e.message.ends_with(":2: unknown option `https`"),
        "{}",
        e.message
    );
}

#[test]
fn config_flag_with_value_warns() {
    let dir = temp_dir("flagvalue");
    let file = dir.join("f.txt");
    std::fs::write(&file, "silent yes\n").unwrap();
    let (args, warnings) = ok(&format!("curl -K {} u", file.display()));
    assert_eq!(summary(&args), ["--silent", "url:u"]);
    assert!(
        warnings[0].message.contains("takes no value"),
        "{warnings:?}"
    );
}

#[test]
fn missing_config_file_is_an_error() {
    let e = err("curl -K /nonexistent/curl2code.cfg u");
    assert!(
        e.message
            .starts_with("cannot read config file `/nonexistent/curl2code.cfg`"),
        "{}",
        e.message
    );
    assert_eq!(e.span, Some(Span::new(8, 34)));
}

#[test]
fn config_from_stdin_bytes() {
    let mut c = cmd("curl -K - u");
    c.stdin = Some(Stdin::Bytes(b"data = \"x=1\"\n".to_vec()));
    let mut w = Vec::new();
    let args = parse(&c, &mut w).unwrap();
    assert_eq!(summary(&args), ["--data=x=1", "url:u"]);
    assert!(args.stdin.is_none(), "-K - consumes stdin");
    assert!(err("curl -K - u").message.contains("gives none"));
}

#[test]
fn variables_expand_into_values() {
    let (args, warnings) = ok(
        "curl --variable name=Jo --variable %HOME --expand-data '{{name}}:{{HOME}}' --expand-url 'https://a/{{name:url}}?q={{missing}}' \\{{x}}",
    );
    assert_eq!(summary(&args)[0], "--data=Jo:$HOME");
    assert_eq!(summary(&args)[1], "--url=https://a/Jo?q=");
    assert_eq!(summary(&args)[2], "url:{{x}}");
    assert!(
        warnings
            .iter()
            .any(|w| w.message.contains("`missing` is not set"))
    );
    if let Item::Opt(a) = &args.items[0] {
        assert_eq!(
            a.value.as_ref().unwrap().value.0[1],
            Piece::Env("HOME".into())
        );
    }
}

#[test]
fn expansion_functions() {
    let cases = [
        ("trim", " a b \n", "a b"),
        ("json", "a\"\\\n", "a\\\"\\\\\\n"),
        ("url", "a b/é", "a%20b%2F%C3%A9"),
        ("b64", "hello", "aGVsbG8="),
        ("64dec", "aGVsbG8=", "hello"),
        ("trim:b64", " hi ", "aGk="),
    ];
    for (f, input, want) in cases {
        let mut c = cmd("curl --variable v --expand-data d");
        c.words[2] = Word::lit(format!("v={input}"), Span::new(0, 0));
        c.words[4] = Word::lit(format!("{{{{v:{f}}}}}"), Span::new(0, 0));
        let mut w = Vec::new();
        let args = parse(&c, &mut w).unwrap();
        assert_eq!(
            opt(&args, 0).value.as_ref().unwrap().value.display(),
            want,
            "{f}"
        );
    }
    assert_eq!(base64_decode(b"a"), None);
}

#[test]
fn escaped_braces_stay_literal() {
    assert_eq!(
        items("curl --variable a=1 --expand-data '\\{{a}}{{a}}' u")[0],
        "--data={{a}}1"
    );
}

#[test]
fn every_option_round_trips_by_its_full_name() {
    for o in OPTIONS {
        if PRINTS_INSTEAD.contains(&o.long) || PARSER_HANDLED_NEEDS_FILE.contains(&o.long) {
            continue;
        }
        let text = if o.takes_value() {
            format!("curl --{} v u", o.long)
        } else {
            format!("curl --{} u", o.long)
        };
        let (args, warnings) = ok(&text);
        let a = opt(&args, 0);
        assert_eq!(a.spec.long, o.long);
        assert_eq!(
            warnings.len(),
            usize::from(matches!(o.support, Support::Unsupported(_))),
            "{}",
            o.long
        );
        if let Some(c) = o.short {
            let text = if o.takes_value() {
                format!("curl -{c} v u")
            } else {
                format!("curl -{c} u")
            };
            assert_eq!(opt(&ok(&text).0, 0).spec.long, o.long);
        }
    }
}

/// Options the parser consumes instead of keeping (tested on their own).
const PARSER_HANDLED_NEEDS_FILE: &[&str] = &["config", "variable"];
