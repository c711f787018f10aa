"""Input types of lists: the order a list is sorted in (its conditions are in
``hub.graphql.filters``).

Example::

    @sort_fields("Fields proposals can be sorted by.")
    class ProposalOrderField(SortField):
        TITLE = "title", "By title."

    ProposalOrder = sort_order(ProposalOrderField, "Sort order of a proposal list.")
"""

from __future__ import annotations

import types
from collections.abc import Callable
from enum import StrEnum
from typing import Any, Generic, Self, TypeVar

import strawberry

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


@strawberry.input
class SortOrder(Generic[F]):
    """The sort order of a list, by one of the fields of the enum ``F``; a list's own order
    is made by ``sort_order``."""

    field: F = strawberry.field(description="Field to sort by.")
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Sort direction."
    )

    def ordering(self) -> Ordering:
        return Ordering(str(self.field), self.direction)


# The ``field`` of the orders of lists sorted by a translated title.
BY_TRANSLATED_TITLE = "Field to sort by; TITLE sorts by the title in the tenant's language."


def sort_order(
    fields: type[S], description: str, field: str = "Field to sort by."
) -> type[SortOrder[S]]:
    """The input sorting a list by one of ``fields``, named after them (``ProposalOrder``
    for ``ProposalOrderField``); ``field`` describes its field, e.g. what TITLE sorts by."""
    name = fields.__name__.removesuffix("Field")
    body = {
        "__module__": fields.__module__,
        "__annotations__": {"field": fields},
        "field": strawberry.field(description=field),
    }
    order = types.new_class(name, (SortOrder[Any],), exec_body=lambda ns: ns.update(body))
    return strawberry.input(order, name=name, description=description)
