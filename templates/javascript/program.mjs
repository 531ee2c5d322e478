{{ header }}
{%- if insecure %}
// WARNING: -k/--insecure: TLS certificates are NOT verified (see TLS below): anyone on the network
// path can read and change this traffic. Remove `rejectUnauthorized: false` once the server has a
// valid certificate.
{%- endif %}

{%- if retry %}
const MAX_RETRIES = {{ max_retries }}; // retries after the first attempt
{%- else %}
const MAX_RETRIES = 0; // --no-retry: one attempt
{%- endif %}
{%- if let Some(delay) = fixed_delay %}
const FIXED_DELAY = {{ delay }}; // seconds between attempts (--retry-delay: no backoff)
{%- else %}
const BASE_DELAY = {{ base_delay }}; // seconds before the first retry, doubled for each next one
const MAX_DELAY = {{ max_delay }}; // cap on one backoff wait, seconds
{%- endif %}
{%- if deadline == "null" %}
// No deadline: all attempts and waits of one call together have no time limit (0 in the command).
{%- else %}
const DEADLINE = {{ deadline }}; // seconds for all attempts and waits of one call
{%- endif %}
{%- if attempt_timeout == "null" %}
// No attempt timeout: one attempt has no time limit (0 in the command).
{%- else %}
const ATTEMPT_TIMEOUT = {{ attempt_timeout }}; // seconds for one attempt, body included
{%- endif %}
{%- if retry_all_errors %}
// --retry-all-errors: every status >= 400 and every transport error is retried.
{%- else %}
const RETRY_STATUSES = new Set([{{ retry_statuses }}]); // gateway errors, overload, rate limits
{%- endif %}
{%- if let Some(list) = fallbacks %}
// --fallback-url: after a gateway status or a connection error, the next attempt goes to the next
// origin in turn (the request's own origin first).
const FALLBACK_ORIGINS = [{{ list }}];
{%- endif %}
{%- if breaker %}
// --circuit-breaker: after BREAKER_FAILURES failed calls in a row, calls fail at once for
// BREAKER_COOLDOWN seconds; then one call may go through to probe the server.
const BREAKER_FAILURES = {{ breaker_failures }};
const BREAKER_COOLDOWN = {{ breaker_cooldown }};
const breaker = { failures: 0, openedAt: 0 };
{%- endif %}
{%- if let Some(tls) = tls %}
// TLS settings for nodeFetch (fetch has no per-request TLS options).
const TLS = { {{ tls }} };
{%- endif %}

{{ main }}

