{% if ts -%}
// What the helper adds to the response: how many attempts it took, the request (no secrets), the last reason.
type Retried = Response & { attempts: number; where: string; reason: string };
type Problem = { name?: string; code?: string; message: string; cause?: Problem };
type Failure = { reason: string; unsent?: boolean; fatal?: boolean; cause?: unknown };

{% endif -%}
// fetch, only more patient: same arguments; returns the last response or throws the last error (as `cause`).
async function fetchWithRetry(input{% if ts %}{% if node_fetch %}: string | URL{% else %}: string | URL | Request{% endif %}{% endif %}, init{% if ts %}{% if node_fetch %}: NodeInit{% else %}: RequestInit{% endif %}{% endif %} = {}{% if upstreams %}, upstreams = new Upstreams(){% endif %}{% if node_fetch %}, send{{ self.t(": typeof nodeFetch") }} = fetch{% endif %}){{ self.t(": Promise<Retried>") }} {
  const method = (init.method ?? "GET").toUpperCase();
{%- if idempotency_key %}
  // --idempotency-key: one key per call, sent on every attempt, lets the server drop repeats.
  const own = Array.isArray(init.headers) ? init.headers : Object.entries(init.headers ?? {});
  if (!new Headers(own).has("idempotency-key")) {
    init = { ...init, headers: [...own, ["Idempotency-Key", crypto.randomUUID()]] };
  }
{%- endif %}
{%- if gate %}
  // A POST that reached the server may have been processed: repeat only idempotent (RFC 9110) or keyed ones.
  const repeatable =
    /^(GET|HEAD|OPTIONS|TRACE|PUT|DELETE)$/.test(method) || new Headers(init.headers).has("idempotency-key");
{%- else %}
  const repeatable = true; // {{ all_methods_reason }}
{%- endif %}
  const where = `${method} ${String(input).replace(/[?#].*/s, "").replace(/\/\/[^/]*@/, "//")}`; // no secrets
{%- if fallbacks.is_some() || upstreams %}
  const url = String(input);
  const bases = [url.match(/^[^:]+:\/\/[^/?#]*/){{ self.t("!") }}[0]{% if fallbacks.is_some() %}, ...FALLBACK_ORIGINS{% endif %}]; // its own origin first{% if fallbacks.is_some() %}, then each fallback{% endif %}
  let turn = 0; // the base the next attempt goes to
{%- endif %}
{%- include "javascript/attempt_head.mjs" %}
    let response{{ self.t(": Retried | undefined") }}, failure{{ self.t(": Failure | undefined") }};
    try {
      const res = await {% if node_fetch %}send{% else %}fetch{% endif %}({% if fallbacks.is_some() %}bases[turn] + url.slice(bases[0].length){% else %}input{% endif %}, {
{%- if deadline != "null" || attempt_timeout != "null" %} ...init, signal: AbortSignal.any([timeout, init.signal]{% if ts %}.filter((s): s is AbortSignal => !!s){% else %}.filter(Boolean){% endif %}) });
{%- else %} ...init }); // no time limit (0 in the command)
{%- endif %}
      const body = res.body && (await res.arrayBuffer()); // read within the attempt: a cut-off body is retried
      response = Object.assign(new Response(body, res), { attempts: attempt, where, reason: `HTTP ${res.status}` });
{%- if retry_all_errors %}
      if (res.status < 400 || !repeatable) return response;
{%- else %}
      if (!RETRY_STATUSES.has(res.status) || !repeatable) return response;
{%- endif %}
    } catch (err) {
      failure = { ...transportFailure(err{{ self.t(" as Problem") }}), cause: err };
    }
{%- include "javascript/retry_tail.mjs" %}
}
{%- if upstreams %}
{% include "javascript/upstreams.mjs" %}
{%- endif %}

// Why an attempt got no response; "unsent": it never reached the server, "fatal": retrying won't help.
function transportFailure(err{{ self.t(": Problem") }}){{ self.t(": Failure") }} {
  const code = [err.name, err.cause?.name].includes("TimeoutError") ? "ETIMEDOUT" : (err.cause?.code ?? err.code{{ self.t(" ?? \"\"") }});
  const unsent = {{ self.t("(<Record<string, string>>") }}{ ECONNREFUSED: "connection refused", ENOTFOUND: "unknown host", EAI_AGAIN: "DNS lookup failed",
    EHOSTUNREACH: "host unreachable", ENETUNREACH: "network unreachable", UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  }{{ self.t(")") }}[code];
  if (unsent) return { reason: unsent, unsent: true };
  if (/^(ETIMEDOUT|UND_ERR_(HEADERS|BODY)_TIMEOUT)$/.test(code)) return { reason: "timed out" };
  if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_RES_CONTENT_LENGTH)/.test(code)) return { reason: "connection reset" };
  return { reason: err.cause?.message ?? err.message, fatal: true };
}
