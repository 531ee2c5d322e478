# A loopback test proxy and origin for tests/proxy_options.rs (127.0.0.1 only).
# argv: LOG PROXY TLS_PROXY DIGEST_PROXY HTTP_ORIGIN HTTPS_ORIGIN (ports), run in the directory
# holding tls/ (the committed test CA's server certificate).
# - the proxies answer absolute-form requests themselves (as the origin would) and tunnel CONNECT
#   to the loopback origins; the TLS proxy speaks TLS first; the Digest proxy wants Digest
#   credentials u:p (a 407 challenge first);
# - the origins answer every request with "origin ok".
# Each request head seen is one JSON line in LOG: who saw it, the request line, the headers.
import hashlib, json, socket, ssl, sys, threading

LOG, PROXY, TLS_PROXY, DIGEST_PROXY, HTTP, HTTPS = sys.argv[1], *map(int, sys.argv[2:7])
lock = threading.Lock()
NONCE = "c2cnonce"


def record(who, line, headers):
    with lock, open(LOG, "a") as f:
        f.write(json.dumps({"who": who, "line": line, "headers": headers}) + "\n")


def read_head(conn):
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None, None, b""
        data += chunk
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = [l.split(":", 1) for l in lines[1:] if ":" in l]
    return lines[0], [[k, v.strip()] for k, v in headers], rest


def read_body(conn, headers, rest):
    size = next((int(v) for k, v in headers if k.lower() == "content-length"), 0)
    while len(rest) < size:
        chunk = conn.recv(65536)
        if not chunk:
            break
        rest += chunk
    return rest[:size]


def answer(conn, status, body=b"", extra=""):
    conn.sendall(
        f"HTTP/1.1 {status}\r\nContent-Length: {len(body)}\r\n{extra}\r\n".encode() + body
    )


def digest_ok(method, uri, headers):
    value = next((v for k, v in headers if k.lower() == "proxy-authorization"), "")
    if not value.lower().startswith("digest "):
        return False
    p = {}
    for part in value[7:].split(","):
        k, _, v = part.strip().partition("=")
        p[k] = v.strip('"')
    md5 = lambda s: hashlib.md5(s.encode()).hexdigest()
    ha1 = md5(f"u:proxy:p")
    ha2 = md5(f"{method}:{p.get('uri', '')}")
    if p.get("qop"):
        want = md5(f"{ha1}:{NONCE}:{p.get('nc')}:{p.get('cnonce')}:{p['qop']}:{ha2}")
    else:
        want = md5(f"{ha1}:{NONCE}:{ha2}")
    # curl names the path alone for an absolute-form request (the authority for CONNECT).
    uris = (uri, "/" + uri.split("://", 1)[-1].partition("/")[2])
    return p.get("username") == "u" and p.get("uri") in uris and p.get("response") == want


def pipe(a, b):
    try:
        while True:
            chunk = a.recv(65536)
            if not chunk:
                break
            b.sendall(chunk)
    except OSError:
        pass
    finally:
        for s in (a, b):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass


def proxy(conn, who, digest):
    with conn:
        while True:
            line, headers, rest = read_head(conn)
            if line is None:
                return
            record(who, line, headers)
            method, target, _ = line.split(" ", 2)
            read_body(conn, headers, rest)
            if digest and not digest_ok(method, target, headers):
                challenge = f'Proxy-Authenticate: Digest realm="proxy", nonce="{NONCE}", qop="auth", algorithm=MD5\r\n'
                answer(conn, "407 Proxy Authentication Required", b"", challenge)
                continue
            if method == "CONNECT":
                port = int(target.rsplit(":", 1)[1])
                upstream = socket.create_connection(("127.0.0.1", port))
                conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                threading.Thread(target=pipe, args=(upstream, conn), daemon=True).start()
                pipe(conn, upstream)
                return
            answer(conn, "200 OK", b"proxy ok\n", "Connection: close\r\n")
            return


def origin(conn):
    with conn:
        while True:
            line, headers, rest = read_head(conn)
            if line is None:
                return
            record("origin", line, headers)
            read_body(conn, headers, rest)
            answer(conn, "200 OK", b"origin ok\n")


def serve(port, handle, context=None):
    listener = socket.create_server(("127.0.0.1", port))
    while True:
        conn, _ = listener.accept()
        if context is not None:
            try:
                conn = context.wrap_socket(conn, server_side=True)
            except (ssl.SSLError, OSError):
                conn.close()
                continue
        threading.Thread(target=handle, args=(conn,), daemon=True).start()


context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
context.load_cert_chain("tls/server.pem", "tls/server.key")
for port, handle, ctx in [
    (PROXY, lambda c: proxy(c, "proxy", False), None),
    (TLS_PROXY, lambda c: proxy(c, "proxy", False), context),
    (DIGEST_PROXY, lambda c: proxy(c, "proxy", True), None),
    (HTTP, origin, None),
    (HTTPS, origin, context),
]:
    threading.Thread(target=serve, args=(port, handle, ctx), daemon=True).start()
print("ready", flush=True)
threading.Event().wait()
