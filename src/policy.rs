//! The retry policy of the generated programs: defaults, curl's `--retry*` flags, and CLI overrides.
//!
//! The numbers follow curl's `--retry`, urllib3's `Retry` and the AWS SDKs' "full jitter" backoff.

use crate::ir::Request;
use serde::Serialize;

/// Statuses worth another attempt: curl's transient set (408, 429, 500, 502, 503, 504) plus the
/// CDN gateway codes 521, 522 and 524.
pub const RETRY_STATUSES: [u16; 9] = [408, 429, 500, 502, 503, 504, 521, 522, 524];

/// How the backoff delay is randomised.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Jitter {
    /// Uniform between 0 and the exponential delay (AWS "full jitter").
    #[default]
    Full,
    /// Exactly the exponential delay: deterministic, for tests and debugging.
    None,
}

impl std::str::FromStr for Jitter {
    type Err = String;
    fn from_str(s: &str) -> Result<Jitter, String> {
        match s {
            "full" => Ok(Jitter::Full),
            "none" => Ok(Jitter::None),
            other => Err(format!("unknown jitter `{other}` (expected full or none)")),
        }
    }
}

/// Why POST, PATCH and custom methods are retried on statuses and timeouts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum NonIdempotentRetry {
    /// Only when the request carries an `Idempotency-Key` or never left (RFC 9110 §9.2.2).
    Never,
    /// The pasted command had `--retry`, which retries every method.
    CurlRetryFlag,
    /// `--retry-non-idempotent` on our command line.
    Requested,
}

/// Everything the generated retry helper needs, one constant each.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RetryPolicy {
    /// False with `--no-retry`: one attempt, no loop.
    pub enabled: bool,
    /// Retries after the first attempt.
    pub max_retries: u32,
    /// First backoff delay, seconds.
    pub base_delay: f64,
    /// Cap on one backoff delay, seconds.
    pub max_delay: f64,
    /// Randomisation of the delay.
    pub jitter: Jitter,
    /// `--retry-delay S`: a fixed delay instead of exponential backoff.
    pub fixed_delay: Option<f64>,
    /// Total time allowed for all attempts and sleeps, seconds; None: no limit.
    pub deadline: Option<f64>,
    /// Connect timeout per attempt, seconds; None: no limit (the attempt timeout still applies).
    pub connect_timeout: Option<f64>,
    /// Whole-attempt timeout, seconds; None: no limit.
    pub attempt_timeout: Option<f64>,
    /// Statuses that are retried.
    pub retry_statuses: Vec<u16>,
    /// When non-idempotent methods are retried.
    pub non_idempotent: NonIdempotentRetry,
    /// curl's `--retry-all-errors`: every transport error and every status ≥ 400 is retried.
    pub retry_all_errors: bool,
    /// Opt-in: after `breaker_failures` consecutive failed calls, fail fast for
    /// `breaker_cooldown` seconds, then let one probe through.
    pub circuit_breaker: bool,
    /// Consecutive failed calls that open the breaker (default 5).
    pub breaker_failures: u32,
    /// Seconds the breaker stays open before one probe (default 30).
    pub breaker_cooldown: f64,
    /// Opt-in: one `Idempotency-Key` UUID per logical call, sent on every attempt.
    pub idempotency_key: bool,
    /// Opt-in: base URLs tried in turn after a gateway status or connection error.
    pub fallback_urls: Vec<String>,
    // The health-check settings are left out of the `--lang json` dump while unused, so that
    // dumps (and the IR snapshots) of commands without them stay as they were.
    /// Opt-in: before the first call to a base URL (the primary and each fallback), a GET to this
    /// path (taken relative to the base) or absolute URL; a 2xx means the base is healthy.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_check: Option<String>,
    /// Seconds one health probe may take (default 2).
    #[serde(skip_serializing_if = "no_health_check")]
    pub health_timeout: f64,
    /// Seconds a probe's verdict is remembered; `None`: for the program's lifetime.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub health_ttl: Option<f64>,
    /// Probes carry the request's credentials (off: a probe never sends them).
    #[serde(skip_serializing_if = "is_false")]
    pub health_check_auth: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// The default probe timeout: shown in the dump only when it was changed.
