"""{{ summary }}"""

{{ imports }}
{%- if verbatim %}

try:
    from urllib3 import HTTPHeaderDict
except ImportError:  # urllib3 1.26
    from urllib3._collections import HTTPHeaderDict
{%- endif %}

{% if !p.retry -%}
MAX_RETRIES = 0  # retries are off
{%- else if p.fixed_delay.is_none() -%}
MAX_RETRIES, BASE_DELAY, MAX_DELAY = {{ p.max_retries }}, {{ p.base_delay }}, {{ p.max_delay }}  # s: backoff doubles, capped
{%- else -%}
MAX_RETRIES = {{ p.max_retries }}  # attempts after the first
{%- endif %}
{%- if let Some(delay) = p.fixed_delay %}
FIXED_DELAY = {{ delay }}  # seconds before each retry (curl's --retry-delay)
{%- else if !p.retry %}
BASE_DELAY, MAX_DELAY = {{ p.base_delay }}, {{ p.max_delay }}  # seconds: the backoff doubles, capped
{%- endif %}
{{ p.limits }}
{%- if p.retry_all_errors %}
# curl's --retry-all-errors: every HTTP status >= 400 and every error is retried.
{%- else %}
RETRY_STATUSES = {{ p.retry_statuses }}  # "try again later"
{%- endif %}
RETRY_ERRORS = {  # errors that may pass, as logged (the first match names one)
{%- if httpx %}
    httpx.ConnectError: "connection refused",  # or no such host
    httpx.ConnectTimeout: "connect timed out",
    httpx.TimeoutException: "timed out",
    httpx.NetworkError: "connection reset",
    httpx.RemoteProtocolError: "connection reset",  # a body cut off
{%- else %}
    getattr(urllib3.exceptions, "NameResolutionError", ()): "could not resolve host",
    urllib3.exceptions.NewConnectionError: "connection refused",  # or DNS (urllib3 1)
    requests.ConnectTimeout: "connect timed out",
    requests.Timeout: "timed out",
    requests.ConnectionError: "connection reset",
    requests.exceptions.ChunkedEncodingError: "connection reset",  # a body cut off
{%- endif %}
}
{%- if p.gate && httpx %}
NEVER_SENT = {"connection refused", "connect timed out"}  # so even a POST may repeat
{%- else if p.gate %}
NEVER_SENT = {"could not resolve host", "connection refused", "connect timed out"}
{%- endif %}
{%- if p.gate %}
IDEMPOTENT_METHODS = {"GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"}  # RFC 9110
{%- endif %}
{%- if b.on %}
{{ b.constants }}
{%- endif %}
{%- if compressed %}
# --compressed: the encodings this Python can decode (br, zstd with their packages).
ACCEPT_ENCODING = make_headers(accept_encoding=True)["accept-encoding"]
{%- endif %}
log = logging.getLogger(__name__)


{{ async_ }}def main() -> int | str:
{{ main }}
{%- if b.on %}
{%- include "python/bases.py" %}
{%- endif %}


