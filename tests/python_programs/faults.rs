//! The retry helper against scripted failures.

use super::*;

pub(super) fn fault(
    name: &str,
    script: Vec<Action>,
    request: Request,
    policy: &RetryPolicy,
) -> (Run, Vec<Recorded>) {
    let dir = workdir(name);
    let server = server(script);
    let mut request = request;
    request.url = retarget(&request.url, &server.origin());
    let run = run_python(dir.path(), &[request], policy, b"", &[]);
    (run, server.requests())
}

pub(super) fn retry_lines(run: &Run) -> Vec<&str> {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("retry "))
        .collect()
}

#[test]
pub(super) fn gateway_errors_are_retried_then_the_body_printed() {
    if !tools_present() {
        return;
    }
    let (run, reqs) = fault(
        "502-502-200",
        vec![reply(502), reply(502), reply(200)],
        get("/x?secret=1"),
        &fast_policy(),
    );
    assert_eq!(reqs.len(), 3);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, b"status 200\n");
    let lines = retry_lines(&run);
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        lines[0].starts_with("retry 1/4: GET http://127.0.0.1:"),
        "{}",
        lines[0]
    );
    assert!(
        lines[0].ends_with("/x -> HTTP 502; waiting 0.05s"),
        "{}",
        lines[0]
    );
    assert!(
        lines[1].ends_with("/x -> HTTP 502; waiting 0.10s"),
        "{}",
        lines[1]
    );
    assert!(!run.stderr.contains("secret"));
}

#[test]
pub(super) fn a_404_is_final() {
    if !tools_present() {
        return;
    }
    let (run, reqs) = fault("404", vec![reply(404)], get("/missing"), &fast_policy());
    assert_eq!(reqs.len(), 1);
    assert_eq!(run.code, 1);
    assert_eq!(run.stdout, b"status 404\n", "curl prints error bodies too");
    assert!(
        run.stderr
            .trim_end()
            .ends_with("/missing failed after 1 attempt(s): HTTP 404"),
        "{}",
        run.stderr
    );

    let mut failing = get("/missing");
    failing.transfer.fail = true;
    let (run, _) = fault("404-f", vec![reply(404)], failing, &fast_policy());
    assert_eq!(
        (run.code, run.stdout.len()),
        (22, 0),
        "-f: exit 22, no body"
    );
}

#[test]
pub(super) fn retries_exhausted_print_the_last_body_and_fail() {
    if !tools_present() {
        return;
    }
    let (run, reqs) = fault("503x4", vec![reply(503)], get("/busy"), &fast_policy());
    assert_eq!(reqs.len(), 4);
    assert_eq!(run.code, 1);
    assert_eq!(retry_lines(&run).len(), 3);
    assert!(
        run.stderr
            .contains("/busy failed after 4 attempt(s): HTTP 503"),
        "{}",
        run.stderr
    );
}

