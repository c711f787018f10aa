"""Tenant paths as Casbin domains: a grant on a tenant reaches its whole subtree."""

from __future__ import annotations

ANY_DOMAIN = "*"


def within(path: str, ancestor: str) -> bool:
    """True when ``path`` is ``ancestor`` or lies below it.

    The comparison respects the separator, so ``/global/asia`` does not contain
    ``/global/asia-pacific``. ``*`` contains every path.
    """
    if ancestor == ANY_DOMAIN or path == ancestor:
        return True
    return path.startswith(ancestor.rstrip("/") + "/")


def object_matches(requested: str, granted: str) -> bool:
    """True when a grant on ``granted`` covers a request for ``requested``.

    ``work_stream`` covers ``work_stream:restricted``; ``work_stream:network`` covers only
    itself; ``*`` covers everything.
    """
    if granted in ("*", requested):
        return True
    return requested.startswith(granted + ":")
