// axios.request, only more patient: same config; returns the last response or throws the last error (as `cause`).
async function requestWithRetry(config{% if upstreams %}, upstreams = new Upstreams(){% endif %}) {
  const method = (config.method ?? "GET").toUpperCase();
{%- if gate || idempotency_key %}
  const named = (name) => Object.keys(config.headers ?? {}).some((n) => n.toLowerCase() === name);
{%- endif %}
{%- if idempotency_key %}
  // --idempotency-key: one key per call, sent on every attempt, lets the server drop repeats.
  if (!named("idempotency-key")) config = { ...config, headers: { ...config.headers, "Idempotency-Key": crypto.randomUUID() } };
{%- endif %}
{%- if gate %}
  // A POST that reached the server may have been processed: repeat only idempotent (RFC 9110) or keyed ones.
  const repeatable = /^(GET|HEAD|OPTIONS|TRACE|PUT|DELETE)$/.test(method) || named("idempotency-key");
{%- else %}
  const repeatable = true; // {{ all_methods_reason }}
{%- endif %}
{%- if blob_body %}
  // A Blob goes as its bytes: axios would send the Blob's own type (or none) as the Content-Type.
  if (config.data instanceof Blob) config = { ...config, data: Buffer.from(await config.data.arrayBuffer()) };
{%- endif %}
  const url = String(config.url);
  const where = `${method} ${url.replace(/[?#].*/s, "").replace(/\/\/[^/]*@/, "//")}`; // no secrets
{%- if fallbacks.is_some() || upstreams %}
  const bases = [url.match(/^[^:]+:\/\/[^/?#]*/)[0]{% if fallbacks.is_some() %}, ...FALLBACK_ORIGINS{% endif %}]; // its own origin first{% if fallbacks.is_some() %}, then each fallback{% endif %}
  let turn = 0; // the base the next attempt goes to
{%- endif %}
{%- if deadline != "null" %}
  const end = performance.now() + DEADLINE * 1000;
{%- endif %}
  for (let attempt = 1; ; attempt++) {
{%- if upstreams %}
    // The first base from `turn` on that is healthy and whose breaker lets an attempt through.
    const picked = await upstreams.pick(bases, turn{% if health_auth %}, config.headers{% endif %});
    if (typeof picked === "string") throw new Error(`${where} failed after ${attempt - 1} attempt(s): ${picked}`);
    turn = picked;
{%- endif %}
{%- if deadline != "null" && attempt_timeout != "null" %}
    const signal = AbortSignal.timeout(Math.ceil(Math.max(1, Math.min(ATTEMPT_TIMEOUT * 1000, end - performance.now()))));
{%- else if deadline != "null" %}
    const signal = AbortSignal.timeout(Math.ceil(Math.max(1, end - performance.now())));
{%- else if attempt_timeout != "null" %}
    const signal = AbortSignal.timeout(Math.ceil(ATTEMPT_TIMEOUT * 1000));
{%- else %}
    const signal = undefined; // no time limit (0 in the command)
{%- endif %}
    let response, failure;
    try {
      // Every status comes back as a response (validateStatus) for the policy below; the body is
      // read within the attempt, so a cut-off body is retried.
      const res = await axios.request({ ...config, url: {% if fallbacks.is_some() %}bases[turn] + url.slice(bases[0].length){% else %}url{% endif %}, signal, responseType: "arraybuffer", validateStatus: () => true });
      response = Object.assign(res, { attempts: attempt, where, reason: `HTTP ${res.status}` });
{%- if retry_all_errors %}
      if (res.status < 400 || !repeatable) return response;
{%- else %}
      if (!RETRY_STATUSES.has(res.status) || !repeatable) return response;
{%- endif %}
    } catch (err) {
      failure = { ...transportFailure(err), cause: err };
    }
{%- if breaker %}
    upstreams.record(bases[turn], !response || response.status >= 500);
{%- endif %}
{%- if fallbacks.is_some() %}
    let next = ""; // the base the next attempt goes to, when it moves
    if (!response || [502, 503, 504, 521, 522, 524].includes(response.status)) {
      turn = (turn + 1) % bases.length;
      next = ` (next: ${new URL(bases[turn]).origin})`;
    }
{%- endif %}
{%- if retry_all_errors %}
    const last = attempt > MAX_RETRIES || (!repeatable && !failure.unsent);
{%- else %}
    const last = attempt > MAX_RETRIES || failure?.fatal || (!repeatable && !failure.unsent);
{%- endif %}
    const text = response?.headers["retry-after"] ?? ""; // seconds or an HTTP-date (RFC 9110 §10.2.3)
    const retryAfter = /^\d+$/.test(text) ? +text : Math.max(0, (Date.parse(text) - Date.now()) / 1000) || undefined;
{%- if let Some(_) = fixed_delay %}
    const wait = retryAfter ?? FIXED_DELAY;
{%- else if jitter %}
    const wait = retryAfter ?? Math.random() * Math.min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)); // full jitter
{%- else %}
    const wait = retryAfter ?? Math.min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1)); // jitter none
{%- endif %}
    let reason = response?.reason ?? failure.reason;
{%- if deadline != "null" %}
    if (last || performance.now() + wait * 1000 > end) {
      if (!last) reason += retryAfter === undefined ? "; deadline reached" : "; Retry-After is past the deadline";
{%- else %}
    if (last) {
{%- endif %}
      if (response) return Object.assign(response, { reason });
      throw new Error(`${where} failed after ${attempt} attempt(s): ${reason}`, { cause: failure.cause });
    }
    const note = retryAfter === undefined ? "" : " (Retry-After)";
    console.warn(`retry ${attempt}/${MAX_RETRIES + 1}: ${where} -> ${reason}{% if fallbacks.is_some() %}${next}{% endif %}; waiting ${wait.toFixed(2)}s${note}`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}
{%- if upstreams %}
{% include "javascript/upstreams.mjs" %}
{%- endif %}

// Why an attempt got no response (axios's error.code); "unsent": it never reached the server, "fatal": retrying won't help.
function transportFailure(err) {
  const code = err.code === "ERR_CANCELED" ? "ETIMEDOUT" : err.code; // the attempt's time limit (signal) ran out
  const unsent = { ECONNREFUSED: "connection refused", ENOTFOUND: "unknown host", EAI_AGAIN: "DNS lookup failed",
    EHOSTUNREACH: "host unreachable", ENETUNREACH: "network unreachable" }[code];
  if (unsent) return { reason: unsent, unsent: true };
  if (/^(ETIMEDOUT|ECONNABORTED)$/.test(code)) return { reason: "timed out" };
  if (/^(ECONNRESET|EPIPE|ERR_BAD_RESPONSE)$/.test(code)) return { reason: "connection reset" };
  return { reason: err.message, fatal: true };
}
