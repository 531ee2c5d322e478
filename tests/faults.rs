//! Fault injection: each scenario scripts a loopback server (502s, Retry-After, hangs, nothing
//! listening…), turns a curl command into a program with small retry delays, runs it, and checks the
//! exit code, the requests the server saw, the delays between them (measured at the server) and the
//! stderr lines against BRIEF.md's retry contract.
//!
//! Every language runs every scenario; scenarios of one language run in parallel (they mostly
//! sleep), so timing checks use tight lower bounds and generous upper bounds. Rust programs are
//! compiled as modules of one binary in the same cargo project as the wire suite's (reqwest compiles
//! once). `faults_reference_program` runs the same scenarios against a hand-written Python program
//! (tests/support/reference_retry.py) that implements the contract: it proves the checks themselves.
//!
//! Knobs: `CURL2CODE_SCENARIOS=a,b` runs only scenarios whose name contains a or b;
//! `CURL2CODE_STRICT=1` fails on generators that are still placeholders.

mod support;

use curl2code::policy::Jitter;
use curl2code::{Options, Overrides};
use std::collections::BTreeMap;
use std::io::Write;
use std::sync::{Arc, Mutex, OnceLock};
use std::time::{Duration, Instant, SystemTime};
use support::fixture;
use support::process::{self, Outcome, TempDir};
use support::programs::{self, Generated, Lang, Runnable};
use support::rustbuild;
use support::server::{self, Action, Recorded, Server};

/// `CURL2CODE_EXACT=1` runs the scenarios on the `--exact` output instead of the default one.
fn exact_mode() -> bool {
    std::env::var_os("CURL2CODE_EXACT").is_some_and(|v| v == "1")
}

/// Backoff used by most scenarios: small, so the suite is fast, but measurable.
const BASE: f64 = 0.05;
const MAX: f64 = 0.4;
/// Upper slack on any measured delay: two cores shared by parallel programs and compilers.
const SLACK_UP: f64 = 0.75;
/// Lower slack: a program may not wait less than it said (clock reads, rounding to 0.01 s).
const SLACK_DOWN: f64 = 0.03;
/// How late the server may stamp one request's arrival under load (see `attempt_gaps_at_least`).
const ARRIVAL_LAG: f64 = 0.25;
/// A program that needs longer than this is hung.
const PROGRAM_TIMEOUT: Duration = Duration::from_secs(25);
/// Parallel scenario runs per language.
const WORKERS: usize = 6;

/// A scripted server: answers `script` in order, then `default` forever.
#[derive(Clone)]
struct ServerSpec {
    script: Vec<Action>,
    default: Action,
}

fn forever(a: Action) -> ServerSpec {
    ServerSpec {
        script: Vec::new(),
        default: a,
    }
}

fn then_ok(script: Vec<Action>) -> ServerSpec {
    ServerSpec {
        script,
        default: Action::status(200).body("all good\n"),
    }
}

/// One fault scenario.
struct Scenario {
    name: &'static str,
    /// Servers to start; `{S0}`, `{S1}` in the command are their origins, `{H0}` is server 0's
    /// `127.0.0.1:port`, `{DEAD}` an origin where nothing listens.
    servers: Vec<ServerSpec>,
    command: &'static str,
    overrides: Overrides,
    check: fn(&mut Check),
}

fn fast() -> Overrides {
    Overrides {
        base_delay: Some(BASE),
        max_delay: Some(MAX),
        ..Overrides::default()
    }
}

fn fast_with(f: impl FnOnce(&mut Overrides)) -> Overrides {
    let mut o = fast();
    f(&mut o);
    o
}

/// The origins of one instantiation of a scenario.
struct Ctx {
    origins: Vec<String>,
    dead: String,
}

impl Ctx {
    fn fill(&self, template: &str) -> String {
        let mut s = template.replace("{DEAD}", &self.dead);
        for (i, o) in self.origins.iter().enumerate() {
            s = s.replace(&format!("{{S{i}}}"), o);
            s = s.replace(&format!("{{H{i}}}"), o.trim_start_matches("http://"));
        }
        s
    }
}

