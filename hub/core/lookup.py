"""Fetching records by the ids callers send, within what the caller may see."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar
from uuid import UUID

from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)


def parse_id(raw: str) -> UUID | None:
    try:
        return UUID(raw)
    except ValueError:
        return None


def parse_ids(raw_ids: Sequence[str]) -> list[UUID]:
    """The well-formed ones among ``raw_ids``; the others name nothing."""
    return [uid for raw in raw_ids if (uid := parse_id(raw)) is not None]


async def rows_by_ids(queryset: QuerySet[M] | None, ids: Sequence[str]) -> list[M | None]:
    """The rows of ``queryset`` with these ids, in the order asked, in one statement; None
    where an id is malformed, unknown or outside the queryset, alike."""
    wanted = {raw: uid for raw in ids if (uid := parse_id(raw)) is not None}
    found: dict[object, M] = {}
    if queryset is not None and wanted:
        found = {row.pk: row for row in await queryset.filter(id__in=list(wanted.values()))}
    return [found.get(wanted[raw]) if raw in wanted else None for raw in ids]
