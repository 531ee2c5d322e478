//! What a scenario checks of a run: the retry lines on stderr, the requests and the delays the
//! servers measured, the final line and the exit code.

use super::*;

pub(super) fn secs(t: SystemTime) -> f64 {
    t.duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64())
}

/// One parsed `retry k/N: METHOD URL -> REASON; waiting D.DDs[ (Retry-After)]` line.
#[derive(Clone, Debug)]
pub(super) struct RetryLine {
    pub(super) k: usize,
    pub(super) n: usize,
    pub(super) method: String,
    pub(super) url: String,
    pub(super) reason: String,
    pub(super) wait: f64,
    pub(super) retry_after: bool,
}

pub(super) fn parse_retry_line(line: &str) -> Result<RetryLine, String> {
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
pub(super) struct RunResult {
    pub(super) out: Outcome,
    /// Requests per server, in arrival order.
    pub(super) requests: Vec<Vec<Recorded>>,
}

/// Accumulates problems for one scenario run.
pub(super) struct Check<'a> {
    pub(super) run: &'a RunResult,
    pub(super) ctx: &'a Ctx,
    pub(super) overrides: &'a Overrides,
    pub(super) problems: Vec<String>,
}

impl Check<'_> {
    pub(super) fn fail(&mut self, p: String) {
        self.problems.push(p);
    }

    pub(super) fn stderr_lines(&self) -> Vec<String> {
        self.run
            .out
            .stderr_text()
            .lines()
            .map(str::to_string)
            .collect()
    }

    pub(super) fn exit(&mut self, code: i32) {
        if self.run.out.code != Some(code) {
            let got = self.run.out.describe_exit();
            self.fail(format!("expected exit {code}, got {got}"));
        }
    }

    pub(super) fn requests(&mut self, server: usize, n: usize) {
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

    pub(super) fn targets(&mut self, server: usize, expected: &[&str]) {
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
    pub(super) fn retry_lines(
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
    pub(super) fn final_line(&mut self, pieces: &[&str]) {
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

    pub(super) fn no_final_line(&mut self) {
        let errors: Vec<String> = self
            .stderr_lines()
            .into_iter()
            .filter(|l| l.starts_with("error:"))
            .collect();
        if !errors.is_empty() {
            self.fail(format!("unexpected error line(s) {errors:?}"));
        }
    }

    pub(super) fn stdout_contains(&mut self, s: &str) {
        if !self.run.out.stdout_text().contains(s) {
            self.fail(format!("stdout does not contain {s:?}"));
        }
    }

    pub(super) fn stdout_empty(&mut self) {
        if !self.run.out.stdout.is_empty() {
            let got = self.run.out.stdout_text();
            self.fail(format!("stdout should be empty (HEAD), got {got:?}"));
        }
    }

    pub(super) fn stderr_contains(&mut self, s: &str) {
        if !self.run.out.stderr_text().contains(s) {
            self.fail(format!("stderr does not contain {s:?}"));
        }
    }

    pub(super) fn no_secrets(&mut self, secrets: &[&str]) {
        let err = self.run.out.stderr_text();
        for s in secrets {
            if err.contains(s) {
                self.fail(format!("stderr leaks {s:?}"));
            }
        }
    }

    pub(super) fn elapsed_below(&mut self, limit: f64) {
        let e = self.run.out.elapsed.as_secs_f64();
        if e > limit {
            self.fail(format!(
                "took {e:.2} s, expected an immediate stop (< {limit} s)"
            ));
        }
    }

    /// Seconds between consecutive requests to `server`.
    pub(super) fn gaps(&self, server: usize) -> Vec<f64> {
        let rs = self.run.requests.get(server).cloned().unwrap_or_default();
        rs.windows(2)
            .map(|w| match w {
                [a, b] => b.arrived.duration_since(a.arrived).as_secs_f64(),
                _ => 0.0,
            })
            .collect()
    }

    pub(super) fn gaps_between(&mut self, server: usize, low: f64, high: f64) {
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
    pub(super) fn attempt_gaps_at_least(&mut self, server: usize, attempt_timeout: f64) {
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
    pub(super) fn logged_waits_within_envelope(&mut self, lines: &[RetryLine], jitter: Jitter) {
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
    pub(super) fn backoff(&mut self, server: usize, jitter: Jitter) {
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
    pub(super) fn retry_after_wait(
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

    pub(super) fn same_header_on_every_attempt(
        &mut self,
        server: usize,
        name: &str,
        expected: Option<&str>,
    ) {
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

    pub(super) fn header_is_uuid_v4(&mut self, server: usize, name: &str) {
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

    pub(super) fn same_body_on_every_attempt(&mut self, server: usize) {
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
pub(super) fn cap(o: &Overrides, n: usize) -> f64 {
    let base = o.base_delay.unwrap_or(1.0);
    let max = o.max_delay.unwrap_or(30.0).max(base);
    (base * 2f64.powi(n as i32 - 1)).min(max)
}