fn scenarios() -> Vec<Scenario> {
    let s502 = || Action::status(502);
    vec![
        Scenario {
            name: "retries_502_twice_then_succeeds",
            servers: vec![then_ok(vec![s502(), s502()])],
            command: "curl {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(0);
                c.requests(0, 3);
                c.retry_lines(2, 4, "GET", "{S0}/items", Some("HTTP 502"));
                c.backoff(0, Jitter::Full);
                c.no_final_line();
                c.stdout_contains("all good");
            },
        },
        Scenario {
            name: "gives_up_after_four_attempts_of_502",
            servers: vec![forever(s502())],
            command: "curl {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 4);
                c.retry_lines(3, 4, "GET", "{S0}/items", Some("HTTP 502"));
                c.backoff(0, Jitter::Full);
                c.final_line(&["error: GET {S0}/items failed after 4 attempt(s): HTTP 502"]);
            },
        },
        Scenario {
            name: "jitter_none_doubles_the_delay_up_to_the_cap",
            servers: vec![forever(s502())],
            command: "curl {S0}/items",
            overrides: fast_with(|o| {
                o.jitter = Some(Jitter::None);
                o.max_retries = Some(5);
            }),
            check: |c| {
                c.exit(1);
                c.requests(0, 6);
                c.retry_lines(5, 6, "GET", "{S0}/items", Some("HTTP 502"));
                c.backoff(0, Jitter::None);
                c.final_line(&["failed after 6 attempt(s): HTTP 502"]);
            },
        },
        Scenario {
            name: "retry_after_seconds_is_honoured",
            servers: vec![then_ok(vec![
                Action::status(503).header("Retry-After", "1"),
            ])],
            command: "curl {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                let lines = c.retry_lines(1, 4, "GET", "{S0}/items", Some("HTTP 503"));
                c.retry_after_wait(&lines, 0, 1.0, 0, Jitter::Full);
            },
        },
        Scenario {
            name: "retry_after_http_date_is_honoured",
            servers: vec![then_ok(vec![Action::dynamic(|r: &Recorded| {
                let when = r.arrived_wall + Duration::from_secs(2);
                Action::status(429).header("Retry-After", &server::http_date(when))
            })])],
            command: "curl {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                let lines = c.retry_lines(1, 4, "GET", "{S0}/items", Some("HTTP 429"));
                // The date has whole seconds: the wait is date - now, between 1 and 2 s.
                let wait = c
                    .run
                    .requests
                    .first()
                    .and_then(|r| r.first())
                    .map_or(2.0, |r| {
                        let t = secs(r.arrived_wall);
                        (t + 2.0).floor() - t
                    });
                c.retry_after_wait(&lines, 0, wait, 0, Jitter::Full);
            },
        },
        Scenario {
            name: "retry_after_past_the_deadline_stops_at_once",
            servers: vec![forever(Action::status(503).header("Retry-After", "120"))],
            command: "curl {S0}/items",
            overrides: fast_with(|o| o.deadline = Some(5.0)),
            check: |c| {
                c.exit(1);
                c.requests(0, 1);
                c.retry_lines(0, 4, "GET", "{S0}/items", None);
                c.final_line(&[
                    "error: GET {S0}/items failed after 1 attempt(s): HTTP 503",
                    "Retry-After",
                ]);
                c.elapsed_below(4.0);
            },
        },
        Scenario {
            name: "status_500_then_200",
            servers: vec![then_ok(vec![Action::status(500)])],
            command: "curl {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                c.retry_lines(1, 4, "GET", "{S0}/items", Some("HTTP 500"));
                c.backoff(0, Jitter::Full);
            },
        },
        Scenario {
            name: "status_501_is_not_retried",
            servers: vec![forever(Action::status(501))],
            command: "curl {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 1);
                c.retry_lines(0, 4, "GET", "{S0}/items", None);
                c.final_line(&["error: GET {S0}/items failed after 1 attempt(s): HTTP 501"]);
            },
        },
        Scenario {
            name: "status_404_prints_the_body_and_fails",
            servers: vec![forever(Action::status(404).body("no such item\n"))],
            command: "curl {S0}/items/7",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 1);
                c.retry_lines(0, 4, "GET", "{S0}/items/7", None);
                c.stdout_contains("no such item");
                c.final_line(&["error: GET {S0}/items/7 failed after 1 attempt(s): HTTP 404"]);
            },
        },
        Scenario {
            name: "post_without_idempotency_key_is_not_retried_on_502",
            servers: vec![forever(s502())],
            command: "curl -X POST {S0}/orders -d 'item=book'",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 1);
                c.retry_lines(0, 4, "POST", "{S0}/orders", None);
                c.final_line(&["error: POST {S0}/orders failed after 1 attempt(s): HTTP 502"]);
            },
        },
        Scenario {
            name: "post_with_idempotency_key_header_is_retried",
            servers: vec![forever(s502())],
            command: "curl {S0}/orders -H 'Idempotency-Key: order-42' -d 'item=book'",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 4);
                c.retry_lines(3, 4, "POST", "{S0}/orders", Some("HTTP 502"));
                c.same_header_on_every_attempt(0, "idempotency-key", Some("order-42"));
                c.same_body_on_every_attempt(0);
                c.final_line(&["failed after 4 attempt(s): HTTP 502"]);
            },
        },
        Scenario {
            name: "idempotency_key_option_sends_one_uuid_per_call",
            servers: vec![then_ok(vec![s502(), s502()])],
            command: "curl {S0}/orders -d 'item=book'",
            overrides: fast_with(|o| o.idempotency_key = true),
            check: |c| {
                c.exit(0);
                c.requests(0, 3);
                c.retry_lines(2, 4, "POST", "{S0}/orders", Some("HTTP 502"));
                c.same_header_on_every_attempt(0, "idempotency-key", None);
                c.header_is_uuid_v4(0, "idempotency-key");
            },
        },
        Scenario {
            name: "retry_non_idempotent_option_retries_post",
            servers: vec![then_ok(vec![s502()])],
            command: "curl -X POST {S0}/orders -d 'item=book'",
            overrides: fast_with(|o| o.retry_non_idempotent = true),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                c.retry_lines(1, 4, "POST", "{S0}/orders", Some("HTTP 502"));
                c.same_body_on_every_attempt(0);
            },
        },
        Scenario {
            name: "hanging_server_times_out_each_attempt",
            servers: vec![forever(Action::Hang)],
            command: "curl {S0}/slow",
            overrides: fast_with(|o| o.timeout = Some(0.5)),
            check: |c| {
                c.exit(1);
                c.requests(0, 4);
                c.retry_lines(3, 4, "GET", "{S0}/slow", Some("timed out"));
                c.attempt_gaps_at_least(0, 0.5);
                c.final_line(&[
                    "error: GET {S0}/slow failed after 4 attempt(s)",
                    "timed out",
                ]);
            },
        },
        Scenario {
            name: "connection_refused_get_is_retried",
            servers: vec![],
            command: "curl {DEAD}/items",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                let lines = c.retry_lines(3, 4, "GET", "{DEAD}/items", Some("connection refused"));
                c.logged_waits_within_envelope(&lines, Jitter::Full);
                c.final_line(&[
                    "error: GET {DEAD}/items failed after 4 attempt(s): connection refused",
                ]);
            },
        },
        Scenario {
            name: "connection_refused_post_is_retried_because_it_never_left",
            servers: vec![],
            command: "curl {DEAD}/orders -d 'item=book'",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                let lines =
                    c.retry_lines(3, 4, "POST", "{DEAD}/orders", Some("connection refused"));
                c.logged_waits_within_envelope(&lines, Jitter::Full);
                c.final_line(&[
                    "error: POST {DEAD}/orders failed after 4 attempt(s): connection refused",
                ]);
            },
        },
        Scenario {
            name: "put_is_retried",
            servers: vec![then_ok(vec![s502()])],
            command: "curl -X PUT {S0}/items/7 -d 'name=x'",
            overrides: fast(),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                c.retry_lines(1, 4, "PUT", "{S0}/items/7", Some("HTTP 502"));
                c.same_body_on_every_attempt(0);
            },
        },
        Scenario {
            name: "delete_is_retried",
            servers: vec![then_ok(vec![Action::status(503)])],
            command: "curl -X DELETE {S0}/items/7",
            overrides: fast(),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                c.retry_lines(1, 4, "DELETE", "{S0}/items/7", Some("HTTP 503"));
            },
        },
        Scenario {
            name: "head_is_retried_and_prints_nothing",
            servers: vec![then_ok(vec![s502()])],
            command: "curl -I {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                c.retry_lines(1, 4, "HEAD", "{S0}/items", Some("HTTP 502"));
                c.stdout_empty();
            },
        },
        Scenario {
            name: "curl_retry_flag_sets_max_retries",
            servers: vec![forever(s502())],
            command: "curl --retry 1 {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 2);
                c.retry_lines(1, 2, "GET", "{S0}/items", Some("HTTP 502"));
                c.final_line(&["failed after 2 attempt(s): HTTP 502"]);
            },
        },
        Scenario {
            name: "curl_retry_flag_retries_post",
            servers: vec![forever(s502())],
            command: "curl --retry 1 {S0}/orders -d 'item=book'",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 2);
                c.retry_lines(1, 2, "POST", "{S0}/orders", Some("HTTP 502"));
            },
        },
        Scenario {
            name: "curl_retry_delay_is_a_fixed_delay",
            servers: vec![forever(s502())],
            command: "curl --retry 2 --retry-delay 1 {S0}/items",
            // No delay overrides: they would replace the fixed delay with backoff.
            overrides: Overrides::default(),
            check: |c| {
                c.exit(1);
                c.requests(0, 3);
                let lines = c.retry_lines(2, 3, "GET", "{S0}/items", Some("HTTP 502"));
                for l in &lines {
                    if (l.wait - 1.0).abs() > 0.006 {
                        c.fail(format!(
                            "retry {}: logged wait {:.2}s, expected the fixed 1.00s",
                            l.k, l.wait
                        ));
                    }
                }
                c.gaps_between(0, 1.0 - SLACK_DOWN, 1.0 + SLACK_UP);
            },
        },
        Scenario {
            name: "no_retry_option_sends_once",
            servers: vec![forever(s502())],
            command: "curl {S0}/items",
            overrides: fast_with(|o| o.no_retry = true),
            check: |c| {
                c.exit(1);
                c.requests(0, 1);
                c.retry_lines(0, 1, "GET", "{S0}/items", None);
                c.final_line(&["error: GET {S0}/items failed after 1 attempt(s): HTTP 502"]);
            },
        },
        Scenario {
            name: "circuit_breaker_opens_after_five_failed_calls",
            servers: vec![forever(s502())],
            command: "curl {S0}/1 {S0}/2 {S0}/3 {S0}/4 {S0}/5 {S0}/6",
            overrides: fast_with(|o| {
                o.max_retries = Some(0);
                o.circuit_breaker = true;
            }),
            check: |c| {
                c.exit(1);
                c.requests(0, 5);
                c.stderr_contains("circuit open");
            },
        },
        Scenario {
            name: "fallback_url_takes_the_next_attempt",
            servers: vec![forever(s502()), then_ok(vec![])],
            command: "curl {S0}/items?page=2",
            overrides: fast_with(|o| o.fallback_urls = vec!["{S1}".to_string()]),
            check: |c| {
                c.exit(0);
                c.requests(0, 1);
                c.requests(1, 1);
                c.targets(1, &["/items?page=2"]);
                c.retry_lines(1, 4, "GET", "{S0}/items", Some("HTTP 502"));
            },
        },
        Scenario {
            name: "secrets_in_basic_auth_and_query_are_not_logged",
            servers: vec![forever(s502())],
            command: "curl -u 'alice:S3CRET-PW' '{S0}/items?token=S3CRET-Q&x=1'",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 4);
                c.retry_lines(3, 4, "GET", "{S0}/items", Some("HTTP 502"));
                c.no_secrets(&["S3CRET", "YWxpY2U6UzNDUkVULVBX", "token="]);
            },
        },
        Scenario {
            name: "secrets_in_headers_are_not_logged",
            servers: vec![forever(s502())],
            command: "curl -H 'Authorization: Bearer S3CRET-B' -H 'Cookie: sid=S3CRET-C' {S0}/items",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.requests(0, 4);
                c.retry_lines(3, 4, "GET", "{S0}/items", Some("HTTP 502"));
                c.no_secrets(&["S3CRET", "Bearer", "sid="]);
            },
        },
        Scenario {
            name: "secrets_in_url_are_not_logged_on_connection_errors",
            servers: vec![],
            command: "curl 'http://alice:S3CRET-U@{DEAD_HOST}/items?token=S3CRET-Q'",
            overrides: fast(),
            check: |c| {
                c.exit(1);
                c.retry_lines(3, 4, "GET", "{DEAD}/items", Some("connection refused"));
                c.no_secrets(&["S3CRET", "alice", "token="]);
            },
        },
    ]
}

