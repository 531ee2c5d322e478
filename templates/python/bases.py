


class Unavailable({{ b.error_class }}):
    """No base can take the call: each is unhealthy or its circuit breaker is open."""


class Bases:
    """Where calls go (each URL's own origin, then the fallbacks) and what is known
    about each base. Make one and keep it for the life of the application."""

    def __init__(self, fallbacks: list[str] | None = None) -> None:
        self.fallbacks = [url.rstrip("/") for url in fallbacks or []]
{%- if b.breaker %}
        self.breakers = {}  # base -> (failed attempts in a row, when the last failed)
{%- endif %}
{%- if b.health %}
        self.verdicts = {}  # health check URL -> (what is wrong or "", when checked)
{%- endif %}

    def targets(self, url: str) -> list[str]:
        """`url` at its own origin, then at each fallback."""
        parts = urlsplit(url)
        own = f"{parts.scheme}://{parts.netloc}"
        return [url] + [base + url[len(own) :] for base in self.fallbacks]
{%- if b.breaker || b.health %}

    {{ b.async_ }}def choose(self, {{ b.var }}, targets: list[str], turn: int, call: dict) -> int:
        """The first turn from `turn` on (wrapping) whose base is
{%- if b.breaker && b.health %} healthy and whose
        breaker is not open
{%- else if b.breaker %} not behind an open
        breaker
{%- else %} healthy;
        raises Unavailable when there is none."""
{%- endif %}
{%- if b.breaker %}; raises Unavailable when there is none."""
{%- endif %}
        skipped = []
        for step in range(len(targets)):
            base = origin(targets[(turn + step) % len(targets)])
{%- if b.breaker && b.health %}
            why = self.circuit(base) or {{ b.await_ }}self.health({{ b.var }}, base, call)
{%- else if b.breaker %}
            why = self.circuit(base)
{%- else %}
            why = {{ b.await_ }}self.health({{ b.var }}, base, call)
{%- endif %}
            if not why:
                return (turn + step) % len(targets)
            skipped.append(f"{base} {why}")
{%- if b.breaker %}
        if all(s.endswith(" circuit open") for s in skipped):
            raise Unavailable("circuit open")
{%- endif %}
        raise Unavailable(f"no healthy base ({'; '.join(skipped)})")
{%- endif %}
{%- if b.breaker %}

    def circuit(self, base: str) -> str:
        """Why not to try `base` now: "circuit open" after BREAKER_FAILURES failed
        attempts in a row, the last under BREAKER_COOLDOWN seconds ago; else ""."""
        failures, last = self.breakers.get(base, (0, 0.0))
        if failures >= BREAKER_FAILURES and time.monotonic() < last + BREAKER_COOLDOWN:
            return "circuit open"
        return ""

    def record(self, url: str, failed: bool) -> None:
        """Counts a failed attempt (no response, or a status >= 500) on the URL's base;
        a success closes its breaker."""
        failures = self.breakers.get(origin(url), (0, 0.0))[0] + 1 if failed else 0
        self.breakers[origin(url)] = (failures, time.monotonic())
{%- endif %}
{%- if b.health %}

    {{ b.async_ }}def health(self, {{ b.var }}, base: str, call: dict) -> str:
        """Why `base` is unhealthy: "" when HEALTH_CHECK answered with a 2xx (at most
        HEALTH_TTL seconds ago), else the status or error."""
{%- if b.absolute %}
        url = HEALTH_CHECK
{%- else %}
        url = base + HEALTH_CHECK
{%- endif %}
        if url in self.verdicts:
            verdict, checked = self.verdicts[url]
            if HEALTH_TTL is None or time.monotonic() - checked < HEALTH_TTL:
                return verdict
{%- if b.auth %}
        headers = call.get("headers")  # --health-check-auth: with the credentials
{%- else %}
        sent = {{ b.headers }}
        headers = {k: v for k, v in sent if k.lower() not in CREDENTIALS}
{%- endif %}
        try:
            answer = {{ b.await_ }}{{ b.var }}.get(
{%- if b.auth %}
                url,
                headers=headers,
                auth=call.get("auth"),
                timeout=HEALTH_TIMEOUT,
                {{ b.no_redirects }},
            )
{%- else %}
                url, headers=headers, timeout=HEALTH_TIMEOUT, {{ b.no_redirects }}
            )
{%- endif %}
            verdict = "" if answer.status_code < 300 else f"HTTP {answer.status_code}"
        except {{ b.timeout_error }}:
            verdict = "timed out"
        except {{ b.network_error }}:
            verdict = "connection refused"
        self.verdicts[url] = (verdict, time.monotonic())
        return verdict
{%- endif %}


def origin(url: str) -> str:
    """scheme://host[:port] of `url`, without userinfo (it may hold secrets)."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"