#[test]
pub(super) fn post_is_not_retried_on_status_unless_allowed() {
    if !tools_present() {
        return;
    }
    let mut post = with_method(get("/charge"), Method::Post);
    post.body = Some(Body::Data(vec![text("amount=1")]));
    let (run, reqs) = fault(
        "post-503",
        vec![reply(503), reply(200)],
        post.clone(),
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);

    let mut keyed = post.clone();
    header(&mut keyed, "Idempotency-Key", "k1");
    let (run, reqs) = fault(
        "post-503-key",
        vec![reply(503), reply(200)],
        keyed,
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);

    let generated = RetryPolicy {
        idempotency_key: true,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "post-503-genkey",
        vec![reply(503), reply(200)],
        post.clone(),
        &generated,
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    let keys: Vec<String> = reqs
        .iter()
        .filter_map(|r| r.header("Idempotency-Key"))
        .collect();
    assert_eq!(keys.len(), 2);
    assert_eq!(keys[0], keys[1], "one key for every attempt of a call");
    assert_eq!(keys[0].len(), 36);

    let curl_retry = RetryPolicy {
        non_idempotent: NonIdempotentRetry::CurlRetryFlag,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "post-503-retry",
        vec![reply(503), reply(200)],
        post,
        &curl_retry,
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
}

#[test]
pub(super) fn connection_refused_is_retried_even_for_post() {
    if !tools_present() {
        return;
    }
    let port = process::free_port();
    let dir = workdir("refused");
    let mut post = with_method(
        Request::get(format!("http://127.0.0.1:{port}/x?token=1")),
        Method::Post,
    );
    post.body = Some(Body::Data(vec![text("a=1")]));
    let run = run_python(dir.path(), &[post], &fast_policy(), b"", &[]);
    assert_eq!(run.code, 1);
    let lines = retry_lines(&run);
    assert_eq!(lines.len(), 3, "{}", run.stderr);
    assert!(
        lines[0].contains("-> connection refused; waiting 0.05s"),
        "{}",
        lines[0]
    );
    assert!(
        run.stderr
            .contains("failed after 4 attempt(s): connection refused"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("token"));
}

#[test]
pub(super) fn read_timeouts_retry_get_but_not_post() {
    if !tools_present() {
        return;
    }
    let slow = slow(Duration::from_millis(1500));
    let policy = RetryPolicy {
        attempt_timeout: Some(0.4),
        max_retries: 1,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "timeout-get",
        vec![slow.clone(), reply(200)],
        get("/slow"),
        &policy,
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    assert!(
        retry_lines(&run)[0].contains("-> timed out;"),
        "{}",
        run.stderr
    );

    let post = with_method(get("/slow"), Method::Post);
    let (run, reqs) = fault("timeout-post", vec![slow, reply(200)], post, &policy);
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);
    assert!(
        run.stderr.contains("failed after 1 attempt(s): timed out"),
        "{}",
        run.stderr
    );
}

#[test]
pub(super) fn retry_after_is_honoured_and_checked_against_the_deadline() {
    if !tools_present() {
        return;
    }
    let busy = reply(429).header("Retry-After", "1");
    let (run, reqs) = fault(
        "retry-after",
        vec![busy, reply(200)],
        get("/limited"),
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    let lines = retry_lines(&run);
    assert!(
        lines[0].ends_with("-> HTTP 429; waiting 1.00s (Retry-After)"),
        "{}",
        lines[0]
    );

    let far = reply(503).header("Retry-After", "120");
    let (run, reqs) = fault(
        "retry-after-far",
        vec![far],
        get("/limited"),
        &fast_policy(),
    );
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("failed after 1 attempt(s): HTTP 503; deadline of 60s reached (Retry-After)"),
        "{}",
        run.stderr
    );

    let dated = reply(503).header("Retry-After", "Wed, 21 Oct 2015 07:28:00 GMT");
    let (run, reqs) = fault(
        "retry-after-date",
        vec![dated, reply(200)],
        get("/limited"),
        &fast_policy(),
    );
    assert_eq!(
        (reqs.len(), run.code),
        (2, 0),
        "a date in the past means now: {}",
        run.stderr
    );
    assert!(
        retry_lines(&run)[0].ends_with("waiting 0.00s (Retry-After)"),
        "{}",
        run.stderr
    );
}

#[test]
pub(super) fn the_deadline_stops_backoff() {
    if !tools_present() {
        return;
    }
    // Waits of 1 s then 2 s (no jitter) against a 2.5 s deadline: the second wait would pass
    // it. The first attempt has 1.5 s of slack, so a busy machine does not change the count.
    let policy = RetryPolicy {
        base_delay: 1.0,
        max_delay: 5.0,
        deadline: Some(2.5),
        ..fast_policy()
    };
    let (run, reqs) = fault("deadline", vec![reply(502)], get("/x"), &policy);
    assert_eq!(reqs.len(), 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("failed after 2 attempt(s): HTTP 502; deadline of 2.5s reached"),
        "{}",
        run.stderr
    );
}

#[test]
pub(super) fn fixed_delay_full_jitter_and_no_retry() {
    if !tools_present() {
        return;
    }
    let fixed = RetryPolicy {
        fixed_delay: Some(0.07),
        ..fast_policy()
    };
    let (run, _) = fault("fixed", vec![reply(500), reply(200)], get("/x"), &fixed);
    assert!(
        retry_lines(&run)[0].ends_with("waiting 0.07s"),
        "{}",
        run.stderr
    );

    let jitter = RetryPolicy {
        jitter: Jitter::Full,
        ..fast_policy()
    };
    let (run, reqs) = fault(
        "jitter",
        vec![reply(500), reply(500), reply(200)],
        get("/x"),
        &jitter,
    );
    assert_eq!((reqs.len(), run.code), (3, 0), "{}", run.stderr);

    let off = RetryPolicy {
        enabled: false,
        max_retries: 0,
        ..fast_policy()
    };
    let (run, reqs) = fault("no-retry", vec![reply(502), reply(200)], get("/x"), &off);
    assert_eq!((reqs.len(), run.code), (1, 1), "{}", run.stderr);
    assert!(
        run.stderr.contains("failed after 1 attempt(s): HTTP 502"),
        "{}",
        run.stderr
    );
}

#[test]
pub(super) fn files_are_read_again_for_each_attempt() {
    if !tools_present() {
        return;
    }
    let mut r = with_method(get("/up"), Method::Put);
    r.body = Some(Body::Upload(file("p.png")));
    let (run, reqs) = fault("reread", vec![reply(503), reply(200)], r, &fast_policy());
    assert_eq!((reqs.len(), run.code), (2, 0), "{}", run.stderr);
    assert_eq!(reqs[0].body, reqs[1].body);
    assert_eq!(reqs[1].body, b"\x89PNG\x00\xff binary");
}

#[test]
pub(super) fn fallback_origins_take_over_after_gateway_errors() {
    if !tools_present() {
        return;
    }
    let backup = server(vec![reply(200)]);
    let policy = RetryPolicy {
        fallback_urls: vec![backup.origin()],
        ..fast_policy()
    };
    let (run, reqs) = fault("fallback", vec![reply(502)], get("/path?q=1"), &policy);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(reqs.len(), 1);
    let moved = backup.requests();
    assert_eq!(moved.len(), 1);
    assert_eq!(moved[0].summary(), "GET /path?q=1");
}

#[test]
pub(super) fn the_circuit_breaker_opens_after_five_failed_calls() {
    if !tools_present() {
        return;
    }
    let dir = workdir("breaker");
    let server = server(vec![reply(500)]);
    let policy = RetryPolicy {
        circuit_breaker: true,
        max_retries: 0,
        ..fast_policy()
    };
    let mut r = get("/x");
    r.url = retarget(&r.url, &server.origin());
    std::fs::write(dir.path().join("request.py"), render(&[r], &policy)).expect("write");
    // Import the program and call its helper in a loop with one `Bases` (which holds the
    // breaker), as an application reusing it would.
    let driver = "import request, requests, sys\n\
                  s, bases = requests.Session(), request.Bases()\n\
                  for _ in range(7):\n\
                  \x20   try:\n\
                  \x20       request.request_with_retries(s, 'GET', URL, bases=bases)\n\
                  \x20   except requests.RequestException as e:\n\
                  \x20       print(e.failure, file=sys.stderr)\n";
    let driver = driver.replace("URL", &format!("'{}/x'", server.origin()));
    std::fs::write(dir.path().join("driver.py"), driver).expect("write");
    let mut cmd = Command::new(python());
    cmd.arg("driver.py");
    let run = run(cmd, dir.path(), b"", &[]);
    assert_eq!(server.requests().len(), 5, "{}", run.stderr);
    assert_eq!(
        run.stderr.matches("circuit open").count(),
        2,
        "{}",
        run.stderr
    );
}

// ---------------------------------------------------------------------------------------------

/// `-T -` reads standard input once: a retried PUT sends the whole body again, in both modes
/// (`--exact` streams it chunked, as curl does, from an object that can be read twice).
#[test]
fn stdin_upload_is_sent_whole_on_every_attempt() {
    if !tools_present() {
        return;
    }
    for mode in [Mode::Idiomatic, Mode::Exact] {
        let dir = workdir(&format!("stdin-retry-{mode:?}"));
        let server = server(vec![reply(502), reply(200)]);
        let command = format!("curl -T - {}/up", server.origin());
        let parsed = curl2code::parse(&command, &curl2code::Options::default()).expect("parses");
        let run = run_python_in(
            mode,
            dir.path(),
            &parsed.requests,
            &fast_policy(),
            b"hi\n",
            &[],
        );
        assert_eq!(run.code, 0, "{mode:?}: {}", run.stderr);
        assert_eq!(retry_lines(&run).len(), 1, "{mode:?}: {}", run.stderr);
        let reqs = server.requests();
        assert_eq!(reqs.len(), 2, "{mode:?}");
        for r in &reqs {
            assert_eq!(r.method, b"PUT", "{mode:?}");
            assert_eq!(r.body, b"hi\n", "{mode:?}: attempt {}", r.index + 1);
        }
    }
}
