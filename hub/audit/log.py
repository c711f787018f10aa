"""The audit log: append-only, each entry chained to the one before by its hash.

Whoever edits or removes an entry breaks the chain from that entry on, and
``hub audit verify`` says where. Removing entries from the end leaves a shorter chain that
is still whole: only a head recorded earlier (``hub audit head``) and looked for later
(``hub audit verify --contains``) shows that.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import weakref
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta

from tortoise import connections
from tortoise.backends.base.client import BaseDBAsyncClient

from hub.audit.models import AuditEntry
from hub.core.db import atomic
from hub.results import marks as results

GENESIS = "0" * 64
# The decision of an entry recording a change an administrator made.
APPLIED = "applied"
# Who changed something when the caller names no one.
UNNAMED_ACTOR = "system"
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
# Any constant: the PostgreSQL advisory lock that serialises appends across processes.
_APPEND_LOCK = 7_310_482_113


@dataclass(frozen=True, slots=True)
class AuditRecord:
    actor: str
    tenant_path: str
    action: str
    object: str
    decision: str
    request_id: str = ""


def applied(actor: str, tenant_path: str, action: str, obj: str) -> AuditRecord:
    """An entry for a change that shapes access: rules, grants, tokens, tenants, documents."""
    return AuditRecord(actor, tenant_path, action, obj, APPLIED)


def _micros(at: datetime) -> int:
    return (at - _EPOCH) // timedelta(microseconds=1)


def entry_hash(prev_hash: str, at: datetime, record: AuditRecord) -> str:
    canonical = json.dumps(
        [
            prev_hash,
            _micros(at),
            record.actor,
            record.tenant_path,
            record.action,
            record.object,
            record.decision,
            record.request_id,
        ],
        separators=(",", ":"),
        ensure_ascii=False,
    )
    return hashlib.sha256(canonical.encode()).hexdigest()


async def append(records: Sequence[AuditRecord]) -> None:
    """Add entries at the end of the chain, in one transaction (the caller's, if open)."""
    if not records:
        return
    results.not_cacheable()  # a cached answer would skip the entry the next read owes
    async with atomic():
        connection = connections.get("default")
        async with _appending(connection):
            await _append(connection, records)


# One lock per transaction. The advisory lock below keeps other transactions out, but it is
# held by the transaction, so sibling resolvers of one request (which share its transaction)
# would both read the same last entry and chain onto it.
_appenders: weakref.WeakKeyDictionary[object, asyncio.Lock] = weakref.WeakKeyDictionary()


def _appending(connection: object) -> asyncio.Lock:
    lock = _appenders.get(connection)
    if lock is None:
        lock = _appenders[connection] = asyncio.Lock()
    return lock


async def _append(connection: BaseDBAsyncClient, records: Sequence[AuditRecord]) -> None:
    if connection.capabilities.dialect == "postgres":
        await connection.execute_query("SELECT pg_advisory_xact_lock($1)", [_APPEND_LOCK])
    last = await AuditEntry.all().order_by("-id").first().values_list("hash", flat=True)
    prev = str(last) if last else GENESIS
    at = datetime.now(UTC)
    for record in records:
        digest = entry_hash(prev, at, record)
        # A record's fields are the entry's own columns, by the same names.
        await AuditEntry.create(at=at, **asdict(record), prev_hash=prev, hash=digest)
        prev = digest


async def head() -> AuditEntry | None:
    """The last entry: its hash vouches for every entry before it."""
    return await AuditEntry.all().order_by("-id").first()


@dataclass(frozen=True)
class Verification:
    checked: int
    broken_at: int | None = None
    reason: str = ""
    # The hash of the last intact entry (GENESIS when there is none).
    head: str = GENESIS
    # Whether an intact entry has the hash looked for; None when none was looked for.
    contains: bool | None = None

    @property
    def ok(self) -> bool:
        return self.broken_at is None and self.contains is not False


async def verify(batch: int = 1000, contains: str | None = None) -> Verification:
    """Recompute the chain from the first entry; stop at the first that does not fit.

    With ``contains``, also say whether an intact entry has that hash: a head recorded
    earlier that is gone means entries were removed from the end.
    """
    prev, checked, after = GENESIS, 0, 0
    found = None if contains is None else contains == GENESIS

    def result(broken_at: int | None = None, reason: str = "") -> Verification:
        return Verification(checked, broken_at, reason, prev, found)

    while True:
        rows = await AuditEntry.filter(id__gt=after).order_by("id").limit(batch)
        if not rows:
            return result()
        for row in rows:
            if row.prev_hash != prev:
                return result(row.id, "an entry before it is missing or changed")
            record = AuditRecord(
                row.actor, row.tenant_path, row.action, row.object, row.decision, row.request_id
            )
            if entry_hash(prev, row.at, record) != row.hash:
                return result(row.id, "its content does not match its hash")
            prev, checked, after = row.hash, checked + 1, row.id
            if found is False and row.hash == contains:
                found = True
