{%- if c.px.on %}


class Proxied({{ c.px.base }}):
    """Talks to the proxy as curl's proxy options say, through HTTPAdapter's hooks for
    subclasses."""

    def __init__(self, *args, {% if c.px.headers %}headers, {% endif %}{% if c.px.verify %}verify, {% endif %}{% if c.px.context %}context, {% endif %}{% if c.px.digest %}digest, {% endif %}**kwargs) -> None:
        super().__init__(*args, **kwargs)
{%- if c.px.headers %}
        self.headers = headers  # --proxy-header: for the proxy alone
{%- endif %}
{%- if c.px.verify %}
        self.verify = verify  # how the https proxy is checked: (cert_reqs, CA bundle)
{%- endif %}
{%- if c.px.context %}
        self.context = context  # --proxy-cacert: the https proxy's CAs
{%- endif %}
{%- if c.px.digest %}
        self.digest = digest  # --proxy-digest: (user, password)
        self.connect_auth = {}  # the Digest answer for the next CONNECT
{%- endif %}
{%- if c.px.headers || c.px.digest %}

    def proxy_headers(self, proxy: str) -> dict:
        headers = super().proxy_headers(proxy)
{%- if c.px.headers %}
        headers.update(self.headers)
{%- endif %}
{%- if c.px.digest %}
        headers.update(self.connect_auth)
{%- endif %}
        return headers
{%- endif %}
{%- if c.px.context %}

    def proxy_manager_for(self, proxy: str, **kwargs):
        kwargs["proxy_ssl_context"] = self.context  # TLS to the proxy, for tunnels
        return super().proxy_manager_for(proxy, **kwargs)
{%- endif %}
{%- if c.px.verify %}

    def cert_verify(self, conn, url: str, verify, cert) -> None:
        super().cert_verify(conn, url, verify, cert)
        if url.lower().startswith("http:") and conn.scheme == "https":  # the proxy's pool
            conn.cert_reqs, conn.ca_certs = self.verify
{%- endif %}
{%- if c.px.tunnel || c.px.probe %}

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        proxy = requests.utils.select_proxy(request.url, proxies)
        to = urllib3.util.parse_url(request.url)
        plain = to.scheme == "http"
{%- if c.px.probe %}
        if proxy{% if !c.px.tunnel %} and not plain{% endif %}:
            # --proxy-digest: urllib3 gives up on a CONNECT answered 407, so the challenge is
            # fetched first, with a CONNECT of our own, and answered on the real one.
            authority = f"{to.host}:{to.port or (80 if plain else 443)}"
            challenge = connect_challenge(proxy, authority)
            answer = challenge and proxy_digest(
                challenge, "CONNECT", authority, self.digest
            )
            self.connect_auth = {"Proxy-Authorization": answer} if answer else {}
            self.proxy_manager.pop(proxy, None)  # made again with the answer
{%- endif %}
{%- if c.px.tunnel %}
        if proxy and plain:
            # -p: a plain-http URL goes through a CONNECT tunnel too, as https ones do.
            via = urllib3.util.parse_url(proxy)
            tunnel = (to.host, to.port or 80, self.proxy_headers(proxy))
            return TunnelPool(via.host, via.port or 1080, tunnel=tunnel)
{%- endif %}
        return super().get_connection_with_tls_context(request, verify, proxies, cert)
{%- endif %}
{%- if c.px.tunnel %}

    def request_url(self, request: requests.PreparedRequest, proxies) -> str:
        target = super().request_url(request, proxies)
        if target.lower().startswith("http:"):  # -p: origin-form inside the tunnel
            return "/" + target.split("://", 1)[1].partition("/")[2]
        return target
{%- endif %}
{%- if c.px.digest %}

    def send(self, request: requests.PreparedRequest, *args, **kwargs):
        response = super().send(request, *args, **kwargs)
        challenge = response.headers.get("Proxy-Authenticate", "")
        if response.status_code == 407 and {% if c.px.any %}answerable(challenge){% else %}challenge[:7].lower() == "digest "{% endif %}:
            # --proxy-digest: the challenge answered once; curl signs the path, not the URL.
            uri = request.path_url
            answer = proxy_digest(challenge, request.method, uri, self.digest)
            request.headers["Proxy-Authorization"] = answer
            response = super().send(request, *args, **kwargs)
        return response


{%- if c.px.any %}


def answerable(challenge: str) -> bool:
    """--proxy-anyauth: a Digest or a Basic challenge is answered."""
    return challenge.partition(" ")[0].lower() in ("digest", "basic")
{%- endif %}


def proxy_digest(challenge: str, method: str, uri: str, credentials) -> str:
    """The Proxy-Authorization answering a Digest challenge (RFC 7616, MD5)."""
    p = requests.utils.parse_dict_header(challenge[7:])
    (user, password), cnonce, nc = credentials, os.urandom(16).hex(), "00000001"
{%- if c.px.any %}
    if challenge[:6].lower() == "basic ":  # --proxy-anyauth: Basic when the proxy asks for it
        token = base64.b64encode(f"{user}:{password}".encode("latin-1")).decode()
        return f"Basic {token}"
{%- endif %}

    def md5(text: str) -> str:
        return hashlib.md5(text.encode("latin-1")).hexdigest()

    realm, nonce = p.get("realm"), p.get("nonce")
    ha1, ha2 = md5(f"{user}:{realm}:{password}"), md5(f"{method}:{uri}")
    qop = "auth" if "auth" in (p.get("qop") or "").replace(" ", "").split(",") else ""
    signed = f"{nonce}:{nc}:{cnonce}:{qop}" if qop else nonce
    fields = [f'username="{user}"', f'realm="{realm}"', f'nonce="{nonce}"']
    fields.append(f'uri="{uri}"')
    if qop:
        fields += [f'cnonce="{cnonce}"', f"nc={nc}", f"qop={qop}"]
    fields.append(f'response="{md5(f"{ha1}:{signed}:{ha2}")}"')
    if p.get("opaque"):
        fields.append(f'opaque="{p["opaque"]}"')
    return "Digest " + ", ".join([*fields, "algorithm=MD5"])
{%- if c.px.probe %}


def connect_challenge(proxy: str, authority: str) -> str:
    """A CONNECT without credentials: the proxy's Digest challenge, or "" without one."""
    via = urllib3.util.parse_url(proxy)
    conn = http.client.HTTPConnection(via.host, via.port or 1080, timeout=30)
    try:
        conn.request("CONNECT", authority, headers={"Host": authority})
        response = conn.getresponse()
        challenge = response.getheader("Proxy-Authenticate") or ""
        digest = {% if c.px.any %}answerable(challenge){% else %}challenge[:7].lower() == "digest "{% endif %}
        return challenge if response.status == 407 and digest else ""
    finally:
        conn.close()
{%- endif %}
{%- endif %}
{%- if c.px.tunnel %}


class TunnelConnection(urllib3.connection.HTTPConnection):
    """-p: a connection to the proxy that CONNECTs to the server, then speaks plain HTTP."""

    def __init__(self, *args, tunnel, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        host, port, headers = tunnel
        self.set_tunnel(host, port, headers=headers)


class TunnelPool(urllib3.HTTPConnectionPool):
    ConnectionCls = TunnelConnection
{%- endif %}
{%- endif %}
