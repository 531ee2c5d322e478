//! Python programs on urllib3 1.26 (still what many distributions ship): a virtual environment
//! with exact versions, kept under target/ between runs. Locally the tests skip with a note when
//! it cannot be made (no network); in CI (`CI` set) that is a failure.

use crate::support::process;
use crate::support::rustbuild;
use crate::support::server::Action;
use crate::{base, in_ci, ok, one, run_case};
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;
use std::time::Duration;

/// Exact versions: requests 2.32 accepts urllib3 1.21.1 to < 3.
const PACKAGES: [&str; 5] = [
    "requests==2.32.3",
    "urllib3==1.26.20",
    "idna==3.20",
    "charset-normalizer==3.5.3",
    "certifi==2026.10.19.post1",
];

/// The venv's `bin` directory, made once per test run; None (outside CI) when it cannot be made.
fn venv_bin() -> Option<PathBuf> {
    static BIN: OnceLock<Option<PathBuf>> = OnceLock::new();
    BIN.get_or_init(|| {
        let target = rustbuild::project_dir().parent()?.to_path_buf();
        let dir = target.join("python-urllib3-1.26");
        let bin = dir.join("bin");
        let ready = |bin: &PathBuf| {
            let mut c = Command::new(bin.join("python3"));
            c.args([
                "-c",
                "import requests, urllib3; assert urllib3.__version__ == '1.26.20'",
            ]);
            process::run(c, b"", Duration::from_secs(30)).is_ok_and(|o| o.code == Some(0))
        };
        if ready(&bin) {
            return Some(bin);
        }
        let steps: [(PathBuf, Vec<String>); 2] = [
            (
                "python3".into(),
                vec![
                    "-m".into(),
                    "venv".into(),
                    "--clear".into(),
                    dir.display().to_string(),
                ],
            ),
            (
                bin.join("pip"),
                ["install", "--quiet", "--disable-pip-version-check"]
                    .iter()
                    .chain(PACKAGES.iter())
                    .map(|s| s.to_string())
                    .collect(),
            ),
        ];
        for (program, args) in steps {
            let mut c = Command::new(&program);
            c.args(&args);
            let problem = match process::run(c, b"", Duration::from_secs(300)) {
                Ok(o) if o.code == Some(0) => continue,
                Ok(o) => o.transcript(),
                Err(e) => e.to_string(),
            };
            let message = format!(
                "cannot make the urllib3 1.26 venv ({}): {problem}",
                program.display()
            );
            assert!(!in_ci(), "{message}");
            eprintln!("note: {message}; skipping");
            return None;
        }
        ready(&bin).then_some(bin)
    })
    .clone()
}

/// The environment of a run: BASE, and the venv's python3 first on PATH.
fn with_venv(bin: PathBuf) -> impl Fn(&[String]) -> Vec<(String, String)> + Sync {
    move |origins| {
        let mut env = base(origins);
        let path = std::env::var("PATH").unwrap_or_default();
        env.push(("PATH".into(), format!("{}:{path}", bin.display())));
        env
    }
}

/// Defect: `from urllib3.exceptions import NameResolutionError` (and `from urllib3 import
/// HTTPHeaderDict`) failed on urllib3 1.26, so no program even started.
#[test]
fn python_programs_run_on_urllib3_1_26() {
    let Some(bin) = venv_bin() else { return };
    run_case(
        "urllib3_1_26_retry",
        one(vec![Action::status(502)], ok()),
        with_venv(bin),
        |c| {
            c.exit(0);
            c.requests(0, 2);
            c.retries(1);
            c.stdout_is("all good\n");
        },
    );
}

/// Errors are still told apart on 1.26 (it has no NameResolutionError).
#[test]
fn python_describes_a_refused_connection_on_urllib3_1_26() {
    let Some(bin) = venv_bin() else { return };
    let dead = format!("http://127.0.0.1:{}", process::free_port());
    let env = with_venv(bin);
    run_case(
        "urllib3_1_26_refused",
        one(Vec::new(), ok()),
        move |_| env(std::slice::from_ref(&dead)),
        |c| {
            c.exit(1);
            c.retries(1);
            c.final_line("failed after 2 attempt(s): connection refused");
        },
    );
}

/// The venv really is urllib3 1.26 (so the tests above test what they say).
#[test]
fn the_venv_has_urllib3_1_26() {
    let Some(bin) = venv_bin() else { return };
    let mut c = Command::new(bin.join("python3"));
    c.args(["-c", "import urllib3; print(urllib3.__version__)"]);
    let out = process::run(c, b"", Duration::from_secs(30)).expect("venv python3");
    assert_eq!(out.stdout_text().trim(), "1.26.20");
}