fn no_health_check(timeout: &f64) -> bool {
    *timeout == 2.0
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            enabled: true,
            max_retries: 3,
            base_delay: 1.0,
            max_delay: 30.0,
            jitter: Jitter::Full,
            fixed_delay: None,
            deadline: Some(60.0),
            connect_timeout: Some(10.0),
            attempt_timeout: Some(30.0),
            retry_statuses: RETRY_STATUSES.to_vec(),
            non_idempotent: NonIdempotentRetry::Never,
            retry_all_errors: false,
            circuit_breaker: false,
            breaker_failures: 5,
            breaker_cooldown: 30.0,
            idempotency_key: false,
            fallback_urls: Vec::new(),
            health_check: None,
            health_timeout: 2.0,
            health_ttl: None,
            health_check_auth: false,
        }
    }
}

/// Retry settings given on curl2code's own command line (or the web page); they win over the
/// pasted command's flags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Overrides {
    /// `--max-retries N`.
    pub max_retries: Option<u32>,
    /// `--base-delay S`.
    pub base_delay: Option<f64>,
    /// `--max-delay S`.
    pub max_delay: Option<f64>,
    /// `--jitter full|none`.
    pub jitter: Option<Jitter>,
    /// `--deadline S` (0: no limit).
    pub deadline: Option<f64>,
    /// `--timeout S` (per attempt; 0: no limit).
    pub timeout: Option<f64>,
    /// `--connect-timeout S` (0: no limit).
    pub connect_timeout: Option<f64>,
    /// `--retry-non-idempotent`.
    pub retry_non_idempotent: bool,
    /// `--no-retry`.
    pub no_retry: bool,
    /// `--circuit-breaker`.
    pub circuit_breaker: bool,
    /// `--circuit-breaker=FAILURES/SECONDS`: the breaker's thresholds (implies the breaker).
    pub breaker: Option<(u32, f64)>,
    /// `--idempotency-key`.
    pub idempotency_key: bool,
    /// `--fallback-url URL` (repeatable).
    pub fallback_urls: Vec<String>,
    /// `--health-check PATH_OR_URL`.
    pub health_check: Option<String>,
    /// `--health-timeout S`.
    pub health_timeout: Option<f64>,
    /// `--health-ttl S`.
    pub health_ttl: Option<f64>,
    /// `--health-check-auth`.
    pub health_check_auth: bool,
}

/// A time limit in seconds as curl reads its `-m`, `--connect-timeout` and `--retry-max-time`:
/// 0 means no limit.
fn limit(seconds: f64) -> Option<f64> {
    (seconds != 0.0).then_some(seconds)
}

