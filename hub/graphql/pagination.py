"""Relay cursor connections over the keyset pages of ``hub.core.pagination``."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, Generic, TypeVar

import strawberry

from hub.core.pagination import Count, M, OrderDirection, Page, known
from hub.graphql.enums import described_enum

N = TypeVar("N")

described_enum(
    OrderDirection,
    "Sort direction.",
    {
        OrderDirection.ASC: "Smallest, earliest or A first.",
        OrderDirection.DESC: "Largest, latest or Z first.",
    },
)


# Encoding a cursor costs more than resolving a small node, and most documents ask for no
# cursor of a nested list: cursors are encoded only when asked for.
Position = Callable[[], str | None]


def _nowhere() -> str | None:
    return None


def _start_cursor(root: PageInfo) -> str | None:
    return root.start()


def _end_cursor(root: PageInfo) -> str | None:
    return root.end()


@strawberry.type(description="Where a page sits in the whole list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page.")
    has_previous_page: bool = strawberry.field(description="Rows come before this page.")
    start_cursor: str | None = strawberry.field(
        resolver=_start_cursor, description="Cursor of the first edge."
    )
    end_cursor: str | None = strawberry.field(
        resolver=_end_cursor,
        description="Cursor of the last edge; pass it as `after` for the next page.",
    )
    start: strawberry.Private[Position] = _nowhere
    end: strawberry.Private[Position] = _nowhere


def _cursor(root: Edge[Any]) -> str:
    return str(root.position())


@strawberry.type(description="A node and its cursor.")
class Edge(Generic[N]):
    cursor: str = strawberry.field(
        resolver=_cursor, description="Opaque position of this node in the list."
    )
    node: N = strawberry.field(description="The item.")
    position: strawberry.Private[Position] = _nowhere


async def _total_count(root: Connection[Any]) -> int:
    return await root.count()


_NONE = known(0)


@strawberry.type(description="A page of a list, with the size of the whole list.")
class Connection(Generic[N]):
    edges: list[Edge[N]] = strawberry.field(description="The page's items.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(
        resolver=_total_count,
        description="How many items the whole list holds for this caller and filter.",
    )
    # Counted only when a document selects totalCount (see hub.core.pagination.Page).
    count: strawberry.Private[Count] = _NONE

    @classmethod
    def from_page(cls, page: Page[M], to_node: Callable[[M], N]) -> Connection[N]:
        edges = [
            Edge(node=to_node(row), position=functools.partial(page.cursor, row))
            for row in page.rows
        ]
        return cls(
            edges=edges,
            page_info=PageInfo(
                has_next_page=page.has_next,
                has_previous_page=page.has_previous,
                start=edges[0].position if edges else _nowhere,
                end=edges[-1].position if edges else _nowhere,
            ),
            count=page.count,
        )

    @classmethod
    def empty(cls) -> Connection[N]:
        return cls(
            edges=[],
            page_info=PageInfo(has_next_page=False, has_previous_page=False),
        )