{{ signature }}
    """{{ var }}.request(), retrying brief failures. Returns the last response or raises
    the last error, with .failure saying how the call ended (without secrets)."""
{%- if p.deadline_limited %}
    start, n = time.monotonic(), MAX_RETRIES + 1  # n: attempts at most
{%- else %}
    n = MAX_RETRIES + 1  # attempts at most
{%- endif %}
{%- if b.on %}
    where = f"{method} {origin(url)}{urlsplit(url).path}"  # no userinfo, no query
{%- else %}
    parts = urlsplit(url)  # logged without userinfo and query: they may hold secrets
    where = f"{method} {parts.scheme}://{parts.netloc.rpartition('@')[2]}{parts.path}"
{%- endif %}
{%- if p.gate %}
{%- if httpx %}
    keyed = "idempotency-key" in httpx.Headers(kwargs.get("headers"))
{%- else %}
    keyed = any(h.lower() == "idempotency-key" for h in kwargs.get("headers") or {})
{%- endif %}
    repeatable = method.upper() in IDEMPOTENT_METHODS or keyed  # else: if never sent
{%- else %}
    # Every method is retried, {{ p.gate_reason }}.
{%- endif %}
{%- if p.idempotency_key %}
{%- if httpx %}
    headers = httpx.Headers(kwargs.get("headers"))
    if "idempotency-key" not in headers:
        # One key for every attempt of this call: the server does the work once.
        headers["Idempotency-Key"] = str(uuid.uuid4())
        kwargs["headers"] = headers
{%- else %}
    headers = kwargs.get("headers") or {}
    if not any(name.lower() == "idempotency-key" for name in headers):
        # One key for every attempt of this call: the server does the work once.
        kwargs["headers"] = {**headers, "Idempotency-Key": str(uuid.uuid4())}
{%- endif %}
{%- endif %}
{%- if b.on %}
    targets, turn = bases.targets(url), 0  # turn: the target of the next attempt
{%- endif %}
    for attempt in range(1, n + 1):
{%- if b.breaker || b.health %}
        try:  # the first usable base from this turn on
            turn = {{ b.await_ }}bases.choose({{ var }}, targets, turn, kwargs)
        except Unavailable as exc:  # none: fail at once
            error, why, attempt = exc, str(exc), attempt - 1
            break
{%- endif %}
{%- if b.on %}
        target = targets[turn]
        where = f"{method} {origin(target)}{urlsplit(target).path}"
{%- endif %}
{%- if p.deadline_limited %}
        left = max(0.001, DEADLINE + start - time.monotonic())  # never 0 or less
{%- if httpx %}
        timeout = {{ p.read_expr }}
        kwargs["timeout"] = httpx.Timeout(timeout, connect={{ p.connect_expr }})
{%- else %}
        kwargs["timeout"] = ({{ p.connect_expr }}, {{ p.read_expr }})
{%- endif %}
{%- else %}
{%- if httpx %}
        kwargs["timeout"] = httpx.Timeout(ATTEMPT_TIMEOUT, connect=CONNECT_TIMEOUT)
{%- else %}
        kwargs["timeout"] = (CONNECT_TIMEOUT, ATTEMPT_TIMEOUT)
{%- endif %}
{%- endif %}
        response = error = asked = None
        try:
{%- if b.on %}
            response = {{ await_ }}{{ var }}.request(method, target, **kwargs)
{%- else %}
            response = {{ await_ }}{{ var }}.request(method, url, **kwargs)
{%- endif %}
        except {{ error_class }} as exc:
{%- if httpx %}
            kinds = [k for k in RETRY_ERRORS if isinstance(exc, k)]
{%- else %}
            cause = getattr(exc.args[0], "reason", None) if exc.args else None
            kinds = [k for k in RETRY_ERRORS for e in (exc, cause) if isinstance(e, k)]
{%- endif %}
            error, why = exc, RETRY_ERRORS[kinds[0]] if kinds else type(exc).__name__
{%- if p.gate && p.retry_all_errors %}
            retryable = repeatable or why in NEVER_SENT
{%- else if p.gate %}
            retryable = why in NEVER_SENT or repeatable and bool(kinds)
{%- else if p.retry_all_errors %}
            retryable = True
{%- else %}
            retryable = bool(kinds)
{%- endif %}
        else:
            why = f"HTTP {response.status_code}"
{%- if p.retry_all_errors %}
            retryable = {% if p.gate %}repeatable and {% endif %}response.status_code >= 400
{%- else %}
            retryable = {% if p.gate %}repeatable and {% endif %}response.status_code in RETRY_STATUSES
{%- endif %}
            wait = response.headers.get("Retry-After", "").strip()  # seconds or a date
            at = parsedate_tz(wait)  # None unless an HTTP date
            asked = int(wait) if wait.isdigit() else at and mktime_tz(at) - time.time()
{%- if b.breaker %}
        bases.record(target, error is not None or response.status_code >= 500)
{%- endif %}
        if not retryable or attempt == n:
            break
{%- if p.fixed_delay.is_some() %}
        delay = FIXED_DELAY
{%- else if p.jitter %}
        delay = random.uniform(0, min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)))
{%- else %}
        delay = min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1))
{%- endif %}
        tag = "" if asked is None else " (Retry-After)"
        if asked is not None:  # the server's wait{% if p.jitter %}, and up to 1 s of jitter{% endif %}
{%- if p.jitter %}
            delay = max(asked, 0) + random.uniform(0, 1)
{%- else %}
            delay = max(asked, 0)
{%- endif %}
{%- if p.deadline_limited %}
        if time.monotonic() - start + delay > DEADLINE:
            why += f"; deadline of {DEADLINE:g}s reached{tag}"
            break
{%- endif %}
{%- if b.fallback %}
        if error is not None or response.status_code in FAILOVER_STATUSES:
            turn = (turn + 1) % len(targets)  # the next base
            why += f" (next: {origin(targets[turn])})"
{%- endif %}
        log.warning(f"retry {attempt}/{n}: {where} -> {why}; waiting {delay:.2f}s{tag}")
        {{ sleep }}(delay)
    (error or response).failure = f"{where} failed after {attempt} attempt(s): {why}"
    if error is not None:
        raise error
    return response
{%- if verbatim || exact %}