/// The policy for a program sending `requests`: defaults, then the pasted command's curl flags
/// (the first request that sets one wins), then `overrides`.
pub fn resolve(requests: &[Request], overrides: &Overrides) -> RetryPolicy {
    let mut p = RetryPolicy::default();
    let first = |f: &dyn Fn(&Request) -> Option<f64>| requests.iter().find_map(f);
    if let Some(n) = requests.iter().find_map(|r| r.retry.retry) {
        p.max_retries = n;
        // The user asked curl to retry this command whatever its method.
        p.non_idempotent = NonIdempotentRetry::CurlRetryFlag;
    }
    if let Some(d) = first(&|r| r.retry.delay) {
        p.fixed_delay = Some(d);
    }
    if let Some(t) = first(&|r| r.retry.max_time) {
        p.deadline = limit(t);
    }
    if let Some(t) = first(&|r| r.transfer.timeout) {
        p.attempt_timeout = limit(t);
    }
    if let Some(t) = first(&|r| r.transfer.connect_timeout) {
        p.connect_timeout = limit(t);
    }
    p.retry_all_errors = requests.iter().any(|r| r.retry.all_errors);

    let o = overrides;
    if let Some(n) = o.max_retries {
        p.max_retries = n;
    }
    if let Some(d) = o.base_delay {
        p.base_delay = d;
        p.fixed_delay = None;
    }
    if let Some(d) = o.max_delay {
        p.max_delay = d;
        p.fixed_delay = None;
    }
    if let Some(j) = o.jitter {
        p.jitter = j;
    }
    if let Some(d) = o.deadline {
        p.deadline = limit(d);
    }
    if let Some(t) = o.timeout {
        p.attempt_timeout = limit(t);
    }
    if let Some(t) = o.connect_timeout {
        p.connect_timeout = limit(t);
    }
    if o.retry_non_idempotent {
        p.non_idempotent = NonIdempotentRetry::Requested;
    }
    p.circuit_breaker = o.circuit_breaker || o.breaker.is_some();
    if let Some((failures, cooldown)) = o.breaker {
        p.breaker_failures = failures;
        p.breaker_cooldown = cooldown;
    }
    p.idempotency_key = o.idempotency_key;
    p.fallback_urls = o.fallback_urls.clone();
    p.health_check = o.health_check.clone();
    if let Some(t) = o.health_timeout {
        p.health_timeout = t;
    }
    p.health_ttl = o.health_ttl;
    p.health_check_auth = o.health_check_auth;
    if o.no_retry {
        p.enabled = false;
        p.max_retries = 0;
    }
    // A cap below the base would make the first delay larger than every later one.
    if p.max_delay < p.base_delay {
        p.max_delay = p.base_delay;
    }
    p
}

/// Parses `--circuit-breaker=FAILURES/SECONDS` (`5/30`, `3/10.5`): at least one failure, a
/// cool-down of more than 0 and at most a day.
pub fn parse_breaker(spec: &str) -> Result<(u32, f64), String> {
    let bad = || {
        format!("`{spec}` is not FAILURES/SECONDS (e.g. 5/30: open after 5 failed calls, for 30 s)")
    };
    let (n, s) = spec.split_once('/').ok_or_else(bad)?;
    let failures: u32 = n.trim().parse().map_err(|_| bad())?;
    let cooldown: f64 = s.trim().parse().map_err(|_| bad())?;
    if failures == 0 || !(cooldown > 0.0 && cooldown <= 86_400.0) {
        return Err(bad());
    }
    Ok((failures, cooldown))
}

/// Parses `--health-check`: a path (`/health`, taken relative to each base URL) or an absolute
/// http(s) URL with a host; no whitespace.
pub fn parse_health_check(spec: &str) -> Result<String, String> {
    let bad = |why: &str| {
        format!(
            "`{spec}` {why}: give a path such as /health (relative to each base URL) or an http(s) URL"
        )
    };
    if spec.is_empty() || spec.contains(char::is_whitespace) {
        return Err(bad("is empty or holds a space"));
    }
    if spec.starts_with('/') {
        return Ok(spec.to_string());
    }
    let rest = spec
        .strip_prefix("https://")
        .or_else(|| spec.strip_prefix("http://"))
        .ok_or_else(|| bad("is neither a path nor an http(s) URL"))?;
    if rest.is_empty() || rest.starts_with(['/', '?', '#']) {
        return Err(bad("has no host name"));
    }
    Ok(spec.to_string())
}

