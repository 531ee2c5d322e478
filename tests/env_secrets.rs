//! `--env-secrets`, run for real in every language: no credential of the command appears in the
//! generated source, in the conversion's warnings or in the program's stderr; a program whose
//! variable is unset stops with one line naming it and a failure status, before any request; with
//! the variables set it sends what curl sends (the wire suite's `env_secrets_*` fixtures).

mod support;

use curl2code::Options;
use std::collections::BTreeMap;
use std::time::Duration;
use support::process::TempDir;
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::server::Server;

/// A command full of credentials; each one is distinctive so a leak is easy to find.
fn command(origin: &str) -> String {
    format!(
        "curl '{origin}/v1/reports?api_key=QK_LEAK_1&page=2' -H 'Authorization: Bearer TOK_LEAK_2' \
         -H 'X-Api-Key: XK_LEAK_3' -b 'sessionid=SESS_LEAK_4' --next -u alice:PW_LEAK_5 \
         -d 'user=alice&password=FORM_LEAK_6' {origin}/v1/login"
    )
}

const LEAKS: [&str; 6] = [
    "QK_LEAK_1",
    "TOK_LEAK_2",
    "XK_LEAK_3",
    "SESS_LEAK_4",
    "PW_LEAK_5",
    "FORM_LEAK_6",
];

fn options() -> Options {
    Options {
        shell: Some(curl2code::Dialect::Bash),
        env_secrets: true,
        ..Default::default()
    }
}

fn leaks_in(text: &str) -> Vec<&'static str> {
    LEAKS.iter().copied().filter(|l| text.contains(l)).collect()
}

#[test]
fn no_credential_in_the_source_or_the_warnings() {
    for lang in [Lang::Python, Lang::JavaScript, Lang::Rust] {
        for exact in [false, true] {
            let opts = Options { exact, ..options() };
            let conv =
                curl2code::convert(&command("https://api.example.com"), lang.target(), &opts)
                    .expect("converts");
            assert_eq!(
                leaks_in(&conv.code),
                Vec::<&str>::new(),
                "{lang:?} exact={exact}"
            );
            let warnings: String = conv.warnings.iter().map(|w| format!("{w:?}")).collect();
            assert_eq!(leaks_in(&warnings), Vec::<&str>::new(), "{lang:?} warnings");
            assert!(
                warnings.contains("export COOKIE=… API_TOKEN=…"),
                "{warnings}"
            );
        }
    }
}

#[test]
fn every_secret_is_moved_and_named() {
    let parsed = curl2code::parse(&command("https://api.example.com"), &options()).unwrap();
    let vars: Vec<&str> = parsed.secrets.iter().map(|s| s.var.as_str()).collect();
    assert_eq!(
        vars,
        [
            "COOKIE",
            "API_TOKEN",
            "X_API_KEY",
            "API_KEY",
            "BASIC_AUTH_PASSWORD",
            "PASSWORD"
        ]
    );
    let values: Vec<String> = parsed
        .secrets
        .iter()
        .map(|s| String::from_utf8_lossy(&s.value).into_owned())
        .collect();
    assert_eq!(
        values,
        [
            "sessionid=SESS_LEAK_4",
            "TOK_LEAK_2",
            "XK_LEAK_3",
            "QK_LEAK_1",
            "PW_LEAK_5",
            "FORM_LEAK_6"
        ]
    );
}

/// Runs the program of every language with all variables set but one.
#[test]
fn an_unset_variable_stops_the_program_before_any_request() {
    let server = Server::new();
    let input = command(&server.origin());
    let parsed = curl2code::parse(&input, &options()).unwrap();
    let all: Vec<(String, String)> = parsed
        .secrets
        .iter()
        .map(|s| {
            (
                s.var.clone(),
                String::from_utf8_lossy(&s.value).into_owned(),
            )
        })
        .collect();
    let dir = TempDir::new("env-secrets");
    let mut runnables = Vec::new();
    let mut rust_sources = BTreeMap::new();
    for lang in [Lang::Python, Lang::JavaScript, Lang::Rust] {
        let Generated::Code(code) = programs::generate(&input, lang, &options()) else {
            panic!("{lang:?} does not convert");
        };
        if lang == Lang::Rust {
            rust_sources.insert("unset_variable".to_string(), code);
        } else {
            runnables.push((lang, programs::write_script(dir.path(), "p", lang, &code)));
        }
    }
    let build = rustbuild::build_with("env_secrets", &rust_sources, false);
    let bin = build
        .bin
        .unwrap_or_else(|| panic!("the Rust program does not build: {:?}", build.fatal));
    runnables.push((
        Lang::Rust,
        Runnable::RustModule(bin, "unset_variable".to_string()),
    ));
    for (lang, program) in runnables {
        // Each variable in turn is missing; the first request needs API_TOKEN at the latest.
        let env: Vec<(String, String)> = all
            .iter()
            .filter(|(k, _)| k != "API_TOKEN")
            .cloned()
            .collect();
        server.take_requests();
        let out = program.run(dir.path(), &env, Duration::from_secs(30));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_ne!(out.code, Some(0), "{lang:?}: {}", out.transcript());
        assert!(
            stderr.contains("API_TOKEN"),
            "{lang:?} names the variable: {stderr}"
        );
        assert!(
            !stderr.contains("Traceback")
                && !stderr.contains("panicked")
                && !stderr.contains("    at "),
            "{lang:?}: a clean line, not a crash: {stderr}"
        );
        assert_eq!(leaks_in(&stderr), Vec::<&str>::new(), "{lang:?}");
        assert!(
            server.take_requests().is_empty(),
            "{lang:?} sent a request without its credentials"
        );
        // With every variable set the program runs to the end.
        let out = program.run(dir.path(), &all, Duration::from_secs(30));
        assert_eq!(out.code, Some(0), "{lang:?}: {}", out.transcript());
        assert_eq!(
            leaks_in(&String::from_utf8_lossy(&out.stderr)),
            Vec::<&str>::new()
        );
        assert_eq!(server.take_requests().len(), 2, "{lang:?}");
    }
}
