"""The first proposals of many work streams in one statement, and how many each has.

A page of work streams shows each one's first few proposals. Fetching all their proposals
and slicing in Python reads (and turns into objects) every proposal of every stream on the
page; a window function lets the database hand back only the first ``first + 1`` of each
(one more, to tell whether more follow) with the count of all of them beside.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from tortoise.expressions import RawSQL
from tortoise.queryset import QuerySet

from hub.core.records import instances
from hub.proposals.models import Proposal

RANK = "leading_rank"
TOTAL = "leading_total"
# The same order as the nested list shows them in (``SUBMITTED_FIRST``).
_WINDOW = 'PARTITION BY "proposal"."work_stream_id"'
_RANKED = f'ROW_NUMBER() OVER ({_WINDOW} ORDER BY "proposal"."submitted_at", "proposal"."id")'
_COUNTED = f"COUNT(*) OVER ({_WINDOW})"


@dataclass(frozen=True)
class Leading:
    """A work stream's first proposals and its total."""

    rows: list[Proposal]
    total: int


async def leading(
    queryset: QuerySet[Proposal], work_stream_ids: Sequence[UUID], first: int
) -> dict[str, Leading]:
    """The first ``first`` rows of ``queryset`` in each of the work streams, oldest first,
    with each stream's count of rows in ``queryset``."""
    ranked = queryset.filter(work_stream_id__in=list(work_stream_ids)).annotate(
        **{RANK: RawSQL(_RANKED), TOTAL: RawSQL(_COUNTED)}
    )
    # A window's result can only be filtered from an enclosing query. Tortoise builds the
    # inner one (with the caller's scope and its parameters) as it would for a subquery.
    ranked._choose_db_if_not_chosen()
    ranked._make_query()
    inner, values = ranked.query.get_parameterized_sql()
    # At least the first row of each stream, which carries its total even when no row is
    # to be shown.
    sql = (
        f"SELECT * FROM ({inner}) AS ranked WHERE {RANK} <= {max(int(first), 1)} "
        f'ORDER BY "work_stream_id", {RANK}'
    )
    _, records = await Proposal._meta.db.execute_query(sql, values)
    found: dict[str, Leading] = {}
    for record, row in zip(records, instances(Proposal, records), strict=True):
        key = str(row.work_stream_id)
        if key not in found:
            found[key] = Leading([], int(record[TOTAL]))
        if int(record[RANK]) <= first:
            found[key].rows.append(row)
    return found
