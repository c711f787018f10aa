"""Input types of lists: the order a list is sorted in and the conditions that narrow it.

Example::

    @sort_fields("Fields proposals can be sorted by.")
    class ProposalOrderField(SortField):
        TITLE = "title", "By title."

    @strawberry.input(description="Sort order of a proposal list.")
    class ProposalOrder(SortOrder[ProposalOrderField]): ...

    @strawberry.input(description="Narrows a proposal list; all given conditions apply.")
    class ProposalFilter(ClassifiedFilter):
        status: list[ProposalStatus] | None = condition("Any of these statuses.")
        include_archived: bool = switch("Include archived proposals.")
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any, Generic, Self, TypeVar

import strawberry

from hub.core.classification import Classification
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.enums import described_enum

F = TypeVar("F", bound=StrEnum)


class SortField(StrEnum):
    """A field a list can be sorted by, as its column and what GraphQL says of it:
    ``TITLE = "title_index", "By title."``."""

    description: str

    def __new__(cls, column: str, description: str) -> Self:
        member = str.__new__(cls, column)
        member._value_ = column
        member.description = description
        return member


S = TypeVar("S", bound=SortField)


def sort_fields(description: str) -> Callable[[type[S]], type[S]]:
    """Register the fields of a list's sort order with GraphQL, each with its description."""

    def register(cls: type[S]) -> type[S]:
        return described_enum(cls, description, {field: field.description for field in cls})

    return register


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


@strawberry.input
class TenantFilter:
    """The condition of every filter of a tenant's records: the rows of one tenant."""

    tenant: str | None = condition("Only rows of this tenant (slug), within what you may see.")


@strawberry.input
class ClassifiedFilter(TenantFilter):
    """The conditions of a filter of records that carry a classification."""

    classification: list[Classification] | None = condition("Any of these classifications.")