fn secs(t: SystemTime) -> f64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// One parsed `retry k/N: METHOD URL -> REASON; waiting D.DDs[ (Retry-After)]` line.
#[derive(Clone, Debug)]
struct RetryLine {
    k: usize,
    n: usize,
    method: String,
    url: String,
    reason: String,
    wait: f64,
    retry_after: bool,
}

fn parse_retry_line(line: &str) -> Result<RetryLine, String> {
    let bad = |why: &str| format!("{why}: {line:?}");
    let rest = line
        .strip_prefix("retry ")
        .ok_or_else(|| bad("no `retry ` prefix"))?;
    let (kn, rest) = rest
        .split_once(": ")
        .ok_or_else(|| bad("no `: ` after k/N"))?;
    let (k, n) = kn.split_once('/').ok_or_else(|| bad("no k/N"))?;
    let k = k.parse().map_err(|_| bad("k is not a number"))?;
    let n = n.parse().map_err(|_| bad("N is not a number"))?;
    let (request, rest) = rest.split_once(" -> ").ok_or_else(|| bad("no ` -> `"))?;
    let (method, url) = request
        .split_once(' ')
        .ok_or_else(|| bad("no `METHOD URL`"))?;
    let (reason, wait) = rest
        .rsplit_once("; waiting ")
        .ok_or_else(|| bad("no `; waiting `"))?;
    let (wait, retry_after) = match wait.strip_suffix(" (Retry-After)") {
        Some(w) => (w, true),
        None => (wait, false),
    };
    let wait = wait
        .strip_suffix('s')
        .ok_or_else(|| bad("the wait does not end in `s`"))?;
    let decimals = wait.split_once('.').map(|(_, d)| d.len());
    if decimals != Some(2) {
        return Err(bad("the wait must have exactly two decimals ({D:.2f})"));
    }
    Ok(RetryLine {
        k,
        n,
        method: method.to_string(),
        url: url.to_string(),
        reason: reason.to_string(),
        wait: wait.parse().map_err(|_| bad("the wait is not a number"))?,
        retry_after,
    })
}

