"""Reference implementation of BRIEF.md's retry contract, used by tests/faults.rs to check its own checks.

Not generated code and not a curl parser: it understands only the handful of curl options the fault
scenarios use (-X -d -H -u -b -I --retry --retry-delay and several URLs). argv[1] is a JSON object with
the command and curl2code's retry overrides.

The 502 playbook (tests/faults/playbook.rs): every base URL (the command's origin, then each
fallback) has a health verdict (a GET to the health-check path or URL before its first call,
remembered for HEALTH_TTL seconds, without credentials unless asked) and a circuit breaker (open
after BREAKER_FAILURES failed attempts in a row on that base: a status of 500 or more, a
connection error or a timeout; half-open after BREAKER_COOLDOWN seconds). An attempt goes to the
first base from the current one on that is healthy and not open; a gateway status, connection
error or timeout moves the next attempt to the next base; when no base is usable the call fails
at once.
"""

import base64
import email.utils
import json
import random
import shlex
import sys
import time
import urllib.parse
import uuid

import requests

cfg = json.loads(sys.argv[1])


def opt(name, default):
    value = cfg.get(name)
    return default if value is None else value


# --- the command -----------------------------------------------------------------------------
words = shlex.split(cfg["command"])[1:]
method, data, headers, urls, head, curl_retry, curl_delay = None, [], [], [], False, None, None
i = 0
while i < len(words):
    w = words[i]
    value = words[i + 1] if i + 1 < len(words) else ""
    if w in ("-X", "--request"):
        method, i = value, i + 1
    elif w in ("-d", "--data", "--data-raw"):
        data.append(value)
        i += 1
    elif w in ("-H", "--header"):
        name, _, v = value.partition(":")
        headers.append((name.strip(), v.strip()))
        i += 1
    elif w in ("-b", "--cookie"):
        headers.append(("Cookie", value))
        i += 1
    elif w in ("-u", "--user"):
        token = base64.b64encode(value.encode()).decode()
        headers.append(("Authorization", "Basic " + token))
        i += 1
    elif w in ("-I", "--head"):
        head = True
    elif w == "--retry":
        curl_retry, i = int(value), i + 1
    elif w == "--retry-delay":
        curl_delay, i = float(value), i + 1
    else:
        urls.append(w)
    i += 1
body = "&".join(data).encode() if data else None
if method is None:
    method = "HEAD" if head else ("POST" if body is not None else "GET")
if body is not None and not any(n.lower() == "content-type" for n, _ in headers):
    headers.append(("Content-Type", "application/x-www-form-urlencoded"))

# --- the policy (as src/policy.rs resolves it) ------------------------------------------------
MAX_RETRIES = opt("max_retries", curl_retry if curl_retry is not None else 3)
BASE_DELAY = opt("base_delay", 1.0)
MAX_DELAY = max(opt("max_delay", 30.0), BASE_DELAY)
overridden = cfg.get("base_delay") is not None or cfg.get("max_delay") is not None
FIXED_DELAY = curl_delay if not overridden else None
JITTER = opt("jitter", "full")
DEADLINE = opt("deadline", 60.0)
CONNECT_TIMEOUT = 10.0
ATTEMPT_TIMEOUT = opt("timeout", 30.0)
RETRY_STATUSES = {408, 429, 500, 502, 503, 504, 521, 522, 524}
RETRY_NON_IDEMPOTENT = opt("retry_non_idempotent", False) or curl_retry is not None
if opt("no_retry", False):
    MAX_RETRIES = 0
FALLBACKS = opt("fallback_urls", [])
GATEWAY = {502, 503, 504, 521, 522, 524}

BREAKER = opt("circuit_breaker", False) or cfg.get("breaker") is not None
BREAKER_FAILURES, BREAKER_COOLDOWN = cfg.get("breaker") or (5, 30.0)
HEALTH_CHECK = cfg.get("health_check")
HEALTH_TIMEOUT = opt("health_timeout", 2.0)
HEALTH_TTL = cfg.get("health_ttl")
HEALTH_AUTH = opt("health_check_auth", False)
CREDENTIALS = {"authorization", "cookie", "proxy-authorization"}

breakers = {}  # base origin -> {"failures": n, "opened": monotonic time or None}
health = {}  # probe URL -> (healthy, detail, checked at)


def origin_of(url):
    p = urllib.parse.urlsplit(url)
    return f"{p.scheme}://{p.netloc.rpartition('@')[2]}"


def breaker_allows(base):
    """Closed, or open long enough to let one attempt through (half-open)."""
    if not BREAKER:
        return True
    b = breakers.setdefault(base, {"failures": 0, "opened": None})
    return b["opened"] is None or time.monotonic() - b["opened"] >= BREAKER_COOLDOWN


def breaker_record(base, failed):
    if not BREAKER:
        return
    b = breakers.setdefault(base, {"failures": 0, "opened": None})
    if not failed:
        b["failures"], b["opened"] = 0, None
        return
    b["failures"] += 1
    if b["failures"] >= BREAKER_FAILURES:
        b["opened"] = time.monotonic()


