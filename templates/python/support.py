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
