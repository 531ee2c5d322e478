{%- include "python/proxying.py" %}
{%- if c.on %}


{{ c.constants }}


class Connected({{ c.base }}):
    """Connects where the command says, through requests' and urllib3's public hooks."""
{%- if c.pins %}

    def __init__(self, *args, **kwargs) -> None:
        # Older requests never ask build_connection_pool_key_attributes: no pinning.
        if not hasattr(super(), "build_connection_pool_key_attributes"):
            raise ImportError(
                "--resolve needs requests 2.32 or later: pip install -U requests"
            )
        super().__init__(*args, **kwargs)
{%- endif %}
{%- if c.source || c.haproxy %}

    def init_poolmanager(self, *args, **kwargs) -> None:
{%- if c.source %}
        kwargs["source_address"] = SOURCE_ADDRESS  # urllib3 binds each socket to it
{%- endif %}
        super().init_poolmanager(*args, **kwargs)
{%- if c.haproxy %}
        # --haproxy-protocol: plain-http connections start with a PROXY line.
        pools = self.poolmanager.pool_classes_by_scheme
        self.poolmanager.pool_classes_by_scheme = {**pools, "http": ProxyProtocolPool}
{%- endif %}
{%- endif %}
{%- if c.pins || c.unix %}

    def send(self, request: requests.PreparedRequest, *args, **kwargs):
        # The connection goes elsewhere, so the Host header must name the URL's host.
        if "Host" not in request.headers:
            host = urlsplit(request.url).netloc.rpartition("@")[2]
            request.headers = {"Host": host, **request.headers}
        return super().send(request, *args, **kwargs)
{%- endif %}
{%- if c.pins %}

    def build_connection_pool_key_attributes(self, request, verify, cert=None):
        host_params, pool_kwargs = super().build_connection_pool_key_attributes(
            request, verify, cert
        )
        host, https = host_params["host"], host_params["scheme"] == "https"
        pin = PINS.get(f"{host}:{host_params['port'] or (443 if https else 80)}")
        if pin and https:  # TLS still sends and checks the URL's host name
            pool_kwargs.update(server_hostname=host, assert_hostname=host)
        if pin:
            host_params.update(host=pin[0], port=pin[1])
        return host_params, pool_kwargs
{%- endif %}
{%- if c.unix %}

    def get_connection_with_tls_context(self, request, verify, proxies=None, cert=None):
        return UnixSocketPool("localhost")  # every request over UNIX_SOCKET
{%- endif %}
{%- if c.target %}

    def request_url(self, request: requests.PreparedRequest, proxies) -> str:
        return REQUEST_TARGET
{%- endif %}
{%- if c.unix %}


class UnixSocketConnection(urllib3.connection.HTTPConnection):
    """An HTTP connection over the Unix socket UNIX_SOCKET instead of TCP."""

    def connect(self) -> None:
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.settimeout(self.timeout)
        self.sock.connect(UNIX_SOCKET)


class UnixSocketPool(urllib3.HTTPConnectionPool):
    ConnectionCls = UnixSocketConnection
{%- endif %}
{%- if c.haproxy %}


class ProxyProtocolConnection(urllib3.connection.HTTPConnection):
    """An HTTP connection that starts with a PROXY protocol v1 line naming both ends."""

    def connect(self) -> None:
        super().connect()
        (src, sport, *_), (dst, dport, *_) = self.sock.getsockname(), self.sock.getpeername()
        tcp = "TCP6" if ":" in src else "TCP4"
        self.sock.sendall(f"PROXY {tcp} {src} {dst} {sport} {dport}\r\n".encode())


class ProxyProtocolPool(urllib3.HTTPConnectionPool):
    ConnectionCls = ProxyProtocolConnection
{%- endif %}
{%- endif %}
{%- if let Some(keep) = c.keep_post %}


KEEP_POST = {{ keep }}  # --post301/--post302/--post303: these keep the method and body


class KeepPost({{ c.session_base }}):
    """A Session whose redirects with a status in KEEP_POST keep the method and body,
    as curl's --post301/302/303 do (rebuild_method and rebuild_auth are its hooks)."""

    def rebuild_method(self, prepared_request, response) -> None:
        if response.status_code not in KEEP_POST:
            super().rebuild_method(prepared_request, response)

    def rebuild_auth(self, prepared_request, response) -> None:
        super().rebuild_auth(prepared_request, response)
        if response.status_code in KEEP_POST:  # requests dropped the body: put it back
            sent = response.request
            prepared_request.body = sent.body
            for name in ("Content-Length", "Content-Type", "Transfer-Encoding"):
                if name in sent.headers:
                    prepared_request.headers[name] = sent.headers[name]
{%- endif %}
