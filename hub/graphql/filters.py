"""The conditions that the filters of many lists offer alike, as base inputs.

Example::

    @strawberry.input(description="Narrows a proposal list; all given conditions apply.")
    class ProposalFilter(ClassifiedFilter):
        status: list[ProposalStatus] | None = condition("Any of these statuses.")
        include_archived: bool = switch("Include archived proposals.")

is the input ``ProposalFilter`` with the conditions ``tenant`` and ``classification``
first, then its own.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import strawberry

from hub.core.classification import Classification


def condition(description: str) -> Any:
    """A condition of a filter; left out (null), it narrows nothing."""
    return strawberry.field(default=None, description=description)


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

    classification: list[Classification] | None = condition("Any of these classifications.")


@strawberry.input
class PeriodFilter(ClassifiedFilter):
    """The conditions of a filter of records that run over a period from a first day."""

    starts_from: date | None = condition("Starting on or after this day.")
    starts_to: date | None = condition("Starting on or before this day.")
