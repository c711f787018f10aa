"""The SQL that makes a hub share what the policy lets travel, and hold what other hubs
share as read-only copies: its publication (row filters and column lists over its own
tenants), its subscriptions to its peers' publications, the triggers that keep the copies
counted for the result cache and the lists, and the guard that refuses local writes to them.

Applying the plan again changes nothing that is already so; a tenant that joined the hub's
subtree since joins its publication's filter."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.transactions import in_transaction

from hub.federation.shared import SHARED_LEVELS, SHARED_TABLES

GUARD_FUNCTION = "hub_federation_copy_guard"
GUARD_TRIGGER = "federation_copy_guard"
# The triggers that count writes (result cache, list counts) fire for the copies too: the
# subscription's worker runs as a replica, where ordinary triggers do not fire.
COUNTING_TRIGGER = re.compile(r"^(count|listed)_")


def publication_name(hub: str) -> str:
    return f"hub_share_{hub.replace('-', '_')}"


def subscription_name(hub: str, peer: str) -> str:
    """Also the name of its replication slot on the peer's cluster, which every hub that
    subscribes to the peer shares: it names the subscriber too."""
    return f"hub_{hub.replace('-', '_')}_from_{peer.replace('-', '_')}"


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass(frozen=True)
class Peer:
    """Another hub whose publication this hub subscribes to, and how to reach its database."""

    name: str
    dsn: str


@dataclass
class Plan:
    """What applying would send, in order; ``outside`` statements run outside a
    transaction (PostgreSQL refuses to create a subscription inside one)."""

    hub: str
    statements: list[str] = field(default_factory=list)
    outside: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        return [f"{statement};" for statement in (*self.statements, *self.outside)]


async def _rows(sql: str, values: Sequence[Any] = ()) -> list[dict[str, Any]]:
    return list(await connections.get("default").execute_query_dict(sql, list(values)))


async def _columns(table: str) -> list[str]:
    rows = await _rows(
        "SELECT column_name FROM information_schema.columns "
        "WHERE table_schema = current_schema() AND table_name = $1 ORDER BY ordinal_position",
        [table],
    )
    return [row["column_name"] for row in rows]


def _record_filter(tenant_ids: Sequence[UUID], condition: str | None) -> str:
    # PostgreSQL takes a row filter of columns, constants and built-in operators only; a
    # list of varchar constants would need casts it refuses, so the column is cast instead.
    tenants = ", ".join(f"{_literal(str(i))}::uuid" for i in tenant_ids)
    levels = ", ".join(_literal(str(level)) for level in SHARED_LEVELS)
    parts = [f"tenant_id IN ({tenants})", f"classification::text IN ({levels})"]
    if condition:
        parts.append(condition)
    return " AND ".join(parts)


async def plan(hub: str, peers: Sequence[Peer] = ()) -> Plan:
    """What makes this database the hub ``hub``: sharing its own tenants' records with its
    peers, and holding theirs as copies."""
    made = Plan(hub)
    # A tenant that names no hub is this hub's own; named, it travels as the owner's.
    made.statements.append(f"UPDATE tenant SET hub = {_literal(hub)} WHERE hub = ''")
    own = [
        row["id"]
        for row in await _rows("SELECT id FROM tenant WHERE hub IN ('', $1) ORDER BY path", [hub])
    ]
    tables = [f"tenant WHERE (hub = {_literal(hub)})"]
    if own:
        for shared in SHARED_TABLES:
            columns = [c for c in await _columns(shared.table) if c not in shared.withheld]
            tables.append(
                f"{shared.table} ({', '.join(columns)}) "
                f"WHERE ({_record_filter(own, shared.condition)})"
            )
    publication = publication_name(hub)
    exists = await _rows("SELECT 1 FROM pg_publication WHERE pubname = $1", [publication])
    verb = (
        f"ALTER PUBLICATION {publication} SET"
        if exists
        else f"CREATE PUBLICATION {publication} FOR"
    )
    made.statements.append(f"{verb} TABLE {', '.join(tables)}")
    made.statements += _guard(hub)
    made.statements += await _counting_always()
    subscribed = {row["subname"] for row in await _rows("SELECT subname FROM pg_subscription")}
    for peer in peers:
        name = subscription_name(hub, peer.name)
        if name not in subscribed:
            made.outside.append(
                f"CREATE SUBSCRIPTION {name} CONNECTION {_literal(peer.dsn)} "
                f"PUBLICATION {publication_name(peer.name)}"
            )
    return made


def _guard(hub: str) -> list[str]:
    """The trigger that refuses a local write to a copy: the service refuses it first,
    naming the owning hub; this holds for any write that does not go through it."""
    function = f"""CREATE OR REPLACE FUNCTION {GUARD_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
  owner text;
BEGIN
  SELECT hub INTO owner FROM tenant
   WHERE id = CASE WHEN TG_OP = 'DELETE' THEN OLD.tenant_id ELSE NEW.tenant_id END;
  IF owner IS NOT NULL AND owner NOT IN ('', {_literal(hub)}) THEN
    RAISE EXCEPTION 'a read-only copy: its records are written in hub %', owner
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RETURN CASE WHEN TG_OP = 'DELETE' THEN OLD ELSE NEW END;
END $$"""
    return [
        function,
        *(
            f"CREATE OR REPLACE TRIGGER {GUARD_TRIGGER} BEFORE INSERT OR UPDATE OR DELETE "
            f"ON {shared.table} FOR EACH ROW EXECUTE FUNCTION {GUARD_FUNCTION}()"
            for shared in SHARED_TABLES
        ),
    ]


async def _counting_always() -> list[str]:
    tables = ["tenant", *(shared.table for shared in SHARED_TABLES)]
    rows = await _rows(
        "SELECT tgrelid::regclass::text AS tab, tgname FROM pg_trigger "
        "WHERE NOT tgisinternal AND tgenabled <> 'A' AND tgrelid::regclass::text = ANY($1) "
        "ORDER BY 1, 2",
        [tables],
    )
    return [
        f"ALTER TABLE {row['tab']} ENABLE ALWAYS TRIGGER {row['tgname']}"
        for row in rows
        if COUNTING_TRIGGER.match(row["tgname"])
    ]


async def apply(made: Plan) -> None:
    """Send the plan: its statements in one transaction, then those that run alone."""
    async with in_transaction() as transaction:
        for statement in made.statements:
            await transaction.execute_script(statement)
    for statement in made.outside:
        await connections.get("default").execute_script(statement)
