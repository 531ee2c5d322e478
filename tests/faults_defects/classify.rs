//! The JavaScript programs' `transportFailure`, run in node on the errors a loopback server cannot
//! provoke: a kernel connect timeout, unreachable hosts and networks, a DNS server that failed.

use crate::in_ci;
use crate::support::process;
use crate::support::programs::{self, Generated, Lang};
use curl2code::{Options, Overrides};
use std::process::Command;
use std::time::Duration;

/// The `function transportFailure(err) { … }` of a generated program.
fn classifier(overrides: Overrides) -> String {
    let options = Options {
        shell: Some(curl2code::Dialect::Bash),
        retry: overrides,
        exact: false,
        ..Default::default()
    };
    let Generated::Code(code) =
        programs::generate("curl https://x.example/", Lang::JavaScript, &options)
    else {
        panic!("no JavaScript program");
    };
    let start = code
        .find("function transportFailure(err) {")
        .expect("transportFailure");
    let len = code[start..]
        .find("\n}\n")
        .expect("end of transportFailure");
    code[start..start + len + 2].to_string()
}

/// What `transportFailure` says about an error whose cause has `code`, one JSON line per code.
fn classify(function: &str, codes: &[&str]) -> Vec<String> {
    let script = format!(
        "{function}\nfor (const code of {codes:?}) {{\n  const err = new TypeError(\"fetch failed\", {{ cause: Object.assign(new Error(\"boom\"), {{ code }}) }});\n  console.log(JSON.stringify(transportFailure(err)));\n}}\n"
    );
    let mut cmd = Command::new("node");
    cmd.arg("--input-type=module").arg("-e").arg(&script);
    match process::run(cmd, b"", Duration::from_secs(20)) {
        Ok(o) if o.code == Some(0) => o.stdout_text().lines().map(str::to_string).collect(),
        Ok(o) => panic!("node failed: {}", o.transcript()),
        Err(e) if in_ci() => panic!("node is needed in CI: {e}"),
        Err(e) => {
            eprintln!("note: node could not run ({e}): skipping");
            Vec::new()
        }
    }
}

const TRANSIENT: [&str; 5] = [
    "ETIMEDOUT",
    "EHOSTUNREACH",
    "ENETUNREACH",
    "EAI_AGAIN",
    "UND_ERR_RES_CONTENT_LENGTH_MISMATCH",
];

/// Defect: these were `fatal` (no retry at all); they are transient, retried under the same
/// idempotency rules as a reset.
#[test]
fn transient_socket_errors_are_retryable() {
    let f = classifier(Overrides::default());
    let got = classify(&f, &TRANSIENT);
    for (code, verdict) in TRANSIENT.iter().zip(&got) {
        assert!(
            !verdict.contains("\"fatal\":true"),
            "{code} is fatal: {verdict}\n{f}"
        );
        assert!(
            !verdict.contains("boom"),
            "{code} has no short reason: {verdict}"
        );
    }
    // A lookup that failed for now never reached the server: even a POST may go again.
    let eai = got.get(3).map_or("", String::as_str);
    assert!(eai.contains("\"unsent\":true"), "EAI_AGAIN: {eai}");
    // An unknown error stays final.
    let other = classify(&f, &["ERR_SOMETHING_ELSE"]);
    assert!(
        other.iter().all(|v| v.contains("\"fatal\":true")),
        "{other:?}"
    );
}

/// Without retries the same errors get the same short reasons.
#[test]
fn transient_socket_errors_have_short_reasons_without_retries() {
    let f = classifier(Overrides {
        no_retry: true,
        ..Overrides::default()
    });
    for (code, reason) in TRANSIENT.iter().zip(classify(&f, &TRANSIENT)) {
        assert!(!reason.contains("boom"), "{code}: {reason}");
    }
}
