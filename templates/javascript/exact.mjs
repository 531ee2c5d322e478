{%- for line in header %}
{%- if line.is_empty() %}
//
{%- else %}
// {{ line }}
{%- endif %}
{%- endfor %}
{%- if !imports.is_empty() %}
{% for line in imports %}
{{ line }}
{%- endfor %}
{%- endif %}
{%- if insecure %}

// WARNING: -k/--insecure. TLS certificates are NOT verified (see tlsOptions): anyone on the network
// path can read and change this traffic. Remove `rejectUnauthorized: false` once the server has a
// valid certificate. Browsers cannot turn verification off.
{%- endif %}
{% if retry %}
// Retry policy: one call makes up to 1 + MAX_RETRIES attempts, within DEADLINE seconds.
const MAX_RETRIES = {{ max_retries }}; // retries after the first attempt
{%- if let Some(delay) = fixed_delay %}
const FIXED_DELAY = {{ delay }}; // seconds between attempts (--retry-delay: no backoff)
{%- else %}
const BASE_DELAY = {{ base_delay }}; // seconds before the first retry, doubled for each next one
const MAX_DELAY = {{ max_delay }}; // cap on one backoff wait, seconds
{%- endif %}
{%- if jitter %}
// Jitter "full": each wait is random in [0, backoff], so that clients do not retry in step.
{%- else %}
// Jitter "none": waits are exactly as computed (predictable, for tests and debugging).
{%- endif %}
{%- if let Some(deadline) = deadline %}
const DEADLINE = {{ deadline }}; // seconds for all attempts and waits of one call together
{%- else %}
const DEADLINE = null; // no limit for all attempts and waits together (0 in the command)
{%- endif %}
{%- endif %}
{%- if let Some(connect_timeout) = connect_timeout %}
const CONNECT_TIMEOUT = {{ connect_timeout }}; // seconds to open a connection
{%- else %}
const CONNECT_TIMEOUT = null; // no limit to open a connection (0 in the command)
{%- endif %}
{%- if let Some(attempt_timeout) = attempt_timeout %}
const ATTEMPT_TIMEOUT = {{ attempt_timeout }}; // seconds for one attempt, response body included
{%- else %}
const ATTEMPT_TIMEOUT = null; // no limit for one attempt (0 in the command)
{%- endif %}
{%- if retry %}
{%- if retry_all_errors %}
// --retry-all-errors: every status >= 400 and every transport error is retried.
{%- else %}
const RETRY_STATUSES = new Set([{{ retry_statuses }}]); // worth another attempt
{%- endif %}
{%- if gate %}
// RFC 9110 §9.2.2: repeating these has the same effect as sending them once.
const IDEMPOTENT_METHODS = new Set(["GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE"]);
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
{%- endif %}
{%- if let Some(tls) = tls %}

// TLS settings of every connection, read when the first connection is made.
function tlsOptions() {
  return { {{ tls }} };
}
{%- endif %}
{%- if env %}

// Reads an environment variable the curl command referred to (as $NAME).
function env(name) {
  const value = process.env[name];
  if (value === undefined) {
    console.error(`error: environment variable ${name} is not set`);
    process.exit(1);
  }
  return value;
}
{%- endif %}
{%- if stdin %}

// Standard input, read once: curl reads it once, and retries must send the same bytes.
const stdinChunks = [];
for await (const chunk of process.stdin) stdinChunks.push(chunk);
const STDIN = new Uint8Array(Buffer.concat(stdinChunks));
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

// curl 7.88 adds --url-query and -G --data-urlencode text to a URL like urlencode(), with the
// escapes' hex digits in lower case (%2f).
function urlencodeQuery(text) {
  return urlencode(new TextEncoder().encode(text)).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
}
{%- endif %}
{%- if multipart %}

// multipart/form-data built byte for byte like curl's: FormData would turn "\n" into "\r\n" in text
// fields and cannot add part headers. A part is [its header lines, its data].
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
const loadedCookieFiles = new Set();

