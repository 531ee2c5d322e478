"""Reference implementation of BRIEF.md's retry contract, used by tests/faults.rs to check its own checks.

Not generated code and not a curl parser: it understands only the handful of curl options the fault
scenarios use (-X -d -H -u -I --retry --retry-delay and several URLs). argv[1] is a JSON object with
the command and curl2code's retry overrides.
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

breaker = {"failures": 0, "open_until": 0.0}


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
    if opt("circuit_breaker", False) and breaker["failures"] >= 5:
        if time.monotonic() < breaker["open_until"]:
            print(f"error: {shown} failed after 0 attempt(s): circuit open", file=sys.stderr)
            return None, 0
    hdrs = list(hdrs)
    if opt("idempotency_key", False) and not any(n.lower() == "idempotency-key" for n, _ in hdrs):
        hdrs.append(("Idempotency-Key", str(uuid.uuid4())))
    has_key = any(n.lower() == "idempotency-key" for n, _ in hdrs)
    safe = method in ("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE") or has_key or RETRY_NON_IDEMPOTENT
    origins = [url] + [with_origin(url, f) for f in FALLBACKS]
    which, start, attempts = 0, time.monotonic(), MAX_RETRIES + 1
    for attempt in range(1, attempts + 1):
        left = DEADLINE - (time.monotonic() - start)
        timeout = min(ATTEMPT_TIMEOUT, left)
        resp, wait_ra = None, None
        try:
            resp = session.request(method, origins[which % len(origins)], headers=dict(hdrs), data=body,
                                   timeout=(min(CONNECT_TIMEOUT, timeout), timeout), allow_redirects=False)
        except requests.exceptions.ConnectionError as e:
            refused = "refused" in str(e).lower()
            reason, retryable, gateway = ("connection refused" if refused else "connection error"), (safe or refused), True
        except requests.exceptions.Timeout:
            reason, retryable, gateway = "timed out", safe, False
        else:
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
        if gateway:
            which += 1
        suffix = " (Retry-After)" if wait_ra is not None else ""
        print(f"retry {attempt}/{attempts}: {shown} -> {reason}; waiting {delay:.2f}s{suffix}", file=sys.stderr)
        time.sleep(delay)
    return None, attempts


def main():
    failed = False
    with requests.Session() as session:
        for url in urls:
            resp, attempts = send(session, url, headers)
            ok = resp is not None and resp.status_code < 400
            breaker["failures"] = 0 if ok else breaker["failures"] + 1
            if breaker["failures"] >= 5:
                breaker["open_until"] = time.monotonic() + 30
            if resp is None:
                failed = True
                continue
            sys.stdout.buffer.write(resp.content)
            if resp.status_code >= 400:
                print(f"error: {method} {safe_url(url)} failed after {attempts} attempt(s): HTTP {resp.status_code}", file=sys.stderr)
                failed = True
    sys.exit(1 if failed else 0)


main()
