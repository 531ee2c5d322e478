//! The rest of the 502 playbook (issue 15): health checks before the first call to each base URL,
//! fallbacks that pick a healthy base and fail over only on a gateway status, a connection error or
//! a timeout, and a circuit breaker per base shared by every call of the program.

use super::*;

/// A base whose `/health` answers `health` and every other path 200 with `body`.
fn base(health: u16, body: &'static str) -> ServerSpec {
    ServerSpec {
        script: Vec::new(),
        default: Action::dynamic(move |r| {
            if r.target().starts_with("/health") {
                Action::status(health)
            } else {
                Action::status(200).body(body)
            }
        }),
    }
}

/// A base whose `/health` never answers.
fn hanging_health() -> ServerSpec {
    ServerSpec {
        script: Vec::new(),
        default: Action::dynamic(|r| {
            if r.target().starts_with("/health") {
                Action::Hang
            } else {
                Action::status(200).body("served\n")
            }
        }),
    }
}

impl Check<'_> {
    /// Request `index` of `server` has header `name` with `expected` value (`None`: absent).
    pub(super) fn header(
        &mut self,
        server: usize,
        index: usize,
        name: &str,
        expected: Option<&str>,
    ) {
        let got = self
            .run
            .requests
            .get(server)
            .and_then(|rs| rs.get(index))
            .map(|r| r.header(name));
        match got {
            None => self.fail(format!("server {server}: no request {index}")),
            Some(got) if got.as_deref() != expected => self.fail(format!(
                "server {server}, request {index}: {name} is {got:?}, expected {expected:?}"
            )),
            Some(_) => {}
        }
    }
}

fn health(o: &mut Overrides) {
    o.health_check = Some("/health".to_string());
}

