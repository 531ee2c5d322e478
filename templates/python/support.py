{%- if uses_env %}


def env(name: str) -> str:
    """The environment variable `name`; exits with an error when it is not set."""
    if name not in os.environ:
        sys.exit(f"error: environment variable {name} is not set")
    return os.environ[name]
{%- endif %}
{%- if uses_read_file %}


def read_file(path: str | bytes) -> bytes:
    """The contents of a file to send; exits with an error when it cannot be read."""
    try:
        with open(path, "rb") as file:
            return file.read()
    except OSError as error:
        sys.exit(f"error: cannot read {path!r}: {error.strerror}")
{%- endif %}
{%- if uses_netrc %}


def netrc_auth(path: str, host: str) -> tuple[str, str] | None:
    """The login and password a netrc file gives `host` (else its `default` entry), as
    curl -n reads them; None when the file or the entry is missing: no credentials."""
    try:
        entry = netrc.netrc(path).authenticators(host)
    except FileNotFoundError:
        return None
    return (entry[0], entry[2]) if entry else None
{%- endif %}
{%- if uses_load_tls %}


def load_tls(
    cafile=None, capath=None, cert=None, key=None, verify=True
) -> ssl.SSLContext:
    """The command's TLS files in an SSLContext, loaded once up front so that a
    missing or broken one is named (as curl does) in the OSError raised."""
    try:
        context = ssl.create_default_context(cafile=cafile, capath=capath)
    except OSError as error:
        raise OSError(f"cannot use the CA file {cafile or capath}: {error}") from None
    if not verify:  # curl -k
        context.check_hostname, context.verify_mode = False, ssl.CERT_NONE
    if cert:
        try:
            context.load_cert_chain(cert, key)
        except OSError as error:
            names = f"{cert} (key {key})" if key else cert
            raise OSError(f"cannot use the certificate {names}: {error}") from None
    return context
{%- endif %}
{%- if uses_tls_adapter %}


class TLSAdapter(requests.adapters.HTTPAdapter):
    """Makes https connections with curl's TLS settings (--tlsv1.x, --tls-max,
    --ciphers), given as create_urllib3_context() arguments."""

    def __init__(self, **tls) -> None:
        self.tls = tls  # read by init_poolmanager(), which __init__() calls
        super().__init__()

    def init_poolmanager(self, *args, **kwargs) -> None:
        context = create_urllib3_context(**self.tls)
        super().init_poolmanager(*args, **kwargs, ssl_context=context)
{%- endif %}
{%- if uses_chunked %}


class Chunked:
    """Bytes requests sends in chunks, as curl sends standard input; unlike an
    iterator, it can be sent again by each attempt."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def __iter__(self):
        yield self.data
{%- endif %}
{%- if uses_strip_newlines %}


def strip_newlines(data: bytes) -> bytes:
    """`data` without carriage returns and newlines, as curl's -d @file sends a file."""
    return data.replace(b"\r", b"").replace(b"\n", b"")
{%- endif %}
{%- if uses_urlencode %}


def urlencode(data: bytes) -> bytes:
    """`data` encoded as curl's --data-urlencode does: spaces become "+", and every
    byte but A-Z a-z 0-9 - . _ ~ becomes %XX."""
    return quote_plus(data, safe="").encode()
{%- endif %}
{%- if uses_urlencode_query %}


def urlencode_query(text: str) -> str:
    """`text` encoded as curl 7.88 adds --url-query and -G --data-urlencode data to a
    URL: urlencode(), then the escapes' hex digits in lower case (%2f)."""
    encoded = urlencode(text.encode()).decode()
    return re.sub("%[0-9A-F]{2}", lambda escape: escape[0].lower(), encoded)
{%- endif %}
{%- if uses_read_query %}


def read_query(path: str, how: str) -> str:
    """A file's contents as curl 7.88 adds them to a URL's query: encoded as
    --data-urlencode encodes ("urlencode"), without CR and LF ("strip", -G -d @file)
    or as they are ("raw", -G --data-binary @file); escapes in lower case (%2f)."""
    data = read_file(path)
    if how == "strip":
        data = data.replace(b"\r", b"").replace(b"\n", b"")
    if how == "urlencode":
        text = quote_plus(data, safe="")
    else:  # only bytes outside printable ASCII escaped
        text = quote(data, safe="".join(map(chr, range(33, 127))))
    return re.sub("%[0-9A-Fa-f]{2}", lambda escape: escape[0].lower(), text)
{%- endif %}
{%- if uses_encode_parts %}


BOUNDARY = uuid.uuid4().hex  # separates the parts below


def encode_parts(files: list) -> bytes:
    """A files= list as curl sends -F parts under a multipart type other than
    form-data (e.g. multipart/related): "attachment" parts between BOUNDARY lines,
    with '"', CR and LF in names escaped as curl does."""

    def param(key: str, value: str | bytes) -> str:
        text = value.decode() if isinstance(value, bytes) else value
        return f'; {key}="{text.translate({10: "%0A", 13: "%0D", 34: "%22"})}"'

    body = b""
    for name, (filename, data, *rest) in files:
        head = "Content-Disposition: attachment" + param("name", name)
        if filename is not None:
            head += param("filename", filename)
        if rest and rest[0]:
            head += f"\r\nContent-Type: {rest[0]}"
        for key, value in (rest[1] if len(rest) > 1 else {}).items():
            head += f"\r\n{key}: {value}"
        data = data.encode() if isinstance(data, str) else data
        body += f"--{BOUNDARY}\r\n{head}\r\n\r\n".encode() + data + b"\r\n"
    return body + f"--{BOUNDARY}--\r\n".encode()
{%- endif %}
{%- if uses_load_cookies %}


def load_cookies(jar: CookieJar, path: str | bytes) -> None:
    """Adds the cookies of a Netscape cookie file (curl's -b FILE) to `jar`, to be sent
    where curl sends them. Like curl, reads files without the "# Netscape HTTP Cookie
    File" line and ignores a file it cannot open."""
    try:
        with open(path, encoding="utf-8", errors="replace") as file:
            lines = file.read().splitlines()
    except OSError:
        return
    cookies = []
    for line in lines:
        fields = line.split("\t")
        # A "#HttpOnly_" line is an HttpOnly cookie; other "#" lines are comments.
        comment = line.startswith("#") and not line.startswith("#HttpOnly_")
        if comment or len(fields) != 7:
            continue
        domain, subdomains, cookie_path, secure, expires, name, value = fields
        domain = domain.split("#HttpOnly_")[-1]
        host = domain.lstrip(".")
        # curl sends secure cookies to the local host over http too.
        secure = secure == "TRUE" and host not in ("localhost", "127.0.0.1", "[::1]")
        if "." not in host:  # http.cookiejar knows a dotless host as "host.local"
            domain += ".local"
        if subdomains == "TRUE" and not domain.startswith("."):
            domain = "." + domain
        expiry = int(expires) if expires.isdigit() and int(expires) > 0 else None
        cookie = create_cookie(
            name,
            value,
            domain=domain,
            path=cookie_path,
            secure=secure,
            expires=expiry,
        )
        cookies.insert(0, cookie)  # newest first
    # curl sends cookies with longer paths, domains and names first, then the newest
    # first; the jar keeps insertion order, so insert them in curl's order.
    cookies.sort(key=lambda c: (-len(c.path), -len(c.domain), -len(c.name)))
    for cookie in cookies:
        jar.set_cookie(cookie)
{%- endif %}
{%- if !response_helpers.is_empty() %}


{{ response_helpers }}
{%- endif %}
