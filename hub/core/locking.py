"""Locking the rows a write is about to change."""

from __future__ import annotations

from typing import TypeVar

from tortoise.models import Model
from tortoise.queryset import QuerySet

M = TypeVar("M", bound=Model)


def for_update(queryset: QuerySet[M]) -> QuerySet[M]:
    """``SELECT ... FOR UPDATE`` of the queryset's own rows only.

    Its tenant, read along with ``select_related``, stays unlocked: PostgreSQL refuses to lock
    the nullable side of the outer join that brings it, and two writes to different records
    of one tenant need not wait for each other.
    """
    return queryset.select_for_update(of=(queryset.model._meta.db_table,))
