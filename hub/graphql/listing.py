"""What the list fields of the root queries share: the filter input's common conditions,
the ordering asked for or the list's own, and the page as a connection."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypedDict, TypeVar

from hub.core.pagination import M, Ordering, Page
from hub.graphql.pagination import Connection

N = TypeVar("N")


class ListFilterInput(Protocol):
    """The condition the filter input of every list offers; most offer ``search`` and
    ``include_archived`` too (a list of records that are not archived, or whose words are
    not searchable, leaves them out)."""

    tenant: str | None


class ListOptions(TypedDict):
    """``ListFilterInput`` as the services' filters (``hub.access.listing.ListFilter``) name it."""

    search: str | None
    include_archived: bool
    tenant_slug: str | None


def list_options(flt: ListFilterInput) -> ListOptions:
    return ListOptions(
        search=getattr(flt, "search", None),
        include_archived=getattr(flt, "include_archived", False),
        tenant_slug=flt.tenant,
    )


class OrderInput(Protocol):
    def ordering(self) -> Ordering: ...


def ordering(order_by: OrderInput | None, default: Ordering) -> Ordering:
    """The order a caller asked for, or the list's own."""
    return order_by.ordering() if order_by else default


def connection(page: Page[M] | None, to_node: Callable[[M], N]) -> Connection[N]:
    """A service's page as a connection of nodes; an empty one when the service answers
    None (the caller may see nothing of the kind)."""
    if page is None:
        return Connection[N].empty()
    return Connection[N].from_page(page, to_node)
