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


# How far a reach rule (p2) lets a record travel beyond the subtree it lives in.
UP = "up"
NETWORK = "network"
# Between hubs only: a record of a tenant below ``at`` travels to the hub that owns ``at``
# as a read-only copy (docs/federation.md). Within one hub the tenants below are the
# caller's own subtree, which grants decide, so such a rule lets nothing more be read.
HUBS = "hubs"
REACHES = (UP, NETWORK, HUBS)


def reaches(record_domain: str, at: str, how: str) -> bool:
    """True when a record of ``record_domain`` travels to a request in ``at``: ``up``, from
    a tenant above ``at``; ``network``, from any tenant (``*`` asks about every tenant);
    ``hubs``, from a tenant below ``at``, to the hub that owns ``at``."""
    if how == NETWORK:
        return True
    if record_domain in (at, ANY_DOMAIN):
        return False
    if how == HUBS:
        return within(record_domain, at)
    return how == UP and within(at, record_domain)