/// What one program run produced.
struct RunResult {
    out: Outcome,
    /// Requests per server, in arrival order.
    requests: Vec<Vec<Recorded>>,
}

/// Accumulates problems for one scenario run.
struct Check<'a> {
    run: &'a RunResult,
    ctx: &'a Ctx,
    overrides: &'a Overrides,
    problems: Vec<String>,
}

impl Check<'_> {
    fn fail(&mut self, p: String) {
        self.problems.push(p);
    }

    fn stderr_lines(&self) -> Vec<String> {
        self.run
            .out
            .stderr_text()
            .lines()
            .map(str::to_string)
            .collect()
    }

    fn exit(&mut self, code: i32) {
        if self.run.out.code != Some(code) {
            let got = self.run.out.describe_exit();
            self.fail(format!("expected exit {code}, got {got}"));
        }
    }

    fn requests(&mut self, server: usize, n: usize) {
        let got = self.run.requests.get(server).map_or(0, Vec::len);
        if got != n {
            let list: Vec<String> = self
                .run
                .requests
                .get(server)
                .map(|rs| rs.iter().map(Recorded::summary).collect())
                .unwrap_or_default();
            self.fail(format!(
                "server {server}: expected {n} request(s), got {got} {list:?}"
            ));
        }
    }

    fn targets(&mut self, server: usize, expected: &[&str]) {
        let got: Vec<String> = self
            .run
            .requests
            .get(server)
            .map(|rs| rs.iter().map(Recorded::target).collect())
            .unwrap_or_default();
        if got != expected {
            self.fail(format!(
                "server {server}: targets {got:?}, expected {expected:?}"
            ));
        }
    }

    /// Exactly `count` retry lines numbered 1..=count of `n`, each well-formed, for `method url`,
    /// whose reason contains `reason`.
    fn retry_lines(
        &mut self,
        count: usize,
        n: usize,
        method: &str,
        url: &str,
        reason: Option<&str>,
    ) -> Vec<RetryLine> {
        let url = self.ctx.fill(url);
        let mut parsed = Vec::new();
        for line in self
            .stderr_lines()
            .iter()
            .filter(|l| l.starts_with("retry "))
        {
            match parse_retry_line(line) {
                Ok(l) => parsed.push(l),
                Err(e) => self.fail(format!("malformed retry line: {e}")),
            }
        }
        if parsed.len() != count {
            self.fail(format!(
                "expected {count} retry line(s), got {}",
                parsed.len()
            ));
        }
        for (i, l) in parsed.iter().enumerate() {
            let mut wrong = Vec::new();
            if l.k != i + 1 {
                wrong.push(format!("attempt number {} (expected {})", l.k, i + 1));
            }
            if l.n != n {
                wrong.push(format!("N = {} (expected {n})", l.n));
            }
            if l.method != method {
                wrong.push(format!("method {} (expected {method})", l.method));
            }
            if l.url != url {
                wrong.push(format!(
                    "URL {} (expected {url}: no userinfo, query or fragment)",
                    l.url
                ));
            }
            if let Some(r) = reason {
                if !l.reason.contains(r) {
                    wrong.push(format!(
                        "reason {:?} (expected it to contain {r:?})",
                        l.reason
                    ));
                }
            }
            if !wrong.is_empty() {
                self.fail(format!("retry line {}: {}", i + 1, wrong.join(", ")));
            }
        }
        parsed
    }

    /// The last `error:` line contains every piece (after `{S0}`-style substitution).
    fn final_line(&mut self, pieces: &[&str]) {
        let lines: Vec<String> = self
            .stderr_lines()
            .into_iter()
            .filter(|l| l.starts_with("error:"))
            .collect();
        let Some(last) = lines.last() else {
            self.fail("no final `error: …` line on stderr".to_string());
            return;
        };
        if lines.len() > 1 {
            self.fail(format!(
                "{} `error:` lines, expected one: {lines:?}",
                lines.len()
            ));
        }
        for p in pieces {
            let p = self.ctx.fill(p);
            if !last.contains(&p) {
                self.fail(format!("final line {last:?} does not contain {p:?}"));
            }
        }
    }

    fn no_final_line(&mut self) {
        let errors: Vec<String> = self
            .stderr_lines()
            .into_iter()
            .filter(|l| l.starts_with("error:"))
            .collect();
        if !errors.is_empty() {
            self.fail(format!("unexpected error line(s) {errors:?}"));
        }
    }

    fn stdout_contains(&mut self, s: &str) {
        if !self.run.out.stdout_text().contains(s) {
            self.fail(format!("stdout does not contain {s:?}"));
        }
    }

    fn stdout_empty(&mut self) {
        if !self.run.out.stdout.is_empty() {
            let got = self.run.out.stdout_text();
            self.fail(format!("stdout should be empty (HEAD), got {got:?}"));
        }
    }

    fn stderr_contains(&mut self, s: &str) {
        if !self.run.out.stderr_text().contains(s) {
            self.fail(format!("stderr does not contain {s:?}"));
        }
    }

    fn no_secrets(&mut self, secrets: &[&str]) {
        let err = self.run.out.stderr_text();
        for s in secrets {
            if err.contains(s) {
                self.fail(format!("stderr leaks {s:?}"));
            }
        }
    }

    fn elapsed_below(&mut self, limit: f64) {
        let e = self.run.out.elapsed.as_secs_f64();
        if e > limit {
            self.fail(format!(
                "took {e:.2} s, expected an immediate stop (< {limit} s)"
            ));
        }
    }

    /// Seconds between consecutive requests to `server`.
    fn gaps(&self, server: usize) -> Vec<f64> {
        let rs = self.run.requests.get(server).cloned().unwrap_or_default();
        rs.windows(2)
            .map(|w| match w {
                [a, b] => b.arrived.duration_since(a.arrived).as_secs_f64(),
                _ => 0.0,
            })
            .collect()
    }

    fn gaps_between(&mut self, server: usize, low: f64, high: f64) {
        for (i, d) in self.gaps(server).into_iter().enumerate() {
            if d < low || d > high {
                self.fail(format!(
                    "delay before attempt {}: {d:.3} s measured at the server, expected {low:.3}..{high:.3} s",
                    i + 2
                ));
            }
        }
    }

    /// Each attempt ran into the timeout before the next one started. The server stamps an
    /// arrival when its thread reads the request, which under load (two cores, a dozen programs)
    /// can lag the program's own clock by a fifth of a second for any one request; so each gap
    /// gets [`ARRIVAL_LAG`] of slack, and the gaps together must still add up to the timeouts
    /// with that slack once (the sum only depends on the first and last arrival).
    fn attempt_gaps_at_least(&mut self, server: usize, attempt_timeout: f64) {
        let gaps = self.gaps(server);
        let total: f64 = gaps.iter().sum();
        let least = gaps.len() as f64 * attempt_timeout - ARRIVAL_LAG;
        if !gaps.is_empty() && total < least {
            self.fail(format!(
                "the {} attempts after the first started {total:.3} s after it in all; expected at least {least:.2} s ({attempt_timeout} s timeouts)",
                gaps.len()
            ));
        }
        for (i, d) in gaps.into_iter().enumerate() {
            let cap = cap(self.overrides, i + 1);
            let (low, high) = (
                attempt_timeout - ARRIVAL_LAG,
                attempt_timeout + cap + SLACK_UP,
            );
            if d < low || d > high {
                self.fail(format!(
                    "attempt {} started {d:.3} s after the previous one; expected the {attempt_timeout} s timeout plus a backoff ≤ {cap:.2} s ({low:.2}..{high:.2})",
                    i + 2
                ));
            }
        }
    }

    /// Logged waits are within the backoff envelope (no server to measure: connection refused).
    fn logged_waits_within_envelope(&mut self, lines: &[RetryLine], jitter: Jitter) {
        for l in lines {
            let cap = cap(self.overrides, l.k);
            let ok = match jitter {
                Jitter::Full => l.wait >= 0.0 && l.wait <= cap + 0.006,
                Jitter::None => (l.wait - cap).abs() <= 0.006,
            };
            if !ok {
                self.fail(format!(
                    "retry {}: logged wait {:.2}s outside the backoff envelope (cap {cap:.2}s, jitter {jitter:?})",
                    l.k, l.wait
                ));
            }
            if l.retry_after {
                self.fail(format!(
                    "retry {}: marked (Retry-After) but the server sent none",
                    l.k
                ));
            }
        }
    }

    /// Backoff before each retry n: the logged wait is within min(MAX, BASE·2^(n-1)) (exactly that
    /// with jitter none), and the gap measured at `server` is at least the logged wait and at most
    /// the cap plus slack.
    fn backoff(&mut self, server: usize, jitter: Jitter) {
        let lines: Vec<RetryLine> = self
            .stderr_lines()
            .iter()
            .filter_map(|l| parse_retry_line(l).ok())
            .collect();
        self.logged_waits_within_envelope(&lines, jitter);
        for (i, d) in self.gaps(server).into_iter().enumerate() {
            let n = i + 1;
            let cap = cap(self.overrides, n);
            let logged = lines.get(i).map_or(0.0, |l| l.wait);
            let low = match jitter {
                Jitter::Full => logged - SLACK_DOWN,
                Jitter::None => cap - SLACK_DOWN,
            };
            if d < low || d > cap + SLACK_UP {
                self.fail(format!(
                    "delay before retry {n}: {d:.3} s measured at the server; logged {logged:.2} s, backoff cap {cap:.2} s (allowed {:.3}..{:.3})",
                    low.max(0.0),
                    cap + SLACK_UP
                ));
            }
        }
        if jitter == Jitter::None {
            let waits: Vec<f64> = lines.iter().map(|l| l.wait).collect();
            let growing = waits
                .windows(2)
                .all(|w| matches!(w, [a, b] if b > a || (*b - MAX).abs() < 0.006));
            if !growing {
                self.fail(format!(
                    "with jitter none the waits must double up to the cap: {waits:?}"
                ));
            }
        }
    }

    /// Retry line `line` waited Retry-After `ra` (+ up to 1 s of jitter), marked `(Retry-After)`,
    /// and the server saw a gap of at least `ra`.
    fn retry_after_wait(
        &mut self,
        lines: &[RetryLine],
        line: usize,
        ra: f64,
        server: usize,
        jitter: Jitter,
    ) {
        let Some(l) = lines.get(line) else { return };
        if !l.retry_after {
            self.fail(format!("retry {}: not marked ` (Retry-After)`", l.k));
        }
        let high = if jitter == Jitter::Full { ra + 1.0 } else { ra } + 0.006;
        // A program reads its clock a little after the server stamped the date.
        if l.wait < ra - 0.1 || l.wait > high {
            self.fail(format!(
                "retry {}: logged wait {:.2}s, expected Retry-After {ra:.2}s plus up to 1s of jitter",
                l.k, l.wait
            ));
        }
        if let Some(d) = self.gaps(server).get(line).copied() {
            if d < ra - 0.1 || d > high + SLACK_UP {
                self.fail(format!(
                    "the server saw the retry {d:.3} s later; Retry-After asked for {ra:.2} s"
                ));
            }
        }
    }

    fn same_header_on_every_attempt(&mut self, server: usize, name: &str, expected: Option<&str>) {
        let values: Vec<Option<String>> = self
            .run
            .requests
            .get(server)
            .map(|rs| rs.iter().map(|r| r.header(name)).collect())
            .unwrap_or_default();
        if values.iter().any(Option::is_none) {
            self.fail(format!("`{name}` missing on some attempts: {values:?}"));
            return;
        }
        if values.windows(2).any(|w| matches!(w, [a, b] if a != b)) {
            self.fail(format!("`{name}` differs between attempts: {values:?}"));
        }
        if let (Some(e), Some(Some(first))) = (expected, values.first()) {
            if first != e {
                self.fail(format!("`{name}` is {first:?}, expected {e:?}"));
            }
        }
    }

    fn header_is_uuid_v4(&mut self, server: usize, name: &str) {
        let Some(v) = self
            .run
            .requests
            .get(server)
            .and_then(|rs| rs.first())
            .and_then(|r| r.header(name))
        else {
            return;
        };
        let groups: Vec<&str> = v.split('-').collect();
        let shape = groups.iter().map(|g| g.len()).collect::<Vec<_>>() == [8, 4, 4, 4, 12]
            && v.chars().all(|c| c == '-' || c.is_ascii_hexdigit());
        let v4 = groups.get(2).is_some_and(|g| g.starts_with('4'))
            && groups
                .get(3)
                .and_then(|g| g.chars().next())
                .is_some_and(|c| "89abAB".contains(c));
        if !(shape && v4) {
            self.fail(format!("`{name}: {v}` is not a UUID v4"));
        }
    }

    fn same_body_on_every_attempt(&mut self, server: usize) {
        let bodies: Vec<Vec<u8>> = self
            .run
            .requests
            .get(server)
            .map(|rs| rs.iter().map(|r| r.body.clone()).collect())
            .unwrap_or_default();
        if bodies.windows(2).any(|w| matches!(w, [a, b] if a != b)) {
            self.fail("the body differs between attempts".to_string());
        }
        if bodies.first().is_some_and(Vec::is_empty) {
            self.fail("the body is empty".to_string());
        }
    }
}

