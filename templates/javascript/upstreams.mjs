
// What the calls know about their bases (a URL's origin{% if fallbacks.is_some() %} and each fallback{% endif %}):
// {% if breaker && health_check.is_some() %}a circuit breaker per origin and each health verdict{% else if breaker %}a circuit breaker per origin{% else %}each health verdict{% endif %}. Keep one for as long as the
// application runs and pass it to every call: a base that failed is passed over by the calls that follow.
class Upstreams {
{%- if breaker %}
  // Per origin: failed attempts in a row, and when its breaker opened.
  breakers = new Map{{ self.t("<string, { failures: number; openedAt?: number }>") }}();
{%- endif %}
{%- if health_check.is_some() %}
  // Per probe URL: why the base is unhealthy ("" when healthy), and when that was found.
  health = new Map{{ self.t("<string, { why: string; at: number }>") }}();
{%- endif %}

  // The index of the first of `bases` from `turn` on that can take an attempt, or why none can.
{%- if health_check.is_some() %}
  async pick(bases{{ self.t(": string[]") }}, turn{{ self.t(": number") }}{% if health_auth %}, headers{{ self.t("?: HeadersInit") }}{% endif %}{% if node_fetch %}, send{{ self.t(": typeof nodeFetch") }} = fetch{% endif %}){{ self.t(": Promise<number | string>") }} {
    const skipped{{ self.t(": string[]") }} = []; // "ORIGIN WHY" for each base passed over
{%- else %}
  async pick(bases{{ self.t(": string[]") }}, turn{{ self.t(": number") }}){{ self.t(": Promise<number | string>") }} {
{%- endif %}
    for (let step = 0; step < bases.length; step++) {
      const index = (turn + step) % bases.length;
      const origin = new URL(bases[index]).origin;
{%- if breaker %}
      const openedAt = this.breakers.get(origin)?.openedAt;
      // Open: no attempt until BREAKER_COOLDOWN has passed; then one goes through (half-open).
      if (openedAt !== undefined && performance.now() - openedAt < BREAKER_COOLDOWN * 1000) {
{%- if health_check.is_some() %}
        skipped.push(`${origin} circuit open`);
{%- endif %}
        continue;
      }
{%- endif %}
{%- if health_check.is_some() %}
      const why = await this.probe(origin{% if health_auth %}, headers{% endif %}{% if node_fetch %}, send{% endif %});
      if (why) {
        skipped.push(`${origin} ${why}`);
        continue;
      }
{%- endif %}
      return index;
    }
{%- if breaker && health_check.is_some() %}
    if (skipped.every((s) => s.endsWith(" circuit open"))) return "circuit open";
{%- endif %}
{%- if health_check.is_some() %}
    return `no healthy base (${skipped.join("; ")})`;
{%- else %}
    return "circuit open";
{%- endif %}
  }
{%- if breaker %}

  // Counts a failed attempt (a status >= 500, a connection error or a timeout) against `base`'s
  // breaker, which opens after BREAKER_FAILURES in a row; a success closes it.
  record(base{{ self.t(": string") }}, failed{{ self.t(": boolean") }}) {
    const origin = new URL(base).origin;
    const failures = failed ? (this.breakers.get(origin)?.failures ?? 0) + 1 : 0;
    this.breakers.set(origin, { failures, openedAt: failures >= BREAKER_FAILURES ? performance.now() : undefined });
  }
{%- endif %}
{%- if health_check.is_some() %}

  // Why `origin` is unhealthy ("" when healthy): a verdict remembered{% if health_ttl.is_some() %} for HEALTH_TTL seconds{% endif %}, else a GET to HEALTH_CHECK
  // (no redirects) {% if health_auth %}with the request's credentials (--health-check-auth){% else %}without the request's credentials{% endif %}; a 2xx answer means healthy.
  async probe(origin{{ self.t(": string") }}{% if health_auth %}, headers{{ self.t("?: HeadersInit") }}{% endif %}{% if node_fetch %}, send{{ self.t(": typeof nodeFetch") }} = fetch{% endif %}){{ self.t(": Promise<string>") }} {
    const url = new URL(HEALTH_CHECK, origin).href;
    const known = this.health.get(url);
{%- if health_ttl.is_some() %}
    if (known && performance.now() - known.at < HEALTH_TTL * 1000) return known.why;
{%- else %}
    if (known) return known.why;
{%- endif %}
{%- if health_auth %}
    const credentials = [...new Headers(headers)].filter(([name]) => /^(authorization|cookie|proxy-authorization)$/.test(name));
{%- endif %}
    let why = "";
{%- if !axios && !node_fetch %}
    await fetch("data:,"); // Node loads fetch's code on first use: not within the probe's time limit
{%- endif %}
    try {
      const signal = AbortSignal.timeout(Math.ceil(HEALTH_TIMEOUT * 1000));
{%- if axios %}
      const res = await axios.get(url, { {% if health_auth %}headers: Object.fromEntries(credentials), {% endif %}maxRedirects: 0, signal, validateStatus: () => true });
{%- else %}
      const res = await {% if node_fetch %}send{% else %}fetch{% endif %}(url, { {% if health_auth %}headers: credentials, {% endif %}redirect: "manual", signal });
      await res.body?.cancel();
{%- endif %}
      if (res.status < 200 || res.status > 299) why = `HTTP ${res.status}`;
    } catch (err) {
      why = transportFailure(err{{ self.t(" as Problem") }}).reason;
    }
    this.health.set(url, { why, at: performance.now() });
    return why;
  }
{%- endif %}
}
