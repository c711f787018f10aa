"""The conditions that the filters of many lists offer alike, as base inputs.

Example::

    @strawberry.input(description="Narrows a proposal list; all given conditions apply.")
    class ProposalFilter(ClassifiedFilter):
        status: list[ProposalStatus] | None = any_of("statuses", "Any of these statuses.")
        include_archived: bool = switch("Include archived proposals.")

        service_filter = service_filter_of(service.ProposalFilter)

is the input ``ProposalFilter`` with the conditions ``tenant`` and ``classification``
first, then its own; ``service_filter()`` is the service's ``ProposalFilter`` it stands for.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from datetime import date
from typing import TYPE_CHECKING, Any, TypeVar

import strawberry
from strawberry.types.base import get_object_definition

from hub.core.classification import Classification
from hub.graphql.listing import ListFilterInput, list_options
from hub.graphql.service_input import from_input, id_or_none

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Made = TypeVar("Made", bound="DataclassInstance")

# The field metadata of a condition that fills a service filter's field of another name.
FILLS = "hub.fills"


@dataclasses.dataclass(frozen=True)
class Fills:
    """The service filter's field a condition goes into, and its value there."""

    field: str
    convert: Callable[[Any], object]


def condition(description: str) -> Any:
    """A condition of a filter; left out (null), it narrows nothing."""
    return strawberry.field(default=None, description=description)


def _as_list(values: Any) -> Any:
    return values or ()


def any_of(fills: str, description: str) -> Any:
    """A condition listing values one of which a row must hold; the service's filter takes
    them in its field ``fills`` (none when left out)."""
    return strawberry.field(
        default=None, description=description, metadata={FILLS: Fills(fills, _as_list)}
    )


def node_condition(fills: str, type_name: str, description: str) -> Any:
    """A condition naming one object of ``type_name`` by its global id; the service's filter
    takes its row id in its field ``fills``."""

    def row_id(gid: Any) -> object:
        return id_or_none(gid, type_name)

    return strawberry.field(
        default=None, description=description, metadata={FILLS: Fills(fills, row_id)}
    )


def switch(description: str) -> Any:
    """A yes-or-no option of a filter, no unless given."""
    return strawberry.field(default=False, description=description)


@strawberry.input
class TenantFilter:
    """The condition of every filter of a tenant's records: the rows of one tenant."""

    tenant: str | None = condition("Only rows of this tenant (slug), within what you may see.")


@strawberry.input
class ClassifiedFilter(TenantFilter):
    """The conditions of a filter of records that carry a classification."""

    classification: list[Classification] | None = any_of(
        "classifications", "Any of these classifications."
    )


@strawberry.input
class PeriodFilter(ClassifiedFilter):
    """The conditions of a filter of records that run over a period from a first day."""

    starts_from: date | None = condition("Starting on or after this day.")
    starts_to: date | None = condition("Starting on or before this day.")


def service_filter_of(kind: type[Made]) -> Callable[[ListFilterInput], Made]:
    """The ``service_filter`` method of a filter input: the service's filter ``kind`` with
    the conditions of every list (``list_options``), those that say which of its fields
    they fill (``any_of``, ``node_condition``), and the others in the fields of their own
    names (e.g. ``starts_from``).

    The filters of the lists differ in little but which of their conditions go where; each
    condition says so where it is declared, and no filter writes out a method listing them.
    """

    def service_filter(self: ListFilterInput) -> Made:
        definition = get_object_definition(self, strict=True)
        given: dict[str, object] = {}
        for field in definition.fields:
            metadata: Mapping[str, Any] = field.metadata or {}
            fills = metadata.get(FILLS)
            if fills is not None:
                given[fills.field] = fills.convert(getattr(self, field.python_name))
        return from_input(kind, self, **list_options(self), **given)

    return service_filter
