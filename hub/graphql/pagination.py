"""Relay cursor connections over keyset pagination.

A cursor holds the sort value and the id of the last row seen, so the next page starts with
one indexed comparison however deep the caller has paged, and rows inserted meanwhile do not
shift the pages.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar

import strawberry
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from hub.errors import BadUserInput

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

M = TypeVar("M", bound=Model)
N = TypeVar("N")


@strawberry.enum(description="Sort direction.")
class OrderDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


@strawberry.type(description="Where a page sits in the whole list (Relay).")
class PageInfo:
    has_next_page: bool = strawberry.field(description="More rows follow this page.")
    has_previous_page: bool = strawberry.field(description="Rows come before this page.")
    start_cursor: str | None = strawberry.field(description="Cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="Cursor of the last edge; pass it as `after` for the next page."
    )


@strawberry.type(description="A node and its cursor.")
class Edge(Generic[N]):
    cursor: str = strawberry.field(description="Opaque position of this node in the list.")
    node: N = strawberry.field(description="The item.")


@strawberry.type(description="A page of a list, with the size of the whole list.")
class Connection(Generic[N]):
    edges: list[Edge[N]] = strawberry.field(description="The page's items.")
    page_info: PageInfo = strawberry.field(description="Paging information.")
    total_count: int = strawberry.field(
        description="How many items the whole list holds for this caller and filter."
    )

    @classmethod
    def empty(cls) -> Connection[N]:
        return cls(
            edges=[],
            page_info=PageInfo(
                has_next_page=False, has_previous_page=False, start_cursor=None, end_cursor=None
            ),
            total_count=0,
        )


@dataclass(frozen=True)
class Ordering:
    field: str
    direction: OrderDirection = OrderDirection.ASC

    @property
    def descending(self) -> bool:
        return self.direction is OrderDirection.DESC

    def order_by(self) -> tuple[str, str]:
        sign = "-" if self.descending else ""
        return f"{sign}{self.field}", f"{sign}id"


def _encode_value(value: Any) -> Any:
    return {"dt": value.isoformat()} if isinstance(value, datetime) else value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and isinstance(value.get("dt"), str):
        return datetime.fromisoformat(value["dt"])
    return value


def encode_cursor(ordering: Ordering, row: Model) -> str:
    payload = [ordering.field, _encode_value(getattr(row, ordering.field)), str(row.pk)]
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()


def decode_cursor(ordering: Ordering, cursor: str) -> tuple[Any, str]:
    try:
        field, value, pk = json.loads(base64.urlsafe_b64decode(cursor.encode()))
    except (ValueError, TypeError) as exc:
        raise BadUserInput("`after` is not a cursor of this list.", field="after") from exc
    if field != ordering.field or not isinstance(pk, str):
        raise BadUserInput(
            "`after` is a cursor of another ordering; start again without it.", field="after"
        )
    return _decode_value(value), pk


def check_page_size(first: int | None) -> int:
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > MAX_PAGE_SIZE:
        raise BadUserInput(
            f"`first` must be between 0 and {MAX_PAGE_SIZE}.",
            field="first",
            limit="first",
            value=MAX_PAGE_SIZE,
        )
    return first


def _after(ordering: Ordering, value: Any, pk: str) -> Q:
    op = "lt" if ordering.descending else "gt"
    return Q(**{f"{ordering.field}__{op}": value}) | Q(**{ordering.field: value, f"id__{op}": pk})


async def paginate(
    queryset: QuerySet[M],
    ordering: Ordering,
    first: int | None,
    after: str | None,
    to_node: Callable[[M], N],
) -> Connection[N]:
    """One page of ``queryset`` and its total: two SQL statements whatever the page size."""
    size = check_page_size(first)
    total = await queryset.count()
    page_query = queryset
    if after:
        value, pk = decode_cursor(ordering, after)
        page_query = page_query.filter(_after(ordering, value, pk))
    rows: Sequence[M] = (
        await page_query.order_by(*ordering.order_by()).limit(size + 1) if size else []
    )
    has_next = len(rows) > size if size else total > 0
    rows = rows[:size]
    edges = [Edge(cursor=encode_cursor(ordering, row), node=to_node(row)) for row in rows]
    return Connection(
        edges=edges,
        page_info=PageInfo(
            has_next_page=has_next,
            has_previous_page=after is not None,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        total_count=total,
    )
