{%- if exact %}


class TypedTargets({% if uses_tls_adapter %}TLSAdapter{% else %}requests.adapters.HTTPAdapter{% endif %}):
    """Sends each request target as typed in the command, where requests would re-quote
    it and drop an empty "?" (request_url() is HTTPAdapter's hook for subclasses)."""

    def __init__(self{% if uses_tls_adapter %}, **tls{% endif %}) -> None:
        super().__init__({% if uses_tls_adapter %}**tls{% endif %})
        self.typed = {}  # a prepared URL -> the URL as typed (CurlSession fills it)

    def request_url(self, request: requests.PreparedRequest, proxies) -> str:
        target = super().request_url(request, proxies)
        typed = self.typed.get(request.url, "").partition("#")[0]
{%- if keep_targets %}
        TypedConnection.typed = None
{%- endif %}
        if not typed:
            return target
        parts = urlsplit(typed)
        rest = typed[len(parts.scheme) + 3 + len(parts.netloc) :]  # path and query
        rest = rest if rest.startswith("/") else "/" + rest
        if target.startswith("/"):  # to the server
{%- if keep_targets %}
            TypedConnection.typed = rest
{%- endif %}
            return rest
        return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}{rest}"  # to a proxy
{%- if keep_targets %}

    def init_poolmanager(self, *args, **kwargs) -> None:
        super().init_poolmanager(*args, **kwargs)
        pools = {"http": TypedHTTPPool, "https": TypedHTTPSPool}
        self.poolmanager.pool_classes_by_scheme = pools


class TypedConnection:
    """Mixed into urllib3's connections: the next request target goes out as typed,
    where urllib3 would re-encode it ("{" to "%7B", "%2f" to "%2F"); curl does not."""

    typed: ClassVar[str | None] = None  # set by TypedTargets.request_url, used once

    def putrequest(self, method: str, url: str, *args, **kwargs) -> None:
        url, TypedConnection.typed = TypedConnection.typed or url, None
        super().putrequest(method, url, *args, **kwargs)


class TypedHTTPConnection(TypedConnection, urllib3.connection.HTTPConnection):
    """urllib3's HTTP connection, sending request targets as typed."""


class TypedHTTPSConnection(TypedConnection, urllib3.connection.HTTPSConnection):
    """urllib3's HTTPS connection, sending request targets as typed."""


class TypedHTTPPool(urllib3.HTTPConnectionPool):
    ConnectionCls = TypedHTTPConnection


class TypedHTTPSPool(urllib3.HTTPSConnectionPool):
    ConnectionCls = TypedHTTPSConnection
{%- endif %}
{%- endif %}