/// The backoff cap before retry `n`: min(MAX, BASE·2^(n-1)) with the scenario's overrides.
fn cap(o: &Overrides, n: usize) -> f64 {
    let base = o.base_delay.unwrap_or(1.0);
    let max = o.max_delay.unwrap_or(30.0).max(base);
    (base * 2f64.powi(n as i32 - 1)).min(max)
}

/// A scenario ready to run in one language: its servers are listening, its program exists.
struct Prepared {
    scenario: usize,
    servers: Vec<Server>,
    ctx: Ctx,
    program: Result<Runnable, String>,
    pending: Option<String>,
}

/// Starts the scenario's servers and converts its command for `lang` (or the reference program).
fn prepare(
    index: usize,
    s: &Scenario,
    lang: Option<Lang>,
    dir: &std::path::Path,
) -> (Prepared, Option<String>) {
    let servers: Vec<Server> = s
        .servers
        .iter()
        .map(|spec| Server::with_default(spec.script.clone(), spec.default.clone()))
        .collect();
    let dead_port = process::free_port();
    let ctx = Ctx {
        origins: servers.iter().map(Server::origin).collect(),
        dead: format!("http://127.0.0.1:{dead_port}"),
    };
    let command = ctx
        .fill(s.command)
        .replace("{DEAD_HOST}", &format!("127.0.0.1:{dead_port}"));
    let mut overrides = s.overrides.clone();
    overrides.fallback_urls = overrides
        .fallback_urls
        .iter()
        .map(|u| ctx.fill(u))
        .collect();
    let options = Options {
        shell: Some(curl2code::Dialect::Bash),
        retry: overrides,
        exact: exact_mode(),
        ..Default::default()
    };
    let (program, pending, code) = match lang {
        None => (
            Ok(reference_program(dir, s.name, &command, &options.retry)),
            None,
            None,
        ),
        Some(lang) => match programs::generate(&command, lang, &options) {
            Generated::Code(code) if lang == Lang::Rust => (Err(String::new()), None, Some(code)),
            Generated::Code(code) => (
                Ok(programs::write_script(dir, s.name, lang, &code)),
                None,
                None,
            ),
            Generated::Pending(p) => (Err(p.clone()), Some(p), None),
            Generated::Refused(d) => (
                Err(format!("curl2code refused `{command}`:\n{d}")),
                None,
                None,
            ),
        },
    };
    (
        Prepared {
            scenario: index,
            servers,
            ctx,
            program,
            pending,
        },
        code,
    )
}

