//! Browser copies, generated: for random requests (quotes, `!`, `$HOME`, `%PATH%`, carets,
//! brackets in the query, non-ASCII text, JSON, form and text bodies, cookies) the test writes the
//! "copy as cURL" commands Chrome (bash and Windows cmd) and Firefox (POSIX) would write
//! (tests/browser_copies/forms.rs). curl runs each bash form against a loopback capture server;
//! the default program curl2code makes of every form, in each language, must send what curl sent
//! for the bash form (semantic equality, tests/support/semantic.rs). The cmd form cannot run
//! here: its program is held to what curl sent for Chrome's bash form of the same request.
//!
//! Batched like tests/escaping.rs: each form's cases are one command joined by `--next`, so one
//! curl run and one program per form and language. Knobs: `CURL2CODE_SEED=N` replays a run (the
//! seed is printed); `CURL2CODE_CASES=N` (default 24).

#[path = "browser_copies/forms.rs"]
mod forms;
mod support;

use forms::{Form, Request};
use std::collections::BTreeMap;
use std::process::Command;
use std::time::Duration;
use support::compare::Rules;
use support::process::{self, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rng::{Rng, seed};
use support::rustbuild;
use support::semantic;
use support::server::{Recorded, Server};

const RUN_TIMEOUT: Duration = Duration::from_secs(60);

fn cases() -> usize {
    std::env::var("CURL2CODE_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(24)
}

/// The cases a form's batch holds: the cmd form leaves out values with a backslash
/// (see [`Request::has_backslash`]).
fn members(form: Form, requests: &[Request]) -> Vec<&Request> {
    requests
        .iter()
        .filter(|r| form != Form::ChromeCmd || !r.has_backslash())
        .collect()
}

/// What curl sends for a bash form's batch, run by bash in a UTF-8 locale (a browser user's
/// terminal), one request per case.
fn curl_run(form: Form, requests: &[&Request], server: &Server, dir: &TempDir) -> Vec<Recorded> {
    let script = dir.path().join(format!("curl-{}.sh", form.name()));
    let text = form.batch(requests, &server.origin());
    std::fs::write(&script, &text).expect("write the curl script");
    let mut cmd = Command::new("bash");
    cmd.arg(&script);
    cmd.current_dir(dir.path());
    process::clean_env(&mut cmd, dir.path());
    cmd.env("LC_ALL", "C.UTF-8");
    server.take_requests();
    let out = process::run(cmd, b"", RUN_TIMEOUT).expect("run bash");
    let got = server.take_requests();
    assert!(
        out.code == Some(0) && got.len() == requests.len(),
        "curl does not take the {} batch as the test wrote it ({} of {} requests, {}): a bug in \
         the test's browser forms\n{}\n{text}",
        form.name(),
        got.len(),
        requests.len(),
        out.describe_exit(),
        out.stderr_text()
    );
    got
}

/// One form's program in one language.
struct Program {
    form: Form,
    lang: Lang,
    input: String,
    code: String,
}

#[test]
fn browser_copies_send_what_curl_sends() {
    let langs: Vec<Lang> = Lang::ALL
        .into_iter()
        .filter(|l| {
            let tool = match l {
                Lang::JavaScript | Lang::JavaScriptAxios | Lang::TypeScript => "node",
                Lang::Rust | Lang::RustBlocking => "cargo",
                _ => "python3",
            };
            process::tools_or_skip(process::have(tool), tool)
        })
        .collect();
    if !process::tools_or_skip(
        process::have("curl") && process::have("bash"),
        "curl and bash",
    ) {
        return;
    }
    let seed = seed();
    let n = cases();
    eprintln!(
        "browser copies: seed {seed}, {n} requests (CURL2CODE_SEED={seed} cargo test --test \
         browser_copies replays this run)"
    );
    let mut rng = Rng(seed);
    let requests: Vec<Request> = (0..n).map(|_| forms::request(&mut rng)).collect();
    let server = Server::new();
    let dir = TempDir::new("browser-copies");
    let origin = server.origin();

    // What curl sends for each form's cases: the cmd form's are run in Chrome's bash form.
    let mut reference = BTreeMap::new();
    for form in Form::ALL {
        let batch = members(form, &requests);
        let sent = curl_run(form.reference(), &batch, &server, &dir);
        reference.insert(form.name(), sent);
    }

    let mut failures = Vec::new();
    let mut programs = Vec::new();
    for form in Form::ALL {
        let batch = members(form, &requests);
        let input = form.batch(&batch, &origin);
        for &lang in &langs {
            match programs::generate(&input, lang, &curl2code::Options::default()) {
                Generated::Code(code) => programs.push(Program {
                    form,
                    lang,
                    input: input.clone(),
                    code,
                }),
                Generated::Pending(why) | Generated::Refused(why) => failures.push(format!(
                    "{} in {}: curl2code refused it:\n{why}\n{input}",
                    form.name(),
                    lang.name()
                )),
            }
        }
    }

    let rust: BTreeMap<String, String> = programs
        .iter()
        .filter(|p| p.lang == Lang::Rust)
        .map(|p| (p.form.name().replace('-', "_"), p.code.clone()))
        .collect();
    let build = (!rust.is_empty()).then(|| rustbuild::build_with("browser_copies", &rust, false));

    let mut compared = 0;
    for p in &programs {
        let runnable = match p.lang {
            Lang::Rust => {
                let build = build.as_ref().expect("built");
                let module = p.form.name().replace('-', "_");
                build.runnable(&module).unwrap_or_else(Runnable::Broken)
            }
            lang => programs::write_script(dir.path(), p.form.name(), lang, &p.code),
        };
        server.take_requests();
        let out = runnable.run(dir.path(), &[], RUN_TIMEOUT);
        let got = server.take_requests();
        let curl = &reference[p.form.name()];
        let rules = Rules::from_input(&p.input);
        compared += got.len().min(curl.len());
        if let support::compare::Verdict::Mismatch(why) = semantic::compare(curl, &got, &rules) {
            failures.push(format!(
                "{} in {} ({}): {why}\nstderr: {}\nthe command:\n{}",
                p.form.name(),
                p.lang.name(),
                out.describe_exit(),
                process::shorten(&out.stderr_text(), 2000),
                p.input
            ));
        }
    }
    eprintln!(
        "browser copies: {} programs, {compared} requests compared, {} failure(s)",
        programs.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "seed {seed}: {} failure(s):\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