class {{ session_class }}(requests.Session):
{%- if exact %}
    """A Session that sends what curl sends: its default headers, the method as typed,
    each value of a repeated header on its own line, the request target as typed."""

    def __init__(self) -> None:
        super().__init__()
        # curl's defaults (SKIP_HEADER: no "Accept-Encoding: identity" from http.client)
        self.headers = {"User-Agent": "curl/7.88.1", "Accept": "*/*"}
        self.headers["Accept-Encoding"] = SKIP_HEADER
        self.mount("http://", TypedTargets())
        self.mount("https://", TypedTargets())
{%- else %}
    """A Session that sends the method as typed and each value of a repeated header
    (headers given as an HTTPHeaderDict) on its own line, as curl does."""
{%- endif %}
{%- if verbatim %}

    def request(self, method: str, url: str, **kwargs) -> requests.Response:
        self.method = method  # requests would upper-case it
        return super().request(method, url, **kwargs)
{%- endif %}

    def prepare_request(self, request: requests.Request) -> requests.PreparedRequest:
        prepared = super().prepare_request(request)
{%- if verbatim %}
        prepared.method = self.method
        # Each value of a repeated header, in the place of the first.
        if isinstance(request.headers, HTTPHeaderDict):
            headers = HTTPHeaderDict(prepared.headers)
            for name in request.headers:
                if name in headers:  # else dropped (None)
                    first, *rest = request.headers.getlist(name)
                    headers[name] = first
                    for value in rest:
                        headers.add(name, value)
            prepared.headers = headers
{%- endif %}
{%- if exact %}
        self.get_adapter(prepared.url).typed[prepared.url] = request.url
{%- endif %}
        return prepared
{%- endif %}
{%- include "python/support.py" %}
{%- include "python/typed.py" %}
{%- include "python/connect.py" %}
{%- if uses_httpx_cookies %}


def load_cookies(cookies: httpx.Cookies, path: str | bytes) -> None:
    """Adds the cookies of a Netscape cookie file (curl's -b FILE) to `cookies`. Like
    curl, reads files without the "# Netscape HTTP Cookie File" line, skips expired
    cookies and ignores a file it cannot open."""
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            lines = file.read().splitlines()
    except OSError:
        return
    found = []
    for line in lines:
        fields = line.removeprefix("#HttpOnly_").split("\t")
        # A "#HttpOnly_" line is an HttpOnly cookie; other "#" lines are comments.
        comment = line.startswith("#") and not line.startswith("#HttpOnly_")
        if comment or len(fields) != 7:
            continue
        domain, subdomains, cookie_path, _secure, expires, name, value = fields
        if expires.isdigit() and 0 < int(expires) < time.time():
            continue
        if "." not in domain.strip("."):  # http.cookiejar knows it as "host.local"
            domain += ".local"
        if subdomains == "TRUE" and not domain.startswith("."):
            domain = "." + domain
        found.insert(0, (cookie_path, domain, name, value))  # newest first
    # curl sends cookies with longer paths, domains and names first, then the newest
    # first; the jar keeps insertion order, so add them in curl's order.
    found.sort(key=lambda c: (-len(c[0]), -len(c[1]), -len(c[2])))
    for cookie_path, domain, name, value in found:
        cookies.set(name, value, domain=domain, path=cookie_path)
{%- endif %}


if __name__ == "__main__":
    sys.exit({{ run_main }})
