"""What a hub owns, what it holds copies of, what it shares and holds back and why, and how
its links to the other hubs stand: each subscription's last change received and the
changes it could not apply, and how far each peer is behind this hub's WAL."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from tortoise import connections

from hub.compiled.values import literal
from hub.federation.plan import publication_name
from hub.federation.shared import SHARED_COLUMN, SHARED_LEVELS, SHARED_TABLES
from hub.tenancy.ownership import owner_named

# Why a row of the hub's own stays home.
CLASSIFIED = "restricted or confidential"
NOT_SHARED = "not shared by the policy"
UNPUBLISHED = "not published"


@dataclass(frozen=True)
class Subscription:
    """This hub's link to a peer; ``apply_errors`` counts the changes it could not apply
    (it retries them) and ``sync_errors`` the first copies that failed."""

    name: str
    enabled: bool
    last_received: datetime | None
    apply_errors: int = 0
    sync_errors: int = 0


@dataclass(frozen=True)
class Sharing:
    """How many rows of ``table`` of this hub's own tenants travel, and how many stay
    home, by reason."""

    table: str
    shared: int
    held_back: dict[str, int]


@dataclass(frozen=True)
class Slot:
    """A peer's subscription to this hub: the WAL it has not confirmed yet."""

    name: str
    active: bool
    lag_bytes: int | None


@dataclass
class Status:
    hub: str
    own: list[str] = field(default_factory=list)
    copies: dict[str, list[str]] = field(default_factory=dict)
    published_tables: int = 0
    subscriptions: list[Subscription] = field(default_factory=list)
    slots: list[Slot] = field(default_factory=list)
    sharing: list[Sharing] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        lines = [f"hub {self.hub}: owns {', '.join(self.own) or 'no tenant'}"]
        lines += [f"copies of hub {hub}: {', '.join(slugs)}" for hub, slugs in self.copies.items()]
        lines.append(f"publication {publication_name(self.hub)}: {self.published_tables} tables")
        lines += [
            f"subscription {s.name}: {'enabled' if s.enabled else 'disabled'}, last change "
            f"received {s.last_received.isoformat() if s.last_received else 'never'}, "
            f"{s.apply_errors} change(s) refused, {s.sync_errors} first copies failed"
            for s in self.subscriptions
        ]
        lines += [
            f"peer slot {s.name}: {'connected' if s.active else 'not connected'}, "
            f"{'unknown' if s.lag_bytes is None else s.lag_bytes} bytes behind"
            for s in self.slots
        ]
        for each in self.sharing:
            kept = ", ".join(f"{n} {why}" for why, n in each.held_back.items() if n)
            lines.append(f"{each.table}: {each.shared} shared, kept home: {kept or 'none'}")
        return lines


async def status(hub: str, *, sharing: bool = False) -> Status:
    """The hub's links; with ``sharing``, also each shared table's rows counted (a scan of
    each, for the command rather than the metrics)."""
    connection = connections.get("default")
    found = Status(hub)
    for row in await connection.execute_query_dict("SELECT slug, hub FROM tenant ORDER BY path"):
        owner = owner_named(row["hub"], hub)
        if owner == hub:
            found.own.append(row["slug"])
        else:
            found.copies.setdefault(owner, []).append(row["slug"])
    [count] = await connection.execute_query_dict(
        "SELECT count(*) AS n FROM pg_publication_tables WHERE pubname = $1",
        [publication_name(hub)],
    )
    found.published_tables = int(count["n"])
    for row in await connection.execute_query_dict(
        "SELECT s.subname, s.subenabled, max(st.last_msg_receipt_time) AS received, "
        "coalesce(max(e.apply_error_count), 0) AS apply_errors, "
        "coalesce(max(e.sync_error_count), 0) AS sync_errors "
        "FROM pg_subscription s LEFT JOIN pg_stat_subscription st ON st.subid = s.oid "
        "LEFT JOIN pg_stat_subscription_stats e ON e.subid = s.oid "
        "GROUP BY s.subname, s.subenabled ORDER BY s.subname"
    ):
        found.subscriptions.append(
            Subscription(
                row["subname"],
                bool(row["subenabled"]),
                row["received"],
                int(row["apply_errors"]),
                int(row["sync_errors"]),
            )
        )
    for row in await connection.execute_query_dict(
        "SELECT slot_name, active, "
        "pg_wal_lsn_diff(pg_current_wal_lsn(), confirmed_flush_lsn)::bigint AS lag "
        "FROM pg_replication_slots WHERE slot_type = 'logical' ORDER BY slot_name"
    ):
        lag = row["lag"]
        found.slots.append(
            Slot(row["slot_name"], bool(row["active"]), None if lag is None else int(lag))
        )
    if sharing:
        found.sharing = [
            await _sharing(shared.table, shared.condition, hub) for shared in SHARED_TABLES
        ]
    return found


async def _sharing(table: str, condition: str | None, hub: str) -> Sharing:
    levels = ", ".join(literal(str(level)) for level in SHARED_LEVELS)
    rows = await connections.get("default").execute_query_dict(
        f"SELECT CASE WHEN classification::text NOT IN ({levels}) THEN '{CLASSIFIED}' "
        f"WHEN {SHARED_COLUMN} <> $1 THEN '{NOT_SHARED}' "
        f"WHEN NOT ({condition or 'true'}) THEN '{UNPUBLISHED}' ELSE '' END AS why, "
        f"count(*) AS n FROM {table} "
        "WHERE tenant_id IN (SELECT id FROM tenant WHERE hub IN ('', $1)) GROUP BY 1",
        [hub],
    )
    counted = {row["why"]: int(row["n"]) for row in rows}
    held_back = {why: counted.get(why, 0) for why in (CLASSIFIED, NOT_SHARED, UNPUBLISHED)}
    return Sharing(table, counted.get("", 0), held_back)


async def missing_tenants(slugs: Sequence[str], seconds: float) -> list[str]:
    """Wait up to ``seconds`` for tenants that a link brings; those still missing."""
    deadline = time.monotonic() + seconds
    while True:
        rows = await connections.get("default").execute_query_dict(
            "SELECT slug FROM tenant WHERE slug = ANY($1)", [list(slugs)]
        )
        missing = sorted(set(slugs) - {row["slug"] for row in rows})
        if not missing or time.monotonic() >= deadline:
            return missing
        await asyncio.sleep(1)
