"""Users and tenants looked up once per process, for as long as nothing has changed them.

Every write to the tables without a tenant (users, tenants) counts in the global revision
(see hub.results.models). A request reads that revision once, in one small statement, and
takes users and tenants from the cache when they were loaded under the same revision;
otherwise it loads them again. Each operation of a batch reads the revision again, since
one before it may have written. A deactivated user or a renamed tenant is therefore seen by
the next request of every process, as without the cache.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

from hub.core.db import databases_opened
from hub.core.request_state import RequestState, RevisionsRead
from hub.core.tenant_naming import is_slug, tenant_in_header, tenant_in_path
from hub.results.revisioned import Revisioned
from hub.results.revisions import revision_of_global_tables, revisions_by_slug, revisions_for

K = TypeVar("K")
V = TypeVar("V")


def _revisions_read() -> RevisionsRead | None:
    """Those of the operation being answered, if any."""
    state = RequestState.current()
    return state.operation.revisions if state is not None else None


def _named_tenant(read: RevisionsRead | None) -> str | None:
    """The tenant as the request names it (the tenant middleware checks it)."""
    if read is None or read.naming is None:
        return None
    named = tenant_in_path(read.naming) or tenant_in_header(read.naming)
    return named if named and is_slug(named) else None


async def global_revision() -> int:
    """The revision of the tenant-less tables: once per operation of an HTTP request,
    afresh at every call outside one."""
    read = _revisions_read()
    if read is not None and read.global_revision is not None:
        return read.global_revision
    slug = _named_tenant(read)
    if read is not None and slug:
        read.global_revision, read.related, read.network = await revisions_by_slug(slug)
        return read.global_revision
    revision = await revision_of_global_tables()
    if read is not None:
        read.global_revision = revision
    return revision


async def tenant_revisions(tenant_slug: str, tenant_path: str) -> tuple[int, int]:
    """``revisions_for(tenant_path)``: the revision of what a caller in the tenant reads of
    its branch, and that of the whole network; without a statement of their own when the
    request named this tenant and its global revision has been read.

    The related revision includes the global one, so a tenant moved or renamed between
    that read and the tenant's lookup changes it as well: it is never older than what the
    request serves."""
    read = _revisions_read()
    if (
        read is not None
        and read.related is not None
        and read.network is not None
        and _named_tenant(read) == tenant_slug
    ):
        return read.related, read.network
    return await revisions_for(tenant_path)


class Lookups(Generic[K, V]):
    """Values by key, each kept with the global revision it was loaded under."""

    def __init__(self, max_entries: int = 10_000) -> None:
        self._entries: Revisioned[K, V] = Revisioned(max_entries)
        self._database = databases_opened()

    def clear(self) -> None:
        self._entries.clear()

    async def get(self, key: K, load: Callable[[], Awaitable[V]]) -> V:
        if self._database != databases_opened():
            self.clear()
            self._database = databases_opened()
        revision = await global_revision()
        entry = self._entries.current(key, revision)
        if entry is not None:
            return entry.value
        # Loaded after the revision was read: it is at least as new as that revision.
        value = await load()
        self._entries.put(key, revision, value)
        return value
