"""Users and tenants looked up once per process, for as long as nothing has changed them.

Every write to the tables without a tenant (users, tenants) counts in the global revision
(see hub.results.models). A request reads that revision once, in one small statement, and
takes users and tenants from the cache when they were loaded under the same revision;
otherwise it loads them again. A deactivated user or a renamed tenant is therefore seen by
the next request of every process, as without the cache.
"""

from __future__ import annotations

import weakref
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, Generic, TypeVar

from hub.results.revisioned import Revisioned
from hub.results.revisions import revision_for, revision_of_global_tables, revisions_by_slug

K = TypeVar("K")
V = TypeVar("V")


class _Read:
    revision: int | None = None
    # The tenant the request names (header or path), if any, and the revision of what a
    # caller there reads: read with the global revision, in the same statement.
    tenant_slug: str | None = None
    related: int | None = None


# Inside a request, the global revision it has read: read once, used by every lookup.
_request: ContextVar[_Read | None] = ContextVar("hub_global_revision", default=None)
_all_lookups: weakref.WeakSet[Lookups[Any, Any]] = weakref.WeakSet()


async def global_revision() -> int:
    """The revision of the tenant-less tables: once per request inside ``one_request``,
    afresh at every call outside one."""
    read = _request.get()
    if read is not None and read.revision is not None:
        return read.revision
    if read is not None and read.tenant_slug:
        read.revision, read.related = await revisions_by_slug(read.tenant_slug)
        return read.revision
    revision = await revision_of_global_tables()
    if read is not None:
        read.revision = revision
    return revision


async def tenant_revision(tenant_slug: str, tenant_path: str) -> int:
    """``revision_for(tenant_path)``: without a statement of its own when the request named
    this tenant and its global revision has been read.

    The related revision includes the global one, so a tenant moved or renamed between
    that read and the tenant's lookup changes it as well: it is never older than what the
    request serves."""
    read = _request.get()
    if read is not None and read.related is not None and read.tenant_slug == tenant_slug:
        return read.related
    return await revision_for(tenant_path)


def after_write() -> None:
    """The request may have written: the revisions it read before are older than what it
    reads next (a batch's query after its mutation), so the next lookup reads them again."""
    read = _request.get()
    if read is not None:
        read.revision = None
        read.related = None


@contextmanager
def one_request(tenant_slug: str | None = None) -> Iterator[None]:
    """Lookups inside share one read of the global revision; with the slug of the tenant
    the request names, that read brings the tenant's revision as well."""
    read = _Read()
    read.tenant_slug = tenant_slug
    token = _request.set(read)
    try:
        yield
    finally:
        _request.reset(token)


def forget_all() -> None:
    """Drop every cached lookup: revisions count per database, and this one is closing."""
    for lookups in list(_all_lookups):
        lookups.clear()


class Lookups(Generic[K, V]):
    """Values by key, each kept with the global revision it was loaded under."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._entries: Revisioned[K, V] = Revisioned(max_entries)
        _all_lookups.add(self)

    def clear(self) -> None:
        self._entries.clear()

    async def get(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        revision = await global_revision()
        entry = self._entries.current(key, revision)
        if entry is not None:
            return entry.value
        # Loaded after the revision was read: it is at least as new as that revision.
        value = await load()
        self._entries.put(key, revision, value)
        return value
