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
{%- if node_fetch && connect_timeout != "null" %}
const CONNECT_TIMEOUT = {{ connect_timeout }}; // seconds to connect, for each attempt
{%- endif %}
{%- if retry_all_errors %}
// --retry-all-errors: every status >= 400 and every transport error is retried.
{%- else %}
const RETRY_STATUSES = new Set([{{ retry_statuses }}]); // gateway errors, overload, rate limits
{%- endif %}
{%- if let Some(list) = fallbacks %}
// --fallback-url: after a gateway status, a connection error or a timeout, the next attempt goes to
// the next origin in turn (the request's own origin first).
const FALLBACK_ORIGINS = [{{ list }}];
{%- endif %}
{%- if breaker %}
// --circuit-breaker: BREAKER_FAILURES failed attempts in a row on a base (a status >= 500, a connection
// error, a timeout) open its breaker: no attempt goes there for BREAKER_COOLDOWN seconds, then one may.
const BREAKER_FAILURES = {{ breaker_failures }};
const BREAKER_COOLDOWN = {{ breaker_cooldown }};
{%- endif %}
{%- if let Some(check) = health_check %}
// --health-check: a GET before the first call to a base (a path on each base, or one URL); 2xx is healthy.
const HEALTH_CHECK = {{ check }};
const HEALTH_TIMEOUT = {{ health_timeout }}; // seconds for one probe
{%- if let Some(ttl) = health_ttl %}
const HEALTH_TTL = {{ ttl }}; // seconds a verdict is remembered
{%- endif %}
{%- endif %}
{%- if let Some(tls) = tls %}
{%- if axios %}
// TLS settings for axios's https agent.
{%- else %}
// TLS settings for nodeFetch (fetch has no per-request TLS options).
{%- endif %}
const TLS = { {{ tls }} };
{%- endif %}
{%- if read_pem %}

// A certificate or key file named in the command, parsed now: a missing or broken one ends the program, named, as in curl.
function readPem(file{{ self.t(": string") }}, kind{{ self.t(": \"ca\" | \"cert\" | \"key\"") }}) {
  try {
    const pem = readFileSync(file);
    if (kind === "key") createPrivateKey(pem);
    else new X509Certificate(pem); // node:tls would skip a CA file with no certificate in it
    return pem;
  } catch (err) {
    const { code, message } = err{{ self.t(" as Problem") }};
    const why = code === "ENOENT" ? "no such file" : message;
    console.error(`error: cannot use the TLS file ${file}: ${why}`);
    process.exit(1);
  }
}
{%- endif %}
{%- if let Some(options) = connect.options %}
// How nodeFetch connects (-4/-6, --interface, --local-port, --unix-socket).
const CONNECT = { {{ options }} };
{%- endif %}
{%- if let Some(pins) = connect.pins %}
// --resolve/--connect-to: where a host:port connects instead; the URL, Host and TLS name keep the host.
const PINS{{ self.t(": Record<string, [string, number]>") }} = { {{ pins }} };
{%- endif %}

{{ main }}
{% if axios %}
{% include "javascript/axios.mjs" %}
{%- else %}
{% include "javascript/fetch.mjs" %}
{%- endif %}
{%- if node_fetch %}