pub(super) fn playbook() -> Vec<Scenario> {
    let s502 = || Action::status(502);
    vec![
        Scenario {
            name: "health_unhealthy_primary_is_skipped",
            servers: vec![base(503, "primary\n"), base(200, "fallback served\n")],
            command: "curl {S0}/items",
            overrides: fast_with(|o| {
                health(o);
                o.fallback_urls = vec!["{S1}".to_string()];
            }),
            check: |c| {
                c.exit(0);
                c.targets(0, &["/health"]);
                c.targets(1, &["/health", "/items"]);
                c.stdout_contains("fallback served");
                c.no_final_line();
            },
        },
        Scenario {
            name: "health_none_healthy_fails_fast",
            servers: vec![base(503, "primary\n"), hanging_health()],
            command: "curl {S0}/items",
            overrides: fast_with(|o| {
                health(o);
                o.health_timeout = Some(1.0);
                o.fallback_urls = vec!["{S1}".to_string()];
            }),
            check: |c| {
                c.exit(1);
                c.targets(0, &["/health"]);
                c.targets(1, &["/health"]);
                c.final_line(&["no healthy base", "{S0}", "HTTP 503", "{S1}", "timed out"]);
                // One probe timeout (1 s) plus the interpreter's start (tsx compiles TypeScript
                // first: seconds on a loaded machine); the requests above prove nothing else ran.
                c.elapsed_below(8.0);
            },
        },
        Scenario {
            name: "health_verdict_is_remembered_for_later_calls",
            servers: vec![base(200, "ok\n")],
            command: "curl {S0}/a {S0}/b",
            overrides: fast_with(health),
            check: |c| {
                c.exit(0);
                c.targets(0, &["/health", "/a", "/b"]);
            },
        },
        Scenario {
            name: "health_ttl_0_probes_before_every_call",
            servers: vec![base(200, "ok\n")],
            command: "curl {S0}/a {S0}/b",
            overrides: fast_with(|o| {
                health(o);
                o.health_ttl = Some(0.0);
            }),
            check: |c| {
                c.exit(0);
                c.targets(0, &["/health", "/a", "/health", "/b"]);
            },
        },
        Scenario {
            name: "health_probe_carries_no_credentials",
            servers: vec![base(200, "ok\n")],
            command: "curl -H 'Authorization: Bearer S3CRET-B' -b 'sid=S3CRET-C' {S0}/items",
            overrides: fast_with(health),
            check: |c| {
                c.exit(0);
                c.targets(0, &["/health", "/items"]);
                c.header(0, 0, "authorization", None);
                c.header(0, 0, "cookie", None);
                c.header(0, 1, "authorization", Some("Bearer S3CRET-B"));
                c.header(0, 1, "cookie", Some("sid=S3CRET-C"));
            },
        },
        Scenario {
            name: "health_check_auth_sends_the_credentials",
            servers: vec![base(200, "ok\n")],
            command: "curl -H 'Authorization: Bearer S3CRET-B' {S0}/items",
            overrides: fast_with(|o| {
                health(o);
                o.health_check_auth = true;
            }),
            check: |c| {
                c.exit(0);
                c.targets(0, &["/health", "/items"]);
                c.header(0, 0, "authorization", Some("Bearer S3CRET-B"));
            },
        },
        Scenario {
            name: "health_check_at_an_absolute_url",
            servers: vec![base(200, "ok\n"), base(200, "status page\n")],
            command: "curl {S0}/items",
            overrides: fast_with(|o| o.health_check = Some("{S1}/health/deep".to_string())),
            check: |c| {
                c.exit(0);
                c.targets(0, &["/items"]);
                c.targets(1, &["/health/deep"]);
            },
        },
        Scenario {
            name: "fallback_after_a_refused_connection",
            servers: vec![then_ok(vec![])],
            command: "curl {DEAD}/items",
            overrides: fast_with(|o| o.fallback_urls = vec!["{S0}".to_string()]),
            check: |c| {
                c.exit(0);
                c.targets(0, &["/items"]);
                c.retry_lines(1, 4, "GET", "{DEAD}/items", Some("connection refused"));
            },
        },
        Scenario {
            name: "a_404_is_an_answer_not_a_reason_to_fail_over",
            servers: vec![forever(Action::status(404)), then_ok(vec![])],
            command: "curl {S0}/items",
            overrides: fast_with(|o| o.fallback_urls = vec!["{S1}".to_string()]),
            check: |c| {
                c.exit(1);
                c.requests(0, 1);
                c.requests(1, 0);
                c.final_line(&["failed after 1 attempt(s): HTTP 404"]);
            },
        },
        Scenario {
            name: "a_500_is_retried_on_the_same_base_not_failed_over",
            servers: vec![then_ok(vec![Action::status(500)]), then_ok(vec![])],
            command: "curl {S0}/items",
            overrides: fast_with(|o| o.fallback_urls = vec!["{S1}".to_string()]),
            check: |c| {
                c.exit(0);
                c.requests(0, 2);
                c.requests(1, 0);
            },
        },
        Scenario {
            name: "breaker_state_is_per_base",
            servers: vec![forever(s502()), then_ok(vec![])],
            command: "curl {S0}/1 {S0}/2 {S0}/3 {S1}/4",
            overrides: fast_with(|o| {
                o.max_retries = Some(0);
                o.breaker = Some((2, 30.0));
            }),
            check: |c| {
                c.targets(0, &["/1", "/2"]);
                c.targets(1, &["/4"]);
                c.stderr_contains("circuit open");
            },
        },
        Scenario {
            name: "breaker_half_opens_after_the_cool_down",
            servers: vec![
                then_ok(vec![s502()]),
                forever(Action::dynamic(|_| {
                    // Long enough for the first base's cool-down to pass.
                    std::thread::sleep(Duration::from_millis(700));
                    Action::status(200).body("slow\n")
                })),
            ],
            command: "curl {S0}/1 {S0}/2 {S1}/slow {S0}/3",
            overrides: fast_with(|o| {
                o.max_retries = Some(0);
                o.breaker = Some((1, 0.3));
            }),
            check: |c| {
                c.targets(0, &["/1", "/3"]);
                c.targets(1, &["/slow"]);
                c.stderr_contains("circuit open");
            },
        },
        Scenario {
            name: "an_open_breaker_sends_the_call_to_the_next_base",
            servers: vec![forever(s502()), then_ok(vec![])],
            command: "curl {S0}/1 {S0}/2",
            overrides: fast_with(|o| {
                o.max_retries = Some(0);
                o.breaker = Some((1, 30.0));
                o.fallback_urls = vec!["{S1}".to_string()];
            }),
            check: |c| {
                c.targets(0, &["/1"]);
                c.targets(1, &["/2"]);
            },
        },
    ]
}