// fetch, only more patient: same arguments; returns the last response or throws the last error (as `cause`).
async function fetchWithRetry(input, init = {}{% if node_fetch %}, send = fetch{% endif %}) {
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
{%- if fallbacks.is_some() %}
  const origins = [String(input).match(/^[^:]+:\/\/[^/?#]*/)[0], ...FALLBACK_ORIGINS];
  let upstream = 0;
{%- else %}
  const where = `${method} ${String(input).replace(/[?#].*/s, "").replace(/\/\/[^/]*@/, "//")}`; // no secrets
{%- endif %}
{%- if deadline != "null" %}
  const end = performance.now() + DEADLINE * 1000;
{%- endif %}
  for (let attempt = 1; ; attempt++) {
{%- if fallbacks.is_some() %}
    const target = origins[upstream % origins.length] + String(input).slice(origins[0].length);
    const where = `${method} ${target.replace(/[?#].*/s, "").replace(/\/\/[^/]*@/, "//")}`; // no secrets
{%- endif %}
{%- if deadline != "null" && attempt_timeout != "null" %}
    const timeout = AbortSignal.timeout(Math.ceil(Math.max(1, Math.min(ATTEMPT_TIMEOUT * 1000, end - performance.now()))));
{%- else if deadline != "null" %}
    const timeout = AbortSignal.timeout(Math.ceil(Math.max(1, end - performance.now())));
{%- else if attempt_timeout != "null" %}
    const timeout = AbortSignal.timeout(Math.ceil(ATTEMPT_TIMEOUT * 1000));
{%- endif %}
    let response, failure;
    try {
      const res = await {% if node_fetch %}send{% else %}fetch{% endif %}({% if fallbacks.is_some() %}target{% else %}input{% endif %}, {
{%- if deadline != "null" || attempt_timeout != "null" %} ...init, signal: AbortSignal.any([timeout, init.signal].filter(Boolean)) });
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
      failure = { ...transportFailure(err), cause: err };
    }
{%- if fallbacks.is_some() %}
    if (!response || [502, 503, 504, 521, 522, 524].includes(response.status)) upstream += 1; // next origin
{%- endif %}
{%- if retry_all_errors %}
    const last = attempt > MAX_RETRIES || (!repeatable && !failure.unsent);
{%- else %}
    const last = attempt > MAX_RETRIES || failure?.fatal || (!repeatable && !failure.unsent);
{%- endif %}
    const text = response?.headers.get("retry-after") ?? ""; // seconds or an HTTP-date (RFC 9110 §10.2.3)
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
    console.warn(`retry ${attempt}/${MAX_RETRIES + 1}: ${where} -> ${reason}; waiting ${wait.toFixed(2)}s${note}`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
  }
}
{%- if breaker %}

// fetchWithRetry behind the circuit breaker (see BREAKER_FAILURES).
async function fetchWithBreaker(input, init = {}{% if node_fetch %}, send = fetch{% endif %}) {
  if (breaker.failures >= BREAKER_FAILURES && performance.now() - breaker.openedAt < BREAKER_COOLDOWN * 1000) {
    const where = `${(init.method ?? "GET").toUpperCase()} ${String(input).replace(/[?#].*/s, "")}`;
    throw new Error(`${where} failed after 0 attempt(s): circuit open`);
  }
  let failed = true;
  try {
    const response = await fetchWithRetry(input, init{% if node_fetch %}, send{% endif %});
    failed = response.status >= 500;
    return response;
  } finally {
    breaker.failures = failed ? breaker.failures + 1 : 0;
    if (breaker.failures >= BREAKER_FAILURES) breaker.openedAt = performance.now();
  }
}
{%- endif %}

// Why an attempt got no response; "unsent": it never reached the server, "fatal": retrying won't help.
function transportFailure(err) {
  const code = [err.name, err.cause?.name].includes("TimeoutError") ? "ETIMEDOUT" : (err.cause?.code ?? err.code);
  const unsent = { ECONNREFUSED: "connection refused", ENOTFOUND: "unknown host", EAI_AGAIN: "DNS lookup failed",
    EHOSTUNREACH: "host unreachable", ENETUNREACH: "network unreachable", UND_ERR_CONNECT_TIMEOUT: "connect timed out",
  }[code];
  if (unsent) return { reason: unsent, unsent: true };
  if (/^(ETIMEDOUT|UND_ERR_(HEADERS|BODY)_TIMEOUT)$/.test(code)) return { reason: "timed out" };
  if (/^(ECONNRESET|EPIPE|UND_ERR_SOCKET|UND_ERR_RES_CONTENT_LENGTH)/.test(code)) return { reason: "connection reset" };
  return { reason: err.cause?.message ?? err.message, fatal: true };
}
{%- if node_fetch %}

// fetch's stand-in on node:http(s), for what fetch cannot send ({{ node_fetch_why }}): the same
// arguments, a Response back. It sends the headers given, in order (plus Host and framing when absent),
// and the URL's path as typed; it follows redirects only with `redirect: "follow"`.
async function nodeFetch(input, init = {}) {
  const { method = "GET", headers = {}, body, signal{% if proxy %}, proxy{% endif %} } = init;
  const url = new URL(input);
  const list = [...(Array.isArray(headers) || headers instanceof Headers ? headers : Object.entries(headers))];
  const data = body === undefined ? undefined : Buffer.from(await new Response(body).arrayBuffer());
  const has = (name) => list.some(([n]) => n.toLowerCase() === name);
  if (!has("host")) list.unshift(["Host", url.host]);
  if (data && !has("content-length") && !has("transfer-encoding")) list.push(["Content-Length", String(data.length)]);
  // The target as typed, one character per UTF-8 byte: with a Buffer body Node writes the head as latin1.
  const typed = String(input).replace(/^[^:]+:\/\/[^/?#]*/, "").replace(/#.*/s, "");
  const path = String.fromCharCode(...new TextEncoder().encode(typed.startsWith("/") ? typed : `/${typed}`));
  const options = { method, path, headers: list.flat(), signal{% if tls.is_some() %}, ...TLS{% endif %} };
  const lib = url.protocol === "https:" ? https : http;
{%- if proxy %}
  let target = url;
  if (proxy && url.protocol === "http:") {
    // -x: a plain-http request goes to the proxy with the whole URL as its target.
    target = new URL(proxy.origin);
    options.path = url.href;
    if (proxy.authorization) options.headers.push("Proxy-Authorization", proxy.authorization);
  } else if (proxy) {
    // An https request goes through a CONNECT tunnel, with TLS (and SNI) to the server inside it.
    // SNI names the server (never an IP address, RFC 6066 §3).
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const servername = net.isIP(host) ? undefined : host;
    options.createConnection = (opts, callback) => {
      const authority = `${url.hostname}:${url.port || 443}`;
      const auth = proxy.authorization ? { "Proxy-Authorization": proxy.authorization } : {};
      http.request(proxy.origin, { method: "CONNECT", path: authority, headers: { Host: authority, ...auth } })
        .on("connect", (res, socket) => res.statusCode === 200
          ? callback(null, tls.connect({ socket, servername{% if tls.is_some() %}, ...TLS{% endif %} }))
          : callback(new Error(`the proxy refused the tunnel: HTTP ${res.statusCode}`)))
        .on("error", callback)
        .end();
    };
  }
{%- else %}
  const target = url;
{%- endif %}
  const response = await new Promise((resolve, reject) => {
    const request = lib.request(target, options, (res) => {
      const chunks = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const headers = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        let content = [204, 205, 304].includes(res.statusCode) || method === "HEAD" ? null : Buffer.concat(chunks);
{%- if compressed %}
        // --compressed: gzip and deflate answers are decoded, as curl does.
        const encoding = headers.get("content-encoding");
        if (content && /^(gzip|deflate)$/.test(encoding)) {
          content = new Blob([content]).stream().pipeThrough(new DecompressionStream(encoding));
        }
{%- endif %}
        resolve(new Response(content, { status: res.statusCode, headers }));
      });
    });
    request.on("error", reject);
    request.end(data);
  });
  const location = response.headers.get("location");
  if (init.redirect !== "follow" || !location || ![301, 302, 303, 307, 308].includes(response.status)) return response;
  // -L: like curl, a 303 (and a POST answered 301 or 302) is followed with a GET and no body.
  const get = response.status === 303 || (method.toUpperCase() === "POST" && response.status < 303);
  return nodeFetch(new URL(location, url), { ...init, method: get ? "GET" : method, body: get ? undefined : body });
}
{%- endif %}
{%- if env %}

// Reads an environment variable the curl command referred to (as $NAME).
function env(name) {
  const value = process.env[name];
  if (value === undefined) {
    throw Object.assign(new Error(`environment variable ${name} is not set`), { unsetVariable: true });
  }
  return value;
}
{%- endif %}
{%- if stdin %}

// Standard input, read once: curl reads it once, and retries must send the same bytes.
async function readStdin() {
  const chunks = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}
{%- endif %}
{%- if strip_newlines %}

// `-d @file` sends the file without its CR and LF bytes.
function stripNewlines(bytes) {
  return bytes.filter((b) => b !== 0x0a && b !== 0x0d);
}
{%- endif %}
{%- if urlencode %}

// curl's --data-urlencode: letters, digits and -._~ stay, a space becomes "+", other bytes %XX.
function urlencode(bytes) {
  let out = "";
  for (const b of bytes) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9._~-]/.test(c) ? c : b === 0x20 ? "+" : `%${b.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}
{%- endif %}
{%- if urlencode_query %}

// curl adds --url-query and -G --data-urlencode text to a URL like urlencode(), in lower-case hex.
function urlencodeQuery(text) {
  return urlencode(new TextEncoder().encode(text)).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
}
{%- endif %}
{%- if multipart %}

// multipart/form-data built by hand, for parts FormData cannot express (their own headers, text with
// line breaks, which FormData turns into CRLF). A part is [its header lines, its data].
const BOUNDARY = `------------------------${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
function multipart(parts) {
  const chunks = parts.flatMap(([head, data]) => [`--${BOUNDARY}\r\n${head}\r\n\r\n`, data, "\r\n"]);
  return new Blob([...chunks, `--${BOUNDARY}--\r\n`]);
}
{%- endif %}
{%- if cookies %}

// curl's cookie engine (-b FILE, -c FILE), in small: Netscape cookie files hold one cookie per line,
// tab-separated: domain, subdomains too (TRUE/FALSE), path, https only, expiry (Unix time, 0 for a
// session cookie), name, value; "#HttpOnly_" before the domain marks an HttpOnly cookie.
const jar = new Map();
{%- if load_cookies %}

async function loadCookies(file) {
  let text;
  try {
    text = await readFile(file, "latin1");
  } catch {
    return; // like curl, a missing cookie file just means no cookies
  }
  for (const line of text.split(/\r?\n/)) {
    const httpOnly = line.startsWith("#HttpOnly_");
    const fields = (httpOnly ? line.slice(10) : line).split("\t");
    if ((line.startsWith("#") && !httpOnly) || fields.length < 7) continue;
    const [domain, subdomains, path, secure, expires, name, value] = fields;
    keep({ domain: domain.replace(/^\./, ""), subdomains: subdomains === "TRUE", path, secure: secure === "TRUE", expires: Number(expires), name, value, httpOnly });
  }
}
{%- endif %}

function keep(cookie) {
  const key = `${cookie.domain}\t${cookie.path}\t${cookie.name}`;
  if (cookie.expires !== 0 && cookie.expires * 1000 < Date.now()) jar.delete(key);
  else jar.set(key, cookie);
}

// `headers` (an object) as [name, value] pairs plus the jar's cookies for `url`, merged into the
// command's own Cookie header as curl does: longest path first, then longest domain and name.
function withCookies(url, headers) {
  const { hostname, pathname, protocol } = new URL(url);
  const now = Date.now() / 1000;
  const cookies = [...jar.values()].filter((c) =>
    (hostname === c.domain || (c.subdomains && hostname.endsWith(`.${c.domain}`))) &&
    pathname.startsWith(c.path) && (!c.secure || protocol === "https:") && (c.expires === 0 || c.expires > now));
  cookies.sort((a, b) => b.path.length - a.path.length || b.domain.length - a.domain.length || b.name.length - a.name.length);
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  if (cookies.length === 0) return pairs;
  const line = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const i = pairs.findIndex(([name]) => name.toLowerCase() === "cookie");
  if (i < 0) return [...pairs, ["Cookie", line]];
  return pairs.map(([name, value], j) => [name, j === i ? `${line}; ${value}` : value]);
}

// Keeps the cookies of a response's Set-Cookie lines as curl does.
function storeCookies(url, setCookies) {
  const { hostname, pathname } = new URL(url);
  for (const header of setCookies) {
    const [pair, ...attributes] = header.split(";");
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const cookie = {
      domain: hostname, subdomains: false, path: pathname.replace(/\/[^/]*$/, "") || "/", secure: false,
      expires: 0, name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), httpOnly: false,
    };
    let maxAge;
    for (const attribute of attributes) {
      const [key, value = ""] = attribute.split("=").map((s) => s.trim());
      const k = key.toLowerCase();
      if (k === "domain" && value) Object.assign(cookie, { domain: value.replace(/^\./, "").toLowerCase(), subdomains: true });
      else if (k === "path" && value.startsWith("/")) cookie.path = value;
      else if (k === "secure") cookie.secure = true;
      else if (k === "httponly") cookie.httpOnly = true;
      else if (k === "expires") cookie.expires = Math.floor(Date.parse(value) / 1000) || 0;
      else if (k === "max-age") maxAge = Number(value);
    }
    if (maxAge !== undefined) cookie.expires = maxAge > 0 ? Math.floor(Date.now() / 1000) + maxAge : 1;
    keep(cookie);
  }
}
{%- if save_cookies %}

async function saveCookies(file) {
  const lines = [...jar.values()].map((c) =>
    [`${c.httpOnly ? "#HttpOnly_" : ""}${c.subdomains ? "." : ""}${c.domain}`, c.subdomains ? "TRUE" : "FALSE", c.path,
      c.secure ? "TRUE" : "FALSE", c.expires, c.name, c.value].join("\t"));
  await writeFile(file, `# Netscape HTTP Cookie File\n\n${lines.map((l) => `${l}\n`).join("")}`, "latin1");
}
{%- endif %}
{%- endif %}

{%- if fail %}
// A final status of 400 or more fails the call, as curl reports it (exit status 22 with -f).
const failed = (r, exitCode = 1) =>
  Object.assign(new Error(`${r.where} failed after ${r.attempts} attempt(s): ${r.reason}`), { exitCode });
{%- else %}
const failed = (r) => new Error(`${r.where} failed after ${r.attempts} attempt(s): ${r.reason}`); // as curl says it
{%- endif %}
{%- if several %}
const fail = (err) => {
  console.error(`error: ${err.message}`);
  process.exitCode = {% if fail %}err.exitCode ?? 1{% else %}1{% endif %};
};
main().catch(fail);
{%- else %}
main().catch((err) => { console.error(`error: ${err.message}`); process.exitCode = {% if fail %}err.exitCode ?? 1{% else %}1{% endif %}; });
{%- endif %}