// fetch's stand-in on node:http(s), for what fetch cannot send ({{ node_fetch_why }}): the same
// arguments, a Response back. It sends the headers given, in order (plus Host and framing when absent),
// and the URL's path as typed; it follows redirects only with `redirect: "follow"`.
{% if ts -%}
{%- if proxy %}
type Proxy = { origin: string; authorization?: string{% if px.headers %}; headers?: [string, string][]{% endif %}{% if px.tunnel %}; tunnel?: boolean{% endif %}{% if px.https %}; tls?: https.RequestOptions{% endif %}{% if px.digest %}; digest?: string{% endif %}{% if px.any %}; any?: boolean{% endif %} };
{%- endif %}
type NodeInit = RequestInit & { maxRedirects?: number{% if proxy %}; proxy?: Proxy{% endif %} };
{% endif -%}
async function nodeFetch(input{{ self.t(": string | URL") }}, init{{ self.t(": NodeInit") }} = {}, followed = 0){{ self.t(": Promise<Response>") }} {
  const { method = "GET", headers = {}, body, signal{% if proxy %}, proxy{% endif %} } = init;
  const url = new URL(input);
  const list = [...(Array.isArray(headers) || headers instanceof Headers ? headers : Object.entries(headers))]{{ self.t(" as [string, string][]") }};
  const data = body === undefined ? undefined : Buffer.from(await new Response(body).arrayBuffer());
  const has = (name{{ self.t(": string") }}) => list.some(([n]) => n.toLowerCase() === name);
  if (!has("host")) list.unshift(["Host", url.host]);
  if (data && !has("content-length") && !has("transfer-encoding")) list.push(["Content-Length", String(data.length)]);
{%- if let Some(target) = connect.target %}
  const path = {{ target }}; // --request-target: sent in place of the URL's path
{%- else %}
  // The target as typed, one character per UTF-8 byte: with a Buffer body Node writes the head as latin1.
  const typed = String(input).replace(/^[^:]+:\/\/[^/?#]*/, "").replace(/#.*/s, "");
  const path = String.fromCharCode(...new TextEncoder().encode(typed.startsWith("/") ? typed : `/${typed}`));
{%- endif %}
  const options{{ self.t(": https.RequestOptions") }} = { method, path, headers: list.flat(), signal{% if ts %}: signal ?? undefined{% endif %}{% if tls.is_some() %}, ...TLS{% endif %}{% if connect.options.is_some() %}, ...CONNECT{% endif %} };
{%- if connect.pins.is_some() %}
  const pin = PINS[`${url.hostname}:${url.port || (url.protocol === "https:" ? 443 : 80)}`];
  if (pin) Object.assign(options, { hostname: pin[0], port: pin[1], servername: url.hostname });
{%- endif %}
{%- if connect.haproxy %}
  // --haproxy-protocol: each connection starts with a PROXY protocol v1 line naming both ends.
  options.createConnection = (opts{{ self.t(": unknown") }}, callback{{ self.t(": Function") }}){{ self.t(": undefined") }} => {
    const o = opts{{ self.t(" as net.TcpNetConnectOpts & { socketPath?: string }") }};
    const socket = net.connect({ ...o, path: o.socketPath }{{ self.t(" as net.NetConnectOpts") }}, () => {
      const tcp = net.isIPv6(socket.localAddress ?? "") ? "TCP6" : "TCP4";
      socket.write(`PROXY ${tcp} ${socket.localAddress} ${socket.remoteAddress} ${socket.localPort} ${socket.remotePort}\r\n`);
      const servername = net.isIP(url.hostname) ? undefined : url.hostname; // SNI names no IP address
      callback(null, url.protocol === "https:" ? tls.connect({ ...o, socket, servername }) : socket);
    }).on("error", (err) => callback(err));
  };
{%- endif %}
{%- if proxy %}
  let target = url;
  if (proxy && url.protocol === "http:"{% if px.tunnel %} && !proxy.tunnel{% endif %}) {
    // -x: a plain-http request goes to the proxy with the whole URL as its target.
    target = new URL(proxy.origin);
    options.path = url.href;
    const sent = options.headers{{ self.t(" as string[]") }};
    if (proxy.authorization) sent.push("Proxy-Authorization", proxy.authorization);
{%- if px.headers %}
    for (const [name, value] of proxy.headers ?? []) sent.push(name, value); // --proxy-header, after -H's
{%- endif %}
{%- if px.https %}
    Object.assign(options, proxy.tls); // the https proxy's TLS, not the server's
{%- endif %}
  } else if (proxy) {
    // {% if px.tunnel %}An https request (or -p) goes through a CONNECT tunnel, with TLS to an https server{% else %}An https request goes through a CONNECT tunnel, with TLS (and SNI) to the server{% endif %} inside it.
    // SNI names the server (never an IP address, RFC 6066 §3).
    const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
    const servername = net.isIP(host) ? undefined : host;
    options.createConnection = (opts{{ self.t(": unknown") }}, callback{{ self.t(": Function") }}){{ self.t(": undefined") }} => {
      const authority = `${url.hostname}:${url.port || {% if px.tunnel %}(url.protocol === "https:" ? 443 : 80){% else %}443{% endif %}}`;
{%- if px.digest %}
      const tunnel = (authorization{{ self.t("?: string") }}){{ self.t(": void") }} => {
        const auth = authorization ? { "Proxy-Authorization": authorization } : {};
{%- else %}
      const auth = proxy.authorization ? { "Proxy-Authorization": proxy.authorization } : {};
{%- endif %}
{%- if px.https %}
      (proxy.origin.startsWith("https:") ? https : http)
        .request(proxy.origin, { method: "CONNECT", path: authority, headers: { Host: authority, ...auth{% if px.headers %}, ...Object.fromEntries(proxy.headers ?? []){% endif %} }, ...proxy.tls })
{%- else %}
      http.request(proxy.origin, { method: "CONNECT", path: authority, headers: { Host: authority, ...auth{% if px.headers %}, ...Object.fromEntries(proxy.headers ?? []){% endif %} } })
{%- endif %}
{%- if px.digest %}
        .on("connect", (res, socket) => {
          const challenge = res.headers["proxy-authenticate"];
          if (res.statusCode === 407 && proxy.digest && !authorization && {% if px.any %}(proxy.any ? /^(digest|basic) /i : /^digest /i){% else %}/^digest /i{% endif %}.test(challenge ?? "")) {
            socket.destroy();
            return tunnel(proxyDigest(challenge{{ self.t(" as string") }}, "CONNECT", authority, proxy.digest{% if px.any %}, proxy.any{% endif %}));
          }
{%- else %}
        .on("connect", (res, socket) => {
{%- endif %}
{%- if px.tunnel %}
          const inside = () => url.protocol === "https:" ? tls.connect({ socket, servername{% if tls.is_some() %}, ...TLS{% endif %} }) : socket;
          res.statusCode === 200
            ? callback(null, inside())
            : callback(new Error(`the proxy refused the tunnel: HTTP ${res.statusCode}`));
{%- else %}
          res.statusCode === 200
            ? callback(null, tls.connect({ socket, servername{% if tls.is_some() %}, ...TLS{% endif %} }))
            : callback(new Error(`the proxy refused the tunnel: HTTP ${res.statusCode}`));
{%- endif %}
        })
        .on("error", (err) => callback(err))
        .end();
{%- if px.digest %}
      };
      tunnel(proxy.authorization);
{%- endif %}
    };
  }
  const lib{{ self.t(": Pick<typeof https, \"request\">") }} = target.protocol === "https:" ? https : http;
{%- else %}
  const lib{{ self.t(": Pick<typeof https, \"request\">") }} = url.protocol === "https:" ? https : http;
  const target = url;
{%- endif %}
  // Node frames a body-less POST (PUT, PATCH...) as chunked, where curl sends no framing header.
  // Only headers set one by one let Node leave both out, so such a request sets them that way
  // (the lines of a repeated name then go together).
  const bare = !data && !has("content-length") && !has("transfer-encoding") &&
    !["GET", "HEAD", "DELETE", "OPTIONS", "TRACE", "CONNECT"].includes(method.toUpperCase());
  const response = await new Promise{{ self.t("<Response>") }}((resolve, reject) => {
    const request = lib.request(target, bare ? { ...options, headers: undefined, setHost: false } : options, (res) => {
      const chunks{{ self.t(": Buffer[]") }} = [];
      res.on("data", (chunk) => chunks.push(chunk));
      res.on("error", reject);
      res.on("end", () => {
        const headers = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
        let content{{ self.t(": BodyInit | null") }} = [204, 205, 304].includes(res.statusCode{{ self.t("!") }}) || method === "HEAD" ? null : Buffer.concat(chunks);
{%- if compressed %}
        // --compressed: gzip and deflate answers are decoded, as curl does.
        const encoding = headers.get("content-encoding") ?? "";
        if (content && /^(gzip|deflate)$/.test(encoding)) {
          content = new Blob([content]).stream().pipeThrough(new DecompressionStream(encoding{{ self.t(" as CompressionFormat") }}));
        }
{%- endif %}
        resolve(new Response(content, { status: res.statusCode, statusText: res.statusMessage, headers }));
      });
    });
    request.on("error", reject);
{%- if connect_timeout != "null" %}
    // A connection not made within CONNECT_TIMEOUT seconds fails, as never sent (curl's --connect-timeout).
    request.on("socket", (socket) => {
      if (!socket.connecting) return;
      const error = Object.assign(new Error("connect timed out"), { code: "UND_ERR_CONNECT_TIMEOUT" });
      const timer = setTimeout(() => request.destroy(error), CONNECT_TIMEOUT * 1000);
      socket.once("connect", () => clearTimeout(timer)).once("close", () => clearTimeout(timer));
    });
{%- endif %}
    if (bare) {
      const sent = options.headers{{ self.t(" as string[]") }};
      for (let i = 0; i + 1 < sent.length; i += 2) request.setHeader(sent[i], [request.getHeader(sent[i]) ?? [], sent[i + 1]].flat().map(String));
      request.removeHeader("content-length");
      request.removeHeader("transfer-encoding");
    }
    request.end(data);
  });
{%- if px.digest %}
  const challenge = response.headers.get("proxy-authenticate");
  if (response.status === 407 && proxy?.digest && !proxy.authorization && {% if px.any %}(proxy.any ? /^(digest|basic) /i : /^digest /i){% else %}/^digest /i{% endif %}.test(challenge ?? "")) {
    // --proxy-digest: the proxy's challenge answered once; curl signs the path, not the whole URL.
    const authorization = proxyDigest(challenge{{ self.t(" as string") }}, method.toUpperCase(), path, proxy.digest{% if px.any %}, proxy.any{% endif %});
    return nodeFetch(input, { ...init, proxy: { ...proxy, authorization } }, followed);
  }
{%- endif %}
  const location = response.headers.get("location");
  if (init.redirect !== "follow" || !location || ![301, 302, 303, 307, 308].includes(response.status)) return response;
  const limit = init.maxRedirects ?? 50; // curl's --max-redirs, 50 unless the command sets it
  if (followed >= limit) throw Object.assign(new Error(`Maximum (${limit}) redirects followed`), { code: "ERR_TOO_MANY_REDIRECTS" });
  // -L: like curl, a 303 (and a POST answered 301 or 302) is followed with a GET and no body.
{%- if let Some(keep) = connect.keep_post %}
  // --post301/--post302/--post303: a redirect with one of these statuses keeps the method and body.
  const get = !{{ keep }}.includes(response.status) &&
    (response.status === 303 || (method.toUpperCase() === "POST" && response.status < 303));
{%- else %}
  const get = response.status === 303 || (method.toUpperCase() === "POST" && response.status < 303);
{%- endif %}
  return nodeFetch(new URL(location, url), { ...init, method: get ? "GET" : method, body: get ? undefined : body }, followed + 1);
}
{%- endif %}
{%- if px.digest %}

// --proxy-digest: the Proxy-Authorization answering a Digest challenge (RFC 7616, MD5) for
// credentials "user:password".
function proxyDigest(challenge{{ self.t(": string") }}, method{{ self.t(": string") }}, uri{{ self.t(": string") }}, credentials{{ self.t(": string") }}{% if px.any %}, any{{ self.t("?: boolean") }}{% endif %}){{ self.t(": string") }} {
{%- if px.any %}
  if (any && /^basic /i.test(challenge)) return `Basic ${btoa(credentials)}`; // --proxy-anyauth
{%- endif %}
  const p = Object.fromEntries([...challenge.matchAll(/(\w+)=(?:"([^"]*)"|([^\s,]*))/g)].map((m) => [m[1].toLowerCase(), m[2] ?? m[3]]));
  const [user, password] = [credentials.slice(0, credentials.indexOf(":")), credentials.slice(credentials.indexOf(":") + 1)];
  const md5 = (s{{ self.t(": string") }}) => createHash("md5").update(s, "latin1").digest("hex");
  const [cnonce, nc] = [randomBytes(16).toString("hex"), "00000001"];
  const qop = /(^|,)\s*auth\s*(,|$)/.test(p.qop ?? "") ? "auth" : undefined;
  const [ha1, ha2] = [md5(`${user}:${p.realm}:${password}`), md5(`${method}:${uri}`)];
  const response = md5(qop ? `${ha1}:${p.nonce}:${nc}:${cnonce}:${qop}:${ha2}` : `${ha1}:${p.nonce}:${ha2}`);
  const fields = [`username="${user}"`, `realm="${p.realm}"`, `nonce="${p.nonce}"`, `uri="${uri}"`];
  if (qop) fields.push(`cnonce="${cnonce}"`, `nc=${nc}`, `qop=${qop}`);
  fields.push(`response="${response}"`, ...(p.opaque ? [`opaque="${p.opaque}"`] : []), "algorithm=MD5");
  return `Digest ${fields.join(", ")}`;
}
{%- endif %}
{%- if env %}

// Reads an environment variable the curl command referred to (as $NAME).
function env(name{{ self.t(": string") }}){{ self.t(": string") }} {
  const value = process.env[name];
  if (value === undefined) {
    throw Object.assign(new Error(`environment variable ${name} is not set`), { unsetVariable: true });
  }
  return value;
}
{%- endif %}
{%- if stdin %}

// Standard input, read once: curl reads it once, and retries must send the same bytes.
async function readStdin(){{ self.t(": Promise<Buffer>") }} {
  const chunks{{ self.t(": Buffer[]") }} = [];
  for await (const chunk of process.stdin) chunks.push(chunk);
  return Buffer.concat(chunks);
}
{%- endif %}
{%- if strip_newlines %}

// `-d @file` sends the file without its CR and LF bytes.
function stripNewlines(bytes{{ self.t(": Uint8Array") }}) {
  return bytes.filter((b) => b !== 0x0a && b !== 0x0d);
}
{%- endif %}
{%- if urlencode %}

// curl's --data-urlencode: letters, digits and -._~ stay, a space becomes "+", other bytes %XX.
function urlencode(bytes{{ self.t(": Uint8Array") }}) {
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
function urlencodeQuery(text{{ self.t(": string") }}) {
  return urlencode(new TextEncoder().encode(text)).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase());
}
{%- endif %}
{%- if read_query %}

// A file's contents as curl 7.88 adds them to a URL's query: encoded as --data-urlencode encodes
// ("urlencode"), without CR and LF ("strip", -G -d @file) or as they are ("raw", -G --data-binary
// @file); bytes outside printable ASCII escaped, and every escape's hex digits in lower case (%2f).
async function readQuery(path{{ self.t(": string") }}, how{{ self.t(": string") }}) {
  let bytes{{ self.t(": Uint8Array") }} = await readFile(path);
  if (how === "strip") bytes = bytes.filter((b) => b !== 0x0a && b !== 0x0d);
  const escape = (b{{ self.t(": number") }}) => (b > 0x20 && b < 0x7f ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, "0")}`);
  const text = how === "urlencode" ? urlencode(bytes) : Array.from(bytes, escape).join("");
  return text.replace(/%[0-9A-F]{2}/gi, (e) => e.toLowerCase());
}
{%- endif %}
{%- if multipart %}

// multipart/form-data built by hand, for parts FormData cannot express (their own headers, text with
// line breaks, which FormData turns into CRLF). A part is [its header lines, its data].
const BOUNDARY = `------------------------${crypto.randomUUID().replaceAll("-", "").slice(0, 16)}`;
function multipart(parts{{ self.t(": [string, BlobPart][]") }}) {
  const chunks = parts.flatMap(([head, data]) => [`--${BOUNDARY}\r\n${head}\r\n\r\n`, data, "\r\n"]);
  return new Blob([...chunks, `--${BOUNDARY}--\r\n`]);
}
{%- endif %}
{%- if netrc %}

// curl -n: the Authorization header for the login and password a netrc file gives `host` (else its
// "default" entry), read when the program runs; no file or no entry means no credentials, as in curl.
async function netrcAuth(file{{ self.t(": string") }}, host{{ self.t(": string") }}){{ self.t(": Promise<Record<string, string>>") }} {
  const text = await readFile(file, "utf8").catch(() => "");
  const words = text.replace(/\bmacdef\b[\s\S]*?(\n[ \t]*\n|$)/g, " ").split(/\s+/); // a macro ends at a blank line
  let login{{ self.t(": string | undefined") }}, password{{ self.t(": string | undefined") }}, found = false;
  for (let i = 0; i < words.length; i++) {
    const word = words[i];
    if (word === "machine" || word === "default") {
      if (found) break;
      found = word === "default" || words[++i] === host;
    } else if (word === "login" || word === "password" || word === "account") {
      const value = words[++i];
      if (found && word === "login") login = value;
      if (found && word === "password") password = value;
    }
  }
  if (!found || login === undefined) return {};
  return { Authorization: `Basic ${Buffer.from(`${login}:${password ?? ""}`).toString("base64")}` };
}
{%- endif %}
{%- if cookies %}

// curl's cookie engine (-b FILE, -c FILE), in small: Netscape cookie files hold one cookie per line,
// tab-separated: domain, subdomains too (TRUE/FALSE), path, https only, expiry (Unix time, 0 for a
// session cookie), name, value; "#HttpOnly_" before the domain marks an HttpOnly cookie.
{% if ts -%}
type Cookie = { domain: string; subdomains: boolean; path: string; secure: boolean; expires: number; name: string;
  value: string; httpOnly: boolean };
{% endif -%}
const jar = new Map{{ self.t("<string, Cookie>") }}();
{%- if load_cookies %}

async function loadCookies(file{{ self.t(": string") }}) {
  let text{{ self.t(": string") }};
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

function keep(cookie{{ self.t(": Cookie") }}) {
  const key = `${cookie.domain}\t${cookie.path}\t${cookie.name}`;
  if (cookie.expires !== 0 && cookie.expires * 1000 < Date.now()) jar.delete(key);
  else jar.set(key, cookie);
}

// `headers` (an object) as [name, value] pairs plus the jar's cookies for `url`, merged into the
// command's own Cookie header as curl does: longest path first, then longest domain and name.
function withCookies(url{{ self.t(": string | URL") }}, headers{{ self.t(": Record<string, string> | [string, string][]") }}){{ self.t(": [string, string][]") }} {
  const { hostname, pathname, protocol } = new URL(url);
  const now = Date.now() / 1000;
  const cookies = [...jar.values()].filter((c) =>
    (hostname === c.domain || (c.subdomains && hostname.endsWith(`.${c.domain}`))) &&
    pathname.startsWith(c.path) && (!c.secure || protocol === "https:") && (c.expires === 0 || c.expires > now));
  cookies.sort((a, b) => b.path.length - a.path.length || b.domain.length - a.domain.length || b.name.length - a.name.length);
{%- if axios %}
  if (cookies.length === 0) return headers;
  const line = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const own = Object.keys(headers).find((name) => name.toLowerCase() === "cookie");
  return own ? { ...headers, [own]: `${line}; ${headers[own]}` } : { ...headers, Cookie: line };
{%- else %}
  const pairs = Array.isArray(headers) ? headers : Object.entries(headers);
  if (cookies.length === 0) return pairs;
  const line = cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const i = pairs.findIndex(([name]) => name.toLowerCase() === "cookie");
  if (i < 0) return [...pairs, ["Cookie", line]];
  return pairs.map(([name, value], j) => [name, j === i ? `${line}; ${value}` : value]);
{%- endif %}
}

// Keeps the cookies of a response's Set-Cookie lines as curl does.
function storeCookies(url{{ self.t(": string") }}, setCookies{{ self.t(": string[]") }}) {
  const { hostname, pathname } = new URL(url);
  for (const header of setCookies) {
    const [pair, ...attributes] = header.split(";");
    const eq = pair.indexOf("=");
    if (eq < 0) continue;
    const cookie = {
      domain: hostname, subdomains: false, path: pathname.replace(/\/[^/]*$/, "") || "/", secure: false,
      expires: 0, name: pair.slice(0, eq).trim(), value: pair.slice(eq + 1).trim(), httpOnly: false,
    };
    let maxAge{{ self.t(": number | undefined") }};
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

async function saveCookies(file{{ self.t(": string") }}) {
  const lines = [...jar.values()].map((c) =>
    [`${c.httpOnly ? "#HttpOnly_" : ""}${c.subdomains ? "." : ""}${c.domain}`, c.subdomains ? "TRUE" : "FALSE", c.path,
      c.secure ? "TRUE" : "FALSE", c.expires, c.name, c.value].join("\t"));
  await writeFile(file, `# Netscape HTTP Cookie File\n\n${lines.map((l) => `${l}\n`).join("")}`, "latin1");
}
{%- endif %}
{%- endif %}

{%- if fail %}
// A final status of 400 or more fails the call, as curl reports it (exit status 22 with -f).
const failed = (r{{ self.t(": Retried") }}, exitCode = 1) =>
  Object.assign(new Error(`${r.where} failed after ${r.attempts} attempt(s): ${r.reason}`), { exitCode });
{%- else %}
const failed = (r{{ self.t(": Retried") }}) => new Error(`${r.where} failed after ${r.attempts} attempt(s): ${r.reason}`); // as curl says it
{%- endif %}
{%- if several %}
const fail = (err{{ self.t(": Error & { exitCode?: number }") }}) => {
  console.error(`error: ${err.message}`);
  process.exitCode = {% if fail %}err.exitCode ?? 1{% else %}1{% endif %};
};
main().catch(fail);
{%- else %}
main().catch((err) => { console.error(`error: ${err.message}`); process.exitCode = {% if fail %}err.exitCode ?? 1{% else %}1{% endif %}; });
{%- endif %}