/// The reference program: tests/support/reference_retry.py with the command and overrides.
fn reference_program(dir: &std::path::Path, name: &str, command: &str, o: &Overrides) -> Runnable {
    let script = fixture::repo_root().join("tests/support/reference_retry.py");
    let config = serde_json::json!({
        "command": command,
        "max_retries": o.max_retries,
        "base_delay": o.base_delay,
        "max_delay": o.max_delay,
        "jitter": o.jitter.map(|j| if j == Jitter::None { "none" } else { "full" }),
        "deadline": o.deadline,
        "timeout": o.timeout,
        "retry_non_idempotent": o.retry_non_idempotent,
        "no_retry": o.no_retry,
        "circuit_breaker": o.circuit_breaker,
        "idempotency_key": o.idempotency_key,
        "fallback_urls": o.fallback_urls,
    });
    // A tiny launcher per scenario keeps Runnable::Script's "python3 file" shape.
    let launcher = format!(
        "import runpy, sys\nsys.argv = [{script:?}, {config:?}]\nrunpy.run_path({script:?}, run_name='__main__')\n",
        script = script.display().to_string(),
        config = config.to_string()
    );
    programs::write_script(dir, name, Lang::Python, &launcher)
}

/// Runs every prepared scenario on `WORKERS` threads and returns the problems per scenario.
fn run_all(
    prepared: Vec<Prepared>,
    all: &[Scenario],
) -> BTreeMap<usize, Result<Vec<String>, String>> {
    let queue = Arc::new(Mutex::new(prepared));
    let results = Arc::new(Mutex::new(BTreeMap::new()));
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            let queue = queue.clone();
            let results = results.clone();
            scope.spawn(move || {
                loop {
                    let next = queue.lock().unwrap_or_else(|e| e.into_inner()).pop();
                    let Some(p) = next else { break };
                    let Some(s) = all.get(p.scenario) else {
                        continue;
                    };
                    let outcome = match (&p.program, &p.pending) {
                        (_, Some(pending)) => Err(pending.clone()),
                        (Err(e), None) => Ok(vec![e.clone()]),
                        (Ok(program), None) => {
                            let cwd = TempDir::new("faults");
                            let out = program.run(cwd.path(), &[], PROGRAM_TIMEOUT);
                            // Hung connections may still be open; what arrived is what counts.
                            let requests = p.servers.iter().map(Server::requests).collect();
                            let run = RunResult { out, requests };
                            let mut c = Check {
                                run: &run,
                                ctx: &p.ctx,
                                overrides: &s.overrides,
                                problems: Vec::new(),
                            };
                            (s.check)(&mut c);
                            if c.problems.is_empty() {
                                Ok(Vec::new())
                            } else {
                                let mut problems = c.problems;
                                problems.push(format!("program: {}", run.out.transcript()));
                                Ok(problems)
                            }
                        }
                    };
                    results
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .insert(p.scenario, outcome);
                    drop(p.servers);
                }
            });
        }
    });
    Arc::try_unwrap(results)
        .map(|m| m.into_inner().unwrap_or_else(|e| e.into_inner()))
        .unwrap_or_default()
}

