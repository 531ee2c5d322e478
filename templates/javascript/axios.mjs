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
{%- include "javascript/attempt_head.mjs" %}
    let response, failure;
    try {
      // Every status comes back as a response (validateStatus) for the policy below; the body is
      // read within the attempt, so a cut-off body is retried.
      const res = await axios.request({ ...config, url: {% if fallbacks.is_some() %}bases[turn] + url.slice(bases[0].length){% else %}url{% endif %}, signal: timeout, responseType: "arraybuffer", validateStatus: () => true });
      response = Object.assign(res, { attempts: attempt, where, reason: `HTTP ${res.status}` });
{%- if retry_all_errors %}
      if (res.status < 400 || !repeatable) return response;
{%- else %}
      if (!RETRY_STATUSES.has(res.status) || !repeatable) return response;
{%- endif %}
    } catch (err) {
      failure = { ...transportFailure(err), cause: err };
    }
{%- include "javascript/retry_tail.mjs" %}
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
