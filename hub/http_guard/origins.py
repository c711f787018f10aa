"""Origins compared with the request's own host."""

from __future__ import annotations


def origin_host(origin: str) -> str:
    """``host[:port]`` of a normalised origin, to compare with a ``Host`` header."""
    return origin.split("://", 1)[1]