async function loadCookies(file) {
  if (loadedCookieFiles.has(file)) return;
  loadedCookieFiles.add(file);
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

// The request's headers plus a Cookie header with the jar's cookies for `url` (merged into the
// command's own `-b name=value` Cookie header, as curl does), in curl's order: longest path first,
// then longest domain, then longest name, then oldest.
function withCookies(url, headers) {
  const { hostname, pathname, protocol } = new URL(url);
  const now = Date.now() / 1000;
  const cookies = [...jar.values()].filter((c) =>
    (hostname === c.domain || (c.subdomains && hostname.endsWith(`.${c.domain}`))) &&
    pathname.startsWith(c.path) && (!c.secure || protocol === "https:") && (c.expires === 0 || c.expires > now));
  cookies.sort((a, b) => b.path.length - a.path.length || b.domain.length - a.domain.length || b.name.length - a.name.length);
  if (cookies.length === 0) return headers;
  const line = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const i = headers.findIndex(([name]) => name.toLowerCase() === "cookie");
  if (i < 0) return [...headers, ["Cookie", line]];
  return headers.map(([name, value], j) => [name, j === i ? `${line}; ${value}` : value]);
}

// Keeps the cookies of a response's Set-Cookie lines (`setCookies`) as curl does.
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

// The undici handler of one request, seeing its Set-Cookie lines first: fetch would hide those of
// a redirect it follows.
function catchCookies(url, handler) {
  return Object.create(handler, {
    onHeaders: {
      value(status, rawHeaders, ...rest) {
        const setCookies = [];
        for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
          if (rawHeaders[i].toString("latin1").toLowerCase() === "set-cookie") setCookies.push(rawHeaders[i + 1].toString("latin1"));
        }
        storeCookies(url, setCookies);
        return handler.onHeaders.call(this, status, rawHeaders, ...rest);
      },
    },
  });
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
{%- if proxy %}

// -x with an https URL: like curl, ask the proxy for a CONNECT tunnel to the server, then speak TLS
// inside it. This is the `connect` function of an undici Agent.
function tunnel(proxy) {
  return ({ hostname, port }, callback) => {
    let called = false;
    const done = (err, socket) => called || ((called = true), callback(err, socket));
    const authority = `${hostname}:${port || 443}`;
    const via = new URL(proxy.origin);
    const socket = net.connect(Number(via.port), via.hostname, () => socket.write(
      `CONNECT ${authority} HTTP/1.1\r\nHost: ${authority}\r\n` +
      (proxy.authorization ? `Proxy-Authorization: ${proxy.authorization}\r\n` : "") +
      "Proxy-Connection: Keep-Alive\r\n\r\n"));
{%- if connect_timeout.is_some() %}
    socket.setTimeout(CONNECT_TIMEOUT * 1000, () => socket.destroy(new Error("connect timed out")));
{%- endif %}
    socket.once("error", done);
    socket.once("data", (reply) => {
      const status = reply.toString("latin1").split(" ")[1] ?? "";
      if (!status.startsWith("2")) return done(new Error(`the proxy refused the tunnel: HTTP ${status}`));
      socket.setTimeout(0);
      // SNI names the server, so that a host with several names shows the right certificate;
      // an IP address is never sent as SNI (RFC 6066 §3).
      const host = hostname.replace(/^\[(.*)\]$/, "$1");
      const servername = net.isIP(host) ? undefined : host;
      const secure = tls.connect({ socket, host, servername{% if tls.is_some() %}, ...tlsOptions(){% endif %} }, () => done(null, secure));
      secure.once("error", done);
    });
  };
}
{%- endif %}

// Node's fetch is undici. Left alone it adds `accept-language: *`, `sec-fetch-mode: cors` (and a
// text/plain Content-Type for a string body), joins repeated headers into one line and re-encodes some
// URL bytes; curl does none of that. This undici dispatcher sends curl's request target and header
// lines as they are. Browsers ignore `dispatcher`.
const FETCH_EXTRA_HEADERS = ["accept-language", "sec-fetch-mode", "accept-encoding", "content-type"];
let agent;
{%- if proxy %}
const tunnels = {}; // one undici Agent per proxy, for https URLs
{%- endif %}
function curlWire(url, { headers = [], drop = []{% if cookies %}, cookies{% endif %}{% if proxy %}, proxy{% endif %}{% if fetch_method %}, method{% endif %}{% if max_redirects %}, maxRedirects{% endif %} }) {
  const { origin, pathname, search } = new URL(url);
  const typed = url.replace(/^[^:]+:\/\/[^/?#]*/, "").replace(/#.*/s, "");
  const target = String.fromCharCode(...new TextEncoder().encode(typed.startsWith("/") ? typed : `/${typed}`));
  const own = new Set(headers.map(([name]) => name.toLowerCase()));
  const unwanted = [...FETCH_EXTRA_HEADERS, ...drop].filter((name) => !own.has(name));
{%- if max_redirects %}
  let requests = 0;
{%- endif %}
  return {
    dispatch(options, handler) {
{%- if max_redirects %}
      // --max-redirs: fetch itself stops only after 20 redirects.
      if (maxRedirects !== undefined && ++requests > maxRedirects + 1) {
        handler.onError(new Error(`maximum (${maxRedirects}) redirects followed`));
        return true;
      }
{%- endif %}
      // fetch has loaded undici by now: the global dispatcher is an undici Agent, and its class
      // makes one with curl's connect timeout.
      const Agent = globalThis[Symbol.for("undici.globalDispatcher.1")].constructor;
      agent ??= new Agent({ connect: { timeout: {% if connect_timeout.is_some() %}CONNECT_TIMEOUT * 1000{% else %}0 /* no limit */{% endif %}{% if tls.is_some() %}, ...tlsOptions(){% endif %} } });
      // After a redirect (-L) fetch makes the next request; it keeps fetch's target and headers.
      const first = options.origin === origin && options.path === pathname + search;
      {% if cookies %}let{% else %}const{% endif %} lines = first ? [...headers] : [];
      for (const [name, value] of Object.entries(options.headers)) {
        const lower = name.toLowerCase();
        if (!unwanted.includes(lower) && !(first && own.has(lower))) lines.push([name, value]);
      }
      const path = first ? target : options.path;
{%- if cookies %}
      // -b FILE / -c FILE: every request, redirects included, sends the jar's cookies and keeps new ones.
      if (cookies) {
        lines = withCookies(options.origin + path, lines);
        handler = catchCookies(options.origin + path, handler);
      }
{%- endif %}
{%- if fetch_method %}
      // fetch refuses TRACE and a body on GET, and upper-cases some method names: curl's goes here.
      if (first) options = { ...options, method };
{%- endif %}
{%- if proxy %}
      // -x: a plain-http request goes to the proxy with the whole URL as its target, as curl sends it.
      if (proxy && options.origin.startsWith("http:")) {
        if (!own.has("host")) lines.unshift(["Host", new URL(options.origin).host]);
        if (proxy.authorization) lines.push(["Proxy-Authorization", proxy.authorization]);
        lines.push(["Proxy-Connection", "Keep-Alive"]);
        return agent.dispatch({ ...options, origin: proxy.origin, path: options.origin + path, headers: lines.flat() }, handler);
      }
      // An https request goes through a tunnel: see `tunnel`.
      if (proxy) {
        tunnels[proxy.origin] ??= new Agent({ connect: tunnel(proxy) });
        return tunnels[proxy.origin].dispatch({ ...options, path, headers: lines.flat() }, handler);
      }
{%- endif %}
      return agent.dispatch({ ...options, path, headers: lines.flat() }, handler);
    },
  };
}

// The URL for log lines: no userinfo, query or fragment (they may hold secrets).
function loggable(url) {
  return url.replace(/[?#].*/s, "").replace(/\/\/[^/]*@/, "//");
}
{%- if retry %}

// Why an attempt got no response, and whether the request surely never reached the server.
function transportFailure(err) {
  const code = err.cause?.code;
  if (code === "ECONNREFUSED") return { reason: "connection refused", unsent: true };
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return { reason: "could not resolve host", unsent: true };
  if (code === "UND_ERR_CONNECT_TIMEOUT") return { reason: "connect timed out", unsent: true };
  if (err.name === "TimeoutError") return { reason: "timed out" };
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET") return { reason: "connection reset" };
  // The connection closed before the body's Content-Length bytes arrived.
  if (code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH") return { reason: "connection reset" };
  if (code === "ETIMEDOUT") return { reason: "timed out" };
  if (code === "EHOSTUNREACH") return { reason: "host unreachable" };
  if (code === "ENETUNREACH") return { reason: "network unreachable" };
  return { reason: err.cause?.message ?? err.message, fatal: true };
}

// Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); undefined when absent or unreadable.
function retryAfterSeconds(value) {
  if (value === null) return undefined;
  if (/^\s*\d+\s*$/.test(value)) return Number(value);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : (date - Date.now()) / 1000;
}
{%- if breaker %}

// Sends one request through the circuit breaker: see BREAKER_FAILURES.
async function send(method, url, request) {
  if (breaker.failures >= BREAKER_FAILURES && performance.now() - breaker.openedAt < BREAKER_COOLDOWN * 1000) {
    throw new Error(`error: ${method} ${loggable(url)} failed after 0 attempt(s): circuit open`);
  }
  try {
    const data = await sendWithRetries(method, url, request);
    breaker.failures = 0;
    return data;
  } catch (err) {
    breaker.failures += 1;
    if (breaker.failures >= BREAKER_FAILURES) breaker.openedAt = performance.now();
    throw err;
  }
}
{%- endif %}

// Sends one request, retrying transient failures; resolves to the body of the final response.
// Throws an Error whose message is the failure line (with `data`, the body, after an HTTP error).
async function {% if breaker %}sendWithRetries{% else %}send{% endif %}(method, url, request) {
  request = { headers: [], ...request };
  const started = performance.now();
  const elapsed = () => (performance.now() - started) / 1000;
{%- if idempotency_key %}
  // --idempotency-key: one key per call, sent on every attempt, lets the server drop repeats.
  if (!request.headers.some(([name]) => name.toLowerCase() === "idempotency-key")) {
    request = { ...request, headers: [...request.headers, ["Idempotency-Key", crypto.randomUUID()]] };
  }
{%- endif %}
{%- if gate %}
  // Other methods (POST, PATCH, …) are retried after the request may have reached the server only
  // when an Idempotency-Key header lets the server recognise a repeat.
  const repeatable = IDEMPOTENT_METHODS.has(method) || request.headers.some(([name]) => name.toLowerCase() === "idempotency-key");
{%- else %}
  // {{ all_methods_reason }}
{%- endif %}
{%- if fallbacks.is_some() %}
  const origins = [url.match(/^[^:]+:\/\/[^/?#]*/)[0], ...FALLBACK_ORIGINS];
  let upstream = 0;
{%- endif %}
  for (let attempt = 1; ; attempt++) {
{%- if fallbacks.is_some() %}
    const target = origins[upstream % origins.length] + url.slice(origins[0].length);
{%- else %}
    const target = url;
{%- endif %}
    const where = `${method} ${loggable(target)}`;
    const failed = (why) => `error: ${where} failed after ${attempt} attempt(s): ${why}`;
{%- if deadline.is_some() %}
    // Never past the deadline, and at least 1 ms: a wait may end late.
{%- if attempt_timeout.is_some() %}
    const timeout = Math.max(0.001, Math.min(ATTEMPT_TIMEOUT, DEADLINE - elapsed()));
{%- else %}
    const timeout = Math.max(0.001, DEADLINE - elapsed());
{%- endif %}
{%- else if attempt_timeout.is_some() %}
    const timeout = ATTEMPT_TIMEOUT;
{%- endif %}
    let res;
    let data;
    let reason;
    try {
      res = await fetch(target, {
        redirect: "manual",
        ...request,
{%- if fetch_method %}
        method: request.fetchMethod ?? method,
{%- else %}
        method,
{%- endif %}
        body: typeof request.body === "function" ? await request.body() : request.body,
{%- if deadline.is_some() || attempt_timeout.is_some() %}
        signal: AbortSignal.timeout(Math.round(timeout * 1000)),
{%- endif %}
        dispatcher: curlWire(target, {% if fetch_method %}{ ...request, method }{% else %}request{% endif %}),
      });
      data = new Uint8Array(await res.arrayBuffer());
    } catch (err) {
      const failure = transportFailure(err);
{%- if retry_all_errors %}
{%- if gate %}
      // A POST may have reached the server unless the connection never opened.
      if (!repeatable && !failure.unsent) throw new Error(failed(failure.reason));
{%- endif %}
{%- else %}
{%- if gate %}
      // A POST may have reached the server unless the connection never opened.
      if (failure.fatal || (!repeatable && !failure.unsent)) throw new Error(failed(failure.reason));
{%- else %}
      if (failure.fatal) throw new Error(failed(failure.reason));
{%- endif %}
{%- endif %}
      reason = failure.reason;
{%- if fallbacks.is_some() %}
      if (failure.unsent || reason === "connection reset") upstream += 1;
{%- endif %}
    }
    let retryAfter;
    if (reason === undefined) {
{%- if retry_all_errors && !gate %}
      if (res.status < 400) return data;
{%- else %}
{%- if retry_all_errors %}
      if (res.status < 400 || !repeatable) {
{%- else %}
      if (!RETRY_STATUSES.has(res.status){% if gate %} || !repeatable{% endif %}) {
{%- endif %}
        if (res.status < 400) return data;
{%- if fail %}
        // -f/--fail: no body, exit code 22.
        throw Object.assign(new Error(failed(`HTTP ${res.status}`)), request.fail ? { exitCode: 22 } : { data });
{%- else %}
        throw Object.assign(new Error(failed(`HTTP ${res.status}`)), { data });
{%- endif %}
      }
{%- endif %}
      reason = `HTTP ${res.status}`;
      retryAfter = retryAfterSeconds(res.headers.get("retry-after"));
{%- if fallbacks.is_some() %}
      if ([502, 503, 504, 521, 522, 524].includes(res.status)) upstream += 1;
{%- endif %}
    }
    // Giving up after an HTTP error still prints that last answer's body, as curl does.
{%- if fail %}
    const last = data === undefined ? {} : request.fail ? { exitCode: 22 } : { data };
{%- else %}
    const last = data === undefined ? {} : { data };
{%- endif %}
    if (attempt > MAX_RETRIES) throw Object.assign(new Error(failed(reason)), last);
{%- if let Some(_) = fixed_delay %}
    let wait = FIXED_DELAY;
{%- else if jitter %}
    // Full jitter: a random wait in [0, backoff] keeps clients from retrying in step.
    let wait = Math.random() * Math.min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1));
{%- else %}
    let wait = Math.min(MAX_DELAY, BASE_DELAY * 2 ** (attempt - 1));
{%- endif %}
{%- if jitter %}
    // A Retry-After from the server wins, with no cap; up to 1 s of jitter still spreads clients.
    if (retryAfter !== undefined) wait = Math.max(retryAfter, 0) + Math.random();
{%- else %}
    // A Retry-After from the server wins, with no cap.
    if (retryAfter !== undefined) wait = Math.max(retryAfter, 0);
{%- endif %}
{%- if deadline.is_some() %}
    if (elapsed() + wait > DEADLINE) {
      throw Object.assign(new Error(failed(retryAfter !== undefined
        ? `${reason}; Retry-After ${Math.round(retryAfter)}s would pass the deadline`
        : `${reason}; deadline of ${DEADLINE}s reached`)), last);
    }
{%- endif %}
    const note = retryAfter !== undefined ? " (Retry-After)" : "";
    console.error(`retry ${attempt}/${MAX_RETRIES + 1}: ${where} -> ${reason}; waiting ${wait.toFixed(2)}s${note}`);
    await new Promise((resolve) => setTimeout(resolve, wait * 1000));
{%- if deadline.is_some() %}
    // The timer may fire late: no attempt starts after the deadline.
    if (elapsed() >= DEADLINE) throw Object.assign(new Error(failed(`${reason}; deadline of ${DEADLINE}s reached`)), last);
{%- endif %}
  }
}
{%- else %}

// Why an attempt got no response.
function transportFailure(err) {
  const code = err.cause?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "could not resolve host";
  if (code === "UND_ERR_CONNECT_TIMEOUT") return "connect timed out";
  if (err.name === "TimeoutError") return "timed out";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET") return "connection reset";
  if (code === "UND_ERR_RES_CONTENT_LENGTH_MISMATCH") return "connection reset";
  if (code === "ETIMEDOUT") return "timed out";
  if (code === "EHOSTUNREACH") return "host unreachable";
  if (code === "ENETUNREACH") return "network unreachable";
  return err.cause?.message ?? err.message;
}

// Sends one request once (retries are off); resolves to the body of the response.
// Throws an Error whose message is the failure line (with `data`, the body, after an HTTP error).
async function send(method, url, request) {
  request = { headers: [], ...request };
  const where = `${method} ${loggable(url)}`;
  const failed = (why) => `error: ${where} failed after 1 attempt(s): ${why}`;
  let res;
  let data;
  try {
    res = await fetch(url, {
      redirect: "manual",
      ...request,
{%- if fetch_method %}
      method: request.fetchMethod ?? method,
{%- else %}
      method,
{%- endif %}
      body: typeof request.body === "function" ? await request.body() : request.body,
{%- if attempt_timeout.is_some() %}
      signal: AbortSignal.timeout(Math.round(ATTEMPT_TIMEOUT * 1000)),
{%- endif %}
      dispatcher: curlWire(url, {% if fetch_method %}{ ...request, method }{% else %}request{% endif %}),
    });
    data = new Uint8Array(await res.arrayBuffer());
  } catch (err) {
    throw new Error(failed(transportFailure(err)));
  }
  if (res.status < 400) return data;
{%- if fail %}
  // -f/--fail: no body, exit code 22.
  throw Object.assign(new Error(failed(`HTTP ${res.status}`)), request.fail ? { exitCode: 22 } : { data });
{%- else %}
  throw Object.assign(new Error(failed(`HTTP ${res.status}`)), { data });
{%- endif %}
}
{%- endif %}

// A failed call: print the body of an HTTP error (curl does, unless -f) and the error line; the
// next request still goes out, like curl, and the program's exit status says that one failed.
function fail(err) {
  if (err.data) process.stdout.write(err.data);
  console.error(err.message);
  process.exitCode = {% if fail %}err.exitCode ?? 1{% else %}1{% endif %};
}

// Node loads fetch's code on first use: load it now, so that it does not eat into the first
// attempt's timeout.
await fetch("data:,");

{{ main }}
