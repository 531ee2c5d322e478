//! The fault scenarios: each scripts loopback servers, a curl command and overrides, and what
//! the program must do (exit code, requests, delays, stderr lines).

use super::*;

pub(super) fn scenarios() -> Vec<Scenario> {
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
                // Waiting for Retry-After, or until the 5 s deadline, takes 5 s or more; the margin
                // is for interpreter start-up on a loaded machine (python-async took 4.07 s once).
                c.elapsed_below(4.8);
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