/// Parses a health-probe time in seconds (`--health-timeout`, `--health-ttl`): a number from 0
/// (exclusive for the timeout) to a day.
pub fn parse_seconds(spec: &str) -> Result<f64, String> {
    match spec.trim().parse::<f64>() {
        Ok(s) if (0.0..=86_400.0).contains(&s) => Ok(s),
        _ => Err(format!(
            "`{spec}` is not a number of seconds from 0 to 86400"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn health_check_specs() {
        assert_eq!(parse_health_check("/health").as_deref(), Ok("/health"));
        assert_eq!(
            parse_health_check("https://h.example:8443/up?x=1").as_deref(),
            Ok("https://h.example:8443/up?x=1")
        );
        for bad in ["", "health", "/a b", "http://", "https:///x", "ftp://h/x"] {
            let e = parse_health_check(bad).unwrap_err();
            assert!(e.contains("/health"), "{bad}: {e}");
        }
        assert_eq!(parse_seconds("2.5"), Ok(2.5));
        assert!(parse_seconds("-1").is_err() && parse_seconds("x").is_err());
        let o = Overrides {
            health_check: Some("/up".into()),
            health_ttl: Some(10.0),
            ..Overrides::default()
        };
        let p = resolve(&[Request::get("http://x/")], &o);
        assert_eq!(p.health_check.as_deref(), Some("/up"));
        assert_eq!((p.health_timeout, p.health_ttl), (2.0, Some(10.0)));
    }

    #[test]
    fn defaults_match_the_documented_policy() {
        let p = resolve(&[Request::get("http://x/")], &Overrides::default());
        assert_eq!((p.max_retries, p.base_delay, p.max_delay), (3, 1.0, 30.0));
        assert_eq!(
            (p.deadline, p.connect_timeout, p.attempt_timeout),
            (Some(60.0), Some(10.0), Some(30.0))
        );
        assert_eq!(p.non_idempotent, NonIdempotentRetry::Never);
        assert!(p.enabled && p.retry_statuses.contains(&502) && !p.retry_statuses.contains(&501));
    }

    #[test]
    fn curl_flags_set_the_policy_and_cli_flags_win() {
        let mut r = Request::get("http://x/");
        r.retry.retry = Some(1);
        r.retry.delay = Some(2.0);
        r.retry.max_time = Some(9.0);
        r.transfer.timeout = Some(4.0);
        let p = resolve(std::slice::from_ref(&r), &Overrides::default());
        assert_eq!(p.max_retries, 1);
        assert_eq!(p.fixed_delay, Some(2.0));
        assert_eq!((p.deadline, p.attempt_timeout), (Some(9.0), Some(4.0)));
        assert_eq!(p.non_idempotent, NonIdempotentRetry::CurlRetryFlag);
        let o = Overrides {
            max_retries: Some(5),
            base_delay: Some(0.05),
            timeout: Some(0.5),
            ..Overrides::default()
        };
        let p = resolve(&[r], &o);
        assert_eq!(
            (p.max_retries, p.fixed_delay, p.attempt_timeout),
            (5, None, Some(0.5))
        );
    }

    #[test]
    fn zero_means_no_limit_from_curl_and_from_the_cli() {
        // curl's -m 0, --connect-timeout 0 and --retry-max-time 0 mean "no limit".
        let mut r = Request::get("http://x/");
        r.retry.max_time = Some(0.0);
        r.transfer.timeout = Some(0.0);
        r.transfer.connect_timeout = Some(0.0);
        let p = resolve(std::slice::from_ref(&r), &Overrides::default());
        assert_eq!(
            (p.deadline, p.connect_timeout, p.attempt_timeout),
            (None, None, None)
        );
        // Our own flags win both ways: a number sets a limit again, 0 removes one.
        let o = Overrides {
            deadline: Some(5.0),
            timeout: Some(0.0),
            ..Overrides::default()
        };
        let p = resolve(&[r], &o);
        assert_eq!((p.deadline, p.attempt_timeout), (Some(5.0), None));
        let o = Overrides {
            deadline: Some(0.0),
            timeout: Some(0.0),
            connect_timeout: Some(0.0),
            ..Overrides::default()
        };
        let p = resolve(&[Request::get("http://x/")], &o);
        assert_eq!(
            (p.deadline, p.connect_timeout, p.attempt_timeout),
            (None, None, None)
        );
        // Tiny limits are limits.
        assert_eq!(limit(0.001), Some(0.001));
    }

    #[test]
    fn no_retry_means_one_attempt() {
        let o = Overrides {
            no_retry: true,
            ..Overrides::default()
        };
        let p = resolve(&[], &o);
        assert!(!p.enabled);
        assert_eq!(p.max_retries, 0);
    }
}
