"""Keyset pagination.

A cursor holds the sort value and the id of the last row seen, so the next page starts with
one indexed comparison however deep the caller has paged, and rows inserted meanwhile do not
shift the pages.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Generic, TypeVar
from uuid import UUID

import orjson
from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet

from hub.core.errors import BadUserInput

DEFAULT_PAGE_SIZE = 20
MAX_PAGE_SIZE = 100

M = TypeVar("M", bound=Model)


class OrderDirection(StrEnum):
    ASC = "asc"
    DESC = "desc"


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

    def reversed(self) -> Ordering:
        """The same order, the other way: a page before a cursor is read in it."""
        flipped = OrderDirection.ASC if self.descending else OrderDirection.DESC
        return Ordering(self.field, flipped)


def _encode_value(value: Any) -> Any:
    if isinstance(value, datetime):
        return {"dt": value.isoformat()}
    if isinstance(value, date):
        return {"d": value.isoformat()}
    return value


def _decode_value(value: Any) -> Any:
    if isinstance(value, dict) and isinstance(value.get("dt"), str):
        return datetime.fromisoformat(value["dt"])
    if isinstance(value, dict) and isinstance(value.get("d"), str):
        return date.fromisoformat(value["d"])
    return value


def encode_cursor(ordering: Ordering, row: Model) -> str:
    payload = [ordering.field, _encode_value(getattr(row, ordering.field)), str(row.pk)]
    # Text as it is rather than \u-escaped: PostgreSQL's JSON writes it so, and a cursor
    # built there (hub.compiled) must be byte for byte this one. Both forms decode alike.
    return base64.urlsafe_b64encode(json.dumps(payload, ensure_ascii=False).encode()).decode()


def _fits(value: Any, kind: type) -> bool:
    """A cursor's value can be compared with its column: a client may send any cursor, and
    PostgreSQL refuses a value of another type, or text holding a NUL byte."""
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if isinstance(value, str) and "\x00" in value:
        return False
    return isinstance(value, kind)


def decode_cursor(
    ordering: Ordering, cursor: str, model: type[Model], name: str = "after"
) -> tuple[Any, str]:
    """The sort value and id a cursor given as ``name`` holds; BadUserInput naming it when
    it is not one of this list's."""
    try:
        # orjson: nesting too deep for the standard library's decoder is a ValueError here.
        field, value, pk = orjson.loads(base64.urlsafe_b64decode(cursor.encode()))
        decoded, pk = _decode_value(value), str(UUID(pk))
    except (ValueError, TypeError, AttributeError) as exc:
        raise BadUserInput(f"`{name}` is not a cursor of this list.", field=name) from exc
    if field != ordering.field:
        raise BadUserInput(
            f"`{name}` is a cursor of another ordering; start again without it.", field=name
        )
    if not _fits(decoded, model._meta.fields_map[ordering.field].field_type):
        raise BadUserInput(f"`{name}` is not a cursor of this list.", field=name)
    return decoded, pk


def check_page_size(first: int | None, name: str = "first") -> int:
    """The page size asked for as ``name`` (``first``, or ``last`` for a page backwards)."""
    if first is None:
        return DEFAULT_PAGE_SIZE
    if first < 0 or first > MAX_PAGE_SIZE:
        raise BadUserInput(
            f"`{name}` must be between 0 and {MAX_PAGE_SIZE}.",
            field=name,
            limit=name,
            value=MAX_PAGE_SIZE,
        )
    return first


def _after(ordering: Ordering, value: Any, pk: str) -> Q:
    op = "lt" if ordering.descending else "gt"
    later = Q(**{f"{ordering.field}__{op}": value}) | Q(**{ordering.field: value, f"id__{op}": pk})
    # Redundant beside the OR, but a plain range on the sort key is what lets the index on
    # (tenant_id, sort key) start at the cursor instead of scanning from the first row.
    return Q(**{f"{ordering.field}__{op}e": value}) & later


Count = Callable[[], Awaitable[int]]


def known(total: int) -> Count:
    async def count() -> int:
        return total

    return count


def counted_once(queryset: QuerySet[M]) -> Count:
    """Counts ``queryset`` when first awaited and remembers the answer."""
    memo: list[int] = []

    async def count() -> int:
        if not memo:
            memo.append(await queryset.count())
        return memo[0]

    return count


# Counters' SQL, embedded: the sum of their column ``rows`` (0 where none is selected).
_SUMMED = 'SELECT coalesce(sum(c."rows"), 0)::bigint FROM ({}) AS c'