fn selected(all: &[Scenario]) -> Vec<usize> {
    let filter: Vec<String> = std::env::var("CURL2CODE_SCENARIOS")
        .map(|f| {
            f.split(',')
                .map(str::to_string)
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    (0..all.len())
        .filter(|i| {
            filter.is_empty()
                || all
                    .get(*i)
                    .is_some_and(|s| filter.iter().any(|f| s.name.contains(f.as_str())))
        })
        .collect()
}

/// The Rust programs of every scenario, compiled once into the `faults` binary.
struct RustFaults {
    prepared: Mutex<Vec<Prepared>>,
    build: rustbuild::Build,
}

fn rust_faults() -> &'static RustFaults {
    static RUST: OnceLock<RustFaults> = OnceLock::new();
    RUST.get_or_init(|| {
        let all = scenarios();
        let dir = TempDir::new("faults-rust-unused");
        let mut prepared = Vec::new();
        let mut sources = BTreeMap::new();
        for i in selected(&all) {
            let Some(s) = all.get(i) else { continue };
            let (p, code) = prepare(i, s, Some(Lang::Rust), dir.path());
            if let Some(code) = code {
                sources.insert(fixture::ident(s.name), code);
            }
            prepared.push(p);
        }
        let build = if sources.is_empty() {
            rustbuild::Build::default()
        } else {
            rustbuild::build("faults", &sources)
        };
        for p in &mut prepared {
            let Some(s) = all.get(p.scenario) else {
                continue;
            };
            let module = fixture::ident(s.name);
            if !sources.contains_key(&module) {
                continue;
            }
            p.program = match (&build.bin, build.broken.get(&module)) {
                (_, Some(e)) => Ok(Runnable::Broken(e.clone())),
                (Some(bin), None) => Ok(Runnable::RustModule(bin.clone(), module)),
                (None, None) => Err(build.fatal.clone().unwrap_or_default()),
            };
        }
        RustFaults {
            prepared: Mutex::new(prepared),
            build,
        }
    })
}

/// Runs every scenario in `lang` (None: the reference program) and fails with every problem.
fn run_language(lang: Option<Lang>) {
    // Compile the Rust programs first: a cargo build on both cores while other languages run
    // would stretch the delays those scenarios measure.
    let _ = rust_faults();
    let start = Instant::now();
    let all = scenarios();
    let name = lang.map_or("reference", Lang::name);
    let dir = TempDir::new(&format!("faults-{name}"));
    let prepared: Vec<Prepared> = match lang {
        Some(Lang::Rust) => std::mem::take(
            &mut *rust_faults()
                .prepared
                .lock()
                .unwrap_or_else(|e| e.into_inner()),
        ),
        _ => selected(&all)
            .into_iter()
            .filter_map(|i| all.get(i).map(|s| prepare(i, s, lang, dir.path()).0))
            .collect(),
    };
    let results = run_all(prepared, &all);
    let mut failures = Vec::new();
    let (mut passed, mut pending) = (0, 0);
    for (i, r) in &results {
        let s_name = all.get(*i).map_or("?", |s| s.name);
        match r {
            Ok(problems) if problems.is_empty() => passed += 1,
            Ok(problems) => failures.push(format!(
                "=== {s_name} [{name}] ===\n{}",
                problems.join("\n")
            )),
            Err(_) => pending += 1,
        }
    }
    let summary = format!(
        "faults {name}: {} scenarios, {passed} passed, {} failed, {pending} pending, in {:.1} s",
        results.len(),
        failures.len(),
        start.elapsed().as_secs_f64()
    );
    // Straight to stderr, past the test harness capture: the summary shows even when tests pass.
    let _ = writeln!(std::io::stderr(), "{summary}");
    assert!(
        failures.is_empty(),
        "{summary}\n\n{}\n\n{summary}",
        failures.join("\n\n")
    );
    assert!(
        !(programs::strict() && pending > 0),
        "{summary}: CURL2CODE_STRICT=1 and {pending} scenario(s) are pending"
    );
}

#[test]
fn faults_python() {
    run_language(Some(Lang::Python));
}

#[test]
fn faults_javascript() {
    run_language(Some(Lang::JavaScript));
}

#[test]
fn faults_rust() {
    run_language(Some(Lang::Rust));
}

/// The checks themselves, against a hand-written implementation of the contract.
#[test]
fn faults_reference_program() {
    run_language(None);
}

#[test]
fn fault_programs_lint_clean() {
    let all = scenarios();
    let mut problems = Vec::new();
    for lang in [Lang::Python, Lang::JavaScript] {
        let dir = TempDir::new("faults-lint");
        let mut files = Vec::new();
        for i in selected(&all) {
            let Some(s) = all.get(i) else { continue };
            let (p, _) = prepare(i, s, Some(lang), dir.path());
            if let Ok(Runnable::Script(_, f)) = p.program {
                files.push(f);
            }
        }
        problems.extend(match lang {
            Lang::Python => programs::lint_python(&files),
            _ => programs::lint_javascript(&files),
        });
    }
    let b = &rust_faults().build;
    for (m, e) in &b.broken {
        problems.push(format!("=== {m}: does not compile ===\n{e}"));
    }
    for (m, e) in &b.clippy {
        problems.push(format!("=== {m}: clippy -D warnings ===\n{e}"));
    }
    if let Some(f) = &b.fatal {
        problems.push(f.clone());
    }
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn retry_line_parser_accepts_the_contract_shape_only() {
    let l = parse_retry_line("retry 2/4: POST http://127.0.0.1:9/x -> HTTP 502; waiting 0.10s")
        .unwrap();
    assert_eq!(
        (l.k, l.n, l.method.as_str(), l.wait, l.retry_after),
        (2, 4, "POST", 0.1, false)
    );
    let l = parse_retry_line("retry 1/4: GET http://h/x -> HTTP 503; waiting 1.52s (Retry-After)")
        .unwrap();
    assert!(l.retry_after && l.reason == "HTTP 503");
    assert!(parse_retry_line("retry 1/4: GET http://h/x -> HTTP 503; waiting 1.5s").is_err());
    assert!(parse_retry_line("retry 1/4 GET http://h/x -> HTTP 503; waiting 1.50s").is_err());
    let _ = SystemTime::now();
}
