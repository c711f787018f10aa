"""Fetching records by the ids callers send, within what the caller may see."""

from __future__ import annotations

import base64
import binascii
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


def node_uuid(raw: str, type_name: str) -> UUID | None:
    """The id in ``raw``: a UUID, or the API's global id of a ``type_name`` (base64 of
    ``<type_name>:<uuid>``), as a person copies it from an answer; None for anything else."""
    direct = parse_id(raw)
    if direct is not None:
        return direct
    try:
        decoded = base64.b64decode(raw.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        return None
    named, _, value = decoded.partition(":")
    return parse_id(value) if named == type_name else None


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
