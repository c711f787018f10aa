"""Origins as browsers send them in the ``Origin`` header."""

from __future__ import annotations

from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}


def normalise_origin(value: str) -> str:
    """``scheme://host[:port]``, lower case and without a default port, or ``ValueError``.

    >>> normalise_origin("https://App.Example.org:443/")
    'https://app.example.org'
    """
    text = value.strip()
    refusal = ValueError(f"{text!r} is not an origin such as https://app.example.org")
    parts = urlsplit(text)
    try:
        port = parts.port
    except ValueError:  # not a number, or out of range
        raise refusal from None
    if (
        parts.scheme not in DEFAULT_PORTS
        or not parts.hostname
        or parts.path not in ("", "/")
        or parts.query
        or parts.fragment
        or parts.username is not None
    ):
        raise refusal
    host = f"[{parts.hostname}]" if ":" in parts.hostname else parts.hostname
    suffix = f":{port}" if port not in (None, DEFAULT_PORTS[parts.scheme]) else ""
    return f"{parts.scheme}://{host}{suffix}"


def parse_origins(value: str) -> frozenset[str]:
    """A comma-separated list of origins; ``*`` is refused, origins are listed one by one."""
    return frozenset(normalise_origin(part) for part in value.split(",") if part.strip())