@dataclass(frozen=True)
class Listing(Generic[M]):
    """The rows a list pages, and where their number is read: ``count()`` of the rows, or
    the sum of ``counters`` (rows with a column ``rows``) that hold the same number with
    fewer rows to read, where the list's service knows them to be exact.

    Every read of a list's total, the resolvers' (``count``) and one built into a larger
    statement (``total``), is decided here.
    """

    rows: QuerySet[M]
    counters: QuerySet[Any] | None = None

    def total(
        self, embed: Callable[[QuerySet[Any]], str], embed_count: Callable[[QuerySet[Any]], str]
    ) -> str:
        """The total as a scalar subquery, its queries written by ``embed`` and (the count
        of a queryset's rows) ``embed_count``."""
        if self.counters is None:
            return f"({embed_count(self.rows)})"
        return f"({_SUMMED.format(embed(self.counters))})"

    def count(self) -> Count:
        """The total for the resolvers, read when first awaited."""
        if self.counters is None:
            return counted_once(self.rows)
        return summed_once(self.counters)


def summed_once(counters: QuerySet[Any]) -> Count:
    """Sums the column ``rows`` of ``counters`` when first awaited and remembers it."""
    memo: list[int] = []

    async def count() -> int:
        if not memo:
            counters._choose_db_if_not_chosen()
            counters._make_query()
            sql, parameters = counters.query.get_parameterized_sql()
            _, rows = await counters._db.execute_query(_SUMMED.format(sql), parameters)
            memo.append(int(rows[0][0]))
        return memo[0]

    return count


@dataclass(frozen=True)
class Window:
    """Which page of a list: the ``first`` rows ``after`` a cursor, or the ``last`` rows
    ``before`` one."""

    first: int | None = None
    after: str | None = None
    last: int | None = None
    before: str | None = None


@dataclass(frozen=True)
class Page(Generic[M]):
    """One page of rows, before it becomes a GraphQL connection.

    Counting the whole list costs as much as reading every row of it (184 ms at a million
    rows where the page takes under one), so ``count`` runs only if a document asks for the
    total.
    """

    rows: list[M]
    count: Count
    has_next: bool
    has_previous: bool
    ordering: Ordering

    def cursor(self, row: M) -> str:
        return encode_cursor(self.ordering, row)


def page_query(
    queryset: QuerySet[M],
    ordering: Ordering,
    size: int,
    after: str | None,
    name: str = "after",
) -> QuerySet[M]:
    """The rows of the page of ``size`` after the cursor ``after``, and one more: that one
    tells whether another page follows, and for an empty page it is all that is read.
    BadUserInput when ``after`` (given as ``name``) is not a cursor of this list."""
    if after:
        value, pk = decode_cursor(ordering, after, queryset.model, name)
        queryset = queryset.filter(_after(ordering, value, pk))
    return queryset.order_by(*ordering.order_by()).limit(size + 1)


async def fetch_page(
    queryset: QuerySet[M] | Listing[M],
    ordering: Ordering,
    first: int | None,
    after: str | None,
    *,
    last: int | None = None,
    before: str | None = None,
) -> Page[M]:
    """One page of ``queryset`` (or of a listing's rows): one SQL statement whatever the
    page size, and one more for the total if it is asked for. Forwards (``first`` rows
    ``after`` a cursor) or backwards (the ``last`` rows ``before`` one), not both."""
    listing = queryset if isinstance(queryset, Listing) else Listing(queryset)
    if last is None and before is None:
        size = check_page_size(first)
        rows: list[M] = list(await page_query(listing.rows, ordering, size, after))
        return Page(
            rows=rows[:size],
            count=listing.count(),
            has_next=len(rows) > size,
            has_previous=after is not None,
            ordering=ordering,
        )
    if first is not None or after is not None:
        raise BadUserInput(
            "Page forwards (`first`, `after`) or backwards (`last`, `before`), not both.",
            field="last",
        )
    size = check_page_size(last, "last")
    # The rows before the cursor, nearest first, and one more; then back in the list's order.
    nearest = list(await page_query(listing.rows, ordering.reversed(), size, before, name="before"))
    return Page(
        rows=list(reversed(nearest[:size])),
        count=listing.count(),
        has_next=before is not None,
        has_previous=len(nearest) > size,
        ordering=ordering,
    )


def leading_page(
    rows: list[M], first: int | None, ordering: Ordering, total: int | None = None
) -> Page[M]:
    """The first ``first`` of rows already loaded and ordered, e.g. by a loader that fetched
    a nested list for many parents at once; ``total`` when it loaded only the first few."""
    size = check_page_size(first)
    count = len(rows) if total is None else total
    return Page(
        rows=rows[:size],
        count=known(count),
        has_next=count > size,
        has_previous=False,
        ordering=ordering,
    )