def healthy(session, base, hdrs):
    """(healthy, detail) of `base`, probing it when there is no fresh verdict."""
    if not HEALTH_CHECK:
        return True, ""
    url = HEALTH_CHECK if "://" in HEALTH_CHECK else base + HEALTH_CHECK
    known = health.get(url)
    if known and (HEALTH_TTL is None or time.monotonic() - known[2] < HEALTH_TTL):
        return known[0], known[1]
    probe_headers = {n: v for n, v in hdrs if HEALTH_AUTH or n.lower() not in CREDENTIALS}
    try:
        r = session.get(url, headers=probe_headers, timeout=HEALTH_TIMEOUT, allow_redirects=False)
        verdict = (200 <= r.status_code < 300, f"HTTP {r.status_code}")
    except requests.exceptions.Timeout:
        verdict = (False, "timed out")
    except requests.exceptions.ConnectionError:
        verdict = (False, "connection refused")
    health[url] = (*verdict, time.monotonic())
    return verdict


def safe_url(url):
    p = urllib.parse.urlsplit(url)
    host = p.hostname + (f":{p.port}" if p.port else "")
    return f"{p.scheme}://{host}{p.path}"


def with_origin(url, origin):
    p = urllib.parse.urlsplit(url)
    o = urllib.parse.urlsplit(origin)
    netloc = (p.netloc.rpartition("@")[0] + "@" if "@" in p.netloc else "") + o.netloc
    return urllib.parse.urlunsplit((o.scheme, netloc, p.path, p.query, p.fragment))


def retry_after(resp):
    value = resp.headers.get("Retry-After")
    if value is None:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        return email.utils.parsedate_to_datetime(value).timestamp() - time.time()
    except (TypeError, ValueError):
        return None


def send(session, url, hdrs):
    """One call: (final response or None after printing the failure line, attempts made)."""
    shown = f"{method} {safe_url(url)}"
    hdrs = list(hdrs)
    if opt("idempotency_key", False) and not any(n.lower() == "idempotency-key" for n, _ in hdrs):
        hdrs.append(("Idempotency-Key", str(uuid.uuid4())))
    has_key = any(n.lower() == "idempotency-key" for n, _ in hdrs)
    safe = method in ("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE") or has_key or RETRY_NON_IDEMPOTENT
    origins = [url] + [with_origin(url, f) for f in FALLBACKS]
    which, start, attempts = 0, time.monotonic(), MAX_RETRIES + 1
    for attempt in range(1, attempts + 1):
        # The first usable base from the current one on: healthy and its breaker not open.
        skipped = []
        for step in range(len(origins)):
            candidate = origins[(which + step) % len(origins)]
            base = origin_of(candidate)
            if not breaker_allows(base):
                skipped.append(f"{base} circuit open")
                continue
            ok, detail = healthy(session, base, hdrs)
            if not ok:
                skipped.append(f"{base} {detail}")
                continue
            which = (which + step) % len(origins)
            break
        else:
            if all(s.endswith("circuit open") for s in skipped):
                reason = "circuit open"
            else:
                reason = "no healthy base (" + "; ".join(skipped) + ")"
            print(f"error: {shown} failed after {attempt - 1} attempt(s): {reason}", file=sys.stderr)
            return None, attempt - 1
        base = origin_of(origins[which])
        left = DEADLINE - (time.monotonic() - start)
        timeout = min(ATTEMPT_TIMEOUT, left)
        resp, wait_ra = None, None
        try:
            resp = session.request(method, origins[which], headers=dict(hdrs), data=body,
                                   timeout=(min(CONNECT_TIMEOUT, timeout), timeout), allow_redirects=False)
        except requests.exceptions.ConnectionError as e:
            breaker_record(base, True)
            refused = "refused" in str(e).lower()
            reason, retryable, gateway = ("connection refused" if refused else "connection error"), (safe or refused), True
        except requests.exceptions.Timeout:
            breaker_record(base, True)
            reason, retryable, gateway = "timed out", safe, True
        else:
            breaker_record(base, resp.status_code >= 500)
            if resp.status_code not in RETRY_STATUSES:
                return resp, attempt
            reason, retryable, gateway = f"HTTP {resp.status_code}", safe, resp.status_code in GATEWAY
            wait_ra = retry_after(resp)
        if not retryable or attempt == attempts:
            if resp is not None:
                return resp, attempt
            print(f"error: {shown} failed after {attempt} attempt(s): {reason}", file=sys.stderr)
            return None, attempt
        if wait_ra is not None:
            delay = max(wait_ra, 0) + (random.uniform(0, 1) if JITTER == "full" else 0)
        elif FIXED_DELAY is not None:
            delay = FIXED_DELAY
        else:
            cap = min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1))
            delay = random.uniform(0, cap) if JITTER == "full" else cap
        if time.monotonic() - start + delay > DEADLINE:
            why = f"Retry-After {wait_ra:.0f}s would pass the deadline" if wait_ra is not None else f"deadline of {DEADLINE}s reached"
            print(f"error: {shown} failed after {attempt} attempt(s): {reason}; {why}", file=sys.stderr)
            return None, attempt
        moved = ""
        if gateway and len(origins) > 1:
            which = (which + 1) % len(origins)
            moved = f" (next: {origin_of(origins[which])})"
        suffix = " (Retry-After)" if wait_ra is not None else ""
        print(f"retry {attempt}/{attempts}: {shown} -> {reason}{moved}; waiting {delay:.2f}s{suffix}", file=sys.stderr)
        time.sleep(delay)
    return None, attempts


def main():
    failed = False
    with requests.Session() as session:
        for url in urls:
            resp, attempts = send(session, url, headers)
            if resp is None:
                failed = True
                continue
            sys.stdout.buffer.write(resp.content)
            if resp.status_code >= 400:
                print(f"error: {method} {safe_url(url)} failed after {attempts} attempt(s): HTTP {resp.status_code}", file=sys.stderr)
                failed = True
    sys.exit(1 if failed else 0)


main()
