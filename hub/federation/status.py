"""What a hub owns, what it holds copies of, and how its links to the other hubs stand:
each subscription's last change received, and how far each peer is behind this hub's WAL."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from tortoise import connections

from hub.federation.plan import publication_name
from hub.tenancy.ownership import owner_named


@dataclass(frozen=True)
class Subscription:
    name: str
    enabled: bool
    last_received: datetime | None


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

    def as_json(self) -> dict[str, Any]:
        return asdict(self)

    def lines(self) -> list[str]:
        lines = [f"hub {self.hub}: owns {', '.join(self.own) or 'no tenant'}"]
        lines += [f"copies of hub {hub}: {', '.join(slugs)}" for hub, slugs in self.copies.items()]
        lines.append(f"publication {publication_name(self.hub)}: {self.published_tables} tables")
        lines += [
            f"subscription {s.name}: {'enabled' if s.enabled else 'disabled'}, last change "
            f"received {s.last_received.isoformat() if s.last_received else 'never'}"
            for s in self.subscriptions
        ]
        lines += [
            f"peer slot {s.name}: {'connected' if s.active else 'not connected'}, "
            f"{'unknown' if s.lag_bytes is None else s.lag_bytes} bytes behind"
            for s in self.slots
        ]
        return lines


async def status(hub: str) -> Status:
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
        "SELECT s.subname, s.subenabled, max(st.last_msg_receipt_time) AS received "
        "FROM pg_subscription s LEFT JOIN pg_stat_subscription st ON st.subid = s.oid "
        "GROUP BY s.subname, s.subenabled ORDER BY s.subname"
    ):
        found.subscriptions.append(
            Subscription(row["subname"], bool(row["subenabled"]), row["received"])
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
    return found
