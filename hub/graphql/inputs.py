"""Input types of lists: the order a list is sorted in and the conditions that narrow it.

Example::

    @strawberry.input(description="Narrows a proposal list; all given conditions apply.")
    class ProposalFilter:
        status: list[ProposalStatus] | None = condition("Any of these statuses.")
        include_archived: bool = switch("Include archived proposals.")
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any, Generic, TypeVar

import strawberry

from hub.core.pagination import OrderDirection, Ordering

F = TypeVar("F", bound=StrEnum)


def condition(description: str) -> Any:
    """A condition of a filter; left out (null), it narrows nothing."""
    return strawberry.field(default=None, description=description)


def switch(description: str) -> Any:
    """A yes-or-no option of a filter, no unless given."""
    return strawberry.field(default=False, description=description)


@strawberry.input
class SortOrder(Generic[F]):
    """The sort order of a list, by one of the fields of the enum ``F``. A list's order is
    its subclass, ``class ProposalOrder(SortOrder[ProposalOrderField])``, decorated with
    ``strawberry.input`` to name and describe it; it may describe ``field`` again."""

    field: F = strawberry.field(description="Field to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Sort direction."
    )

    def ordering(self) -> Ordering:
        return Ordering(str(self.field), self.direction)
