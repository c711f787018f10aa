"""The conditions of list filters: what every list offers, and the pieces the lists of each
domain combine.

A condition is None where the filter leaves it out, so that a list's conditions read in
one expression, in the order they are written to SQL.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from tortoise.expressions import Q

from hub.core.among import among
from hub.core.classification import Classification
from hub.core.errors import BadUserInput


@dataclass(frozen=True)
class ListFilter:
    """What the filter of every list offers: words to look for, whether archived rows
    count, one tenant (by slug) to keep to, and whether the rows that reach the request's
    tenant from above and across count (``network``) or only its subtree's."""

    search: str | None = None
    include_archived: bool = False
    tenant_slug: str | None = None
    network: bool = False


def where(lookup: str, value: Any) -> Q:
    """The condition ``Q(<lookup>=value)`` for a lookup named at run time."""
    condition: dict[str, Any] = {lookup: value}
    return Q(**condition)


def any_of(column: str, values: Sequence[object]) -> Q | None:
    """Rows whose ``column`` holds one of ``values``; no condition when none are given."""
    return among(column, [str(value) for value in values]) if values else None


def containing(search: str | None, *columns: str) -> Q | None:
    """Rows one of whose ``columns`` contains ``search`` (any case); no condition for blank
    text."""
    text = (search or "").strip()
    if not text:
        return None
    return functools.reduce(operator.or_, (where(f"{c}__icontains", text) for c in columns))


def within(column: str, start: date | None, end: date | None) -> tuple[Q | None, Q | None]:
    """Rows whose ``column`` falls on or after ``start`` and on or before ``end``."""
    return (
        None if start is None else where(f"{column}__gte", start),
        None if end is None else where(f"{column}__lte", end),
    )


def check_period(start: date | None, end: date | None, start_name: str, end_name: str) -> None:
    """BadUserInput when a filter's period (its fields named as in the API) ends before
    it starts."""
    if start is not None and end is not None and start > end:
        raise BadUserInput(f"`{end_name}` is before `{start_name}`.", field=f"filter.{end_name}")


@dataclass(frozen=True)
class ClassifiedFilter(ListFilter):
    """The filter of a list whose rows are classified: those of any of ``classifications``
    (all rows when none is given), with what every list offers."""

    classifications: Sequence[Classification] = ()

    def classified(self) -> Q | None:
        """The condition on the rows' classification; None when none is given."""
        return any_of("classification", self.classifications)


@dataclass(frozen=True)
class StartingFilter(ListFilter):
    """The filter of a list whose rows start on a day (``starts_on``): those starting from
    ``starts_from`` to ``starts_to``, both days included, with what every list offers."""

    starts_from: date | None = None
    starts_to: date | None = None

    def starting(self) -> tuple[Q | None, Q | None]:
        """The conditions on the rows' first day; BadUserInput when the period the filter
        gives ends before it starts."""
        check_period(self.starts_from, self.starts_to, "startsFrom", "startsTo")
        return within("starts_on", self.starts_from, self.starts_to)
