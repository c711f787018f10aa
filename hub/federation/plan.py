"""The SQL that makes a hub share what the policy lets travel, and hold what other hubs
share as read-only copies: what travels (``federation_travel``, from the policy) and the
flag that marks each row of it, its publication (row filters and column lists over its
own tenants), its subscriptions to its peers' publications, the triggers that keep the
copies counted for the result cache and the lists, and the guard that refuses local writes
to them.

Applying the plan again changes nothing that is already so. After a change of policy, or
a tenant that joined the tree, it marks the rows that now travel or stop travelling: their
copies arrive in, or leave, the other hubs."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

from tortoise import connections
from tortoise.transactions import in_transaction

from hub.access.enforcer import AccessControl
from hub.compiled.values import literal
from hub.core.classification import Classification
from hub.core.errors import BadUserInput
from hub.federation.peers import drifts, peer_tenants
from hub.federation.shared import SHARED_COLUMN, SHARED_LEVELS, SHARED_TABLES, SharedTable
from hub.federation.travel import TenantPlace, Travel, travelling

SHARED_FUNCTION = "hub_federation_shared"
SHARED_TRIGGER = "federation_shared"
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


def _record_filter(hub: str, condition: str | None) -> str:
    # PostgreSQL takes a row filter of columns, constants and built-in operators only; a
    # list of varchar constants would need casts it refuses, so the column is cast instead.
    # The levels bound what any policy can send.
    levels = ", ".join(literal(str(level)) for level in SHARED_LEVELS)
    parts = [f"{SHARED_COLUMN} = {literal(hub)}", f"classification::text IN ({levels})"]
    if condition:
        parts.append(condition)
    return " AND ".join(parts)


async def _tenants() -> list[TenantPlace]:
    rows = await _rows("SELECT id, path, hub FROM tenant ORDER BY path")
    return [TenantPlace(row["path"], UUID(str(row["id"])), row["hub"]) for row in rows]


async def plan(hub: str, access: AccessControl, peers: Sequence[Peer] = ()) -> Plan:
    """What makes this database the hub ``hub``: sharing what ``access``'s policy lets its
    own tenants' records travel to the other hubs, and holding theirs as copies."""
    made = Plan(hub)
    made.statements.append(_stamp(hub))
    made.statements += await _travel_changes(hub, access)
    made.statements += _flag(hub)
    tables = [f"tenant WHERE (hub = {literal(hub)})"]
    for shared in SHARED_TABLES:
        columns = [c for c in await _columns(shared.table) if c not in shared.withheld]
        tables.append(
            f"{shared.table} ({', '.join(columns)}) WHERE ({_record_filter(hub, shared.condition)})"
        )
    publication = publication_name(hub)
    verb = (
        f"ALTER PUBLICATION {publication} SET"
        if await _publishes(hub)
        else f"CREATE PUBLICATION {publication} FOR"
    )
    made.statements.append(f"{verb} TABLE {', '.join(tables)}")
    # After the publication, so that the rows marked are sent under its filter.
    made.statements += [_marking(shared, hub) for shared in SHARED_TABLES]
    made.statements += _guard(hub)
    made.statements += await _counting_always()
    subscribed = {row["subname"] for row in await _rows("SELECT subname FROM pg_subscription")}
    for peer in peers:
        name = subscription_name(hub, peer.name)
        if name not in subscribed:
            await _refuse_drift(peer)
            made.outside.append(
                f"CREATE SUBSCRIPTION {name} CONNECTION {literal(peer.dsn)} "
                f"PUBLICATION {publication_name(peer.name)}"
            )
    return made


def _stamp(hub: str) -> str:
    """A tenant that names no hub is this hub's own; named, it travels as the owner's."""
    return f"UPDATE tenant SET hub = {literal(hub)} WHERE hub = ''"


async def _publishes(hub: str) -> bool:
    return bool(
        await _rows("SELECT 1 FROM pg_publication WHERE pubname = $1", [publication_name(hub)])
    )


async def _travel_changes(hub: str, access: AccessControl) -> list[str]:
    """The rows of ``federation_travel`` to delete and to add for it to say what the policy
    lets travel now."""
    wanted = travelling(access, await _tenants(), hub)
    held = {
        Travel(
            row["table_name"], UUID(str(row["tenant_id"])), Classification(row["classification"])
        )
        for row in await _rows(
            "SELECT table_name, tenant_id, classification FROM federation_travel"
        )
    }
    wanted_set = set(wanted)

    def key(travel: Travel) -> str:
        return (
            f"({literal(travel.table)}, {literal(str(travel.tenant_id))}::uuid, "
            f"{literal(str(travel.classification))})"
        )

    gone = [key(t) for t in sorted(held - wanted_set)]
    new = [key(t) for t in sorted(wanted_set - held)]
    statements = []
    if gone:
        statements.append(
            "DELETE FROM federation_travel WHERE (table_name, tenant_id, classification) "
            f"IN ({', '.join(gone)})"
        )
    if new:
        statements.append(
            "INSERT INTO federation_travel (table_name, tenant_id, classification) "
            f"VALUES {', '.join(new)} ON CONFLICT DO NOTHING"
        )
    return statements


async def refresh(hub: str, access: AccessControl) -> int:
    """Follow a change of policy, or of the tenants known, between two applies: rewrite
    what travels and mark the rows it changes, once the hub publishes. A hub's replicas
    may all try; one does it, the others find it busy. The number of changes made."""
    if not await _publishes(hub):
        return 0
    changes = await _travel_changes(hub, access)
    if not changes:
        return 0
    async with in_transaction() as transaction:
        [locked] = await transaction.execute_query_dict(
            "SELECT pg_try_advisory_xact_lock(hashtext('hub_federation_travel')) AS locked"
        )
        if not locked["locked"]:
            return 0
        marks = (_marking(shared, hub) for shared in SHARED_TABLES)
        for statement in (_stamp(hub), *changes, *marks):
            await transaction.execute_script(statement)
    return len(changes)


def _travels_sql(table: str, row: str) -> str:
    """SQL: does ``federation_travel`` send ``row`` of ``table``?"""
    return (
        f"EXISTS (SELECT 1 FROM federation_travel f WHERE f.table_name = {table} "
        f"AND f.tenant_id = {row}.tenant_id AND f.classification = {row}.classification::text)"
    )


def _sharer(hub: str, table: str, row: str) -> str:
    return f"CASE WHEN {_travels_sql(table, row)} THEN {literal(hub)} ELSE '' END"


def _flag(hub: str) -> list[str]:
    """The trigger that marks a row of this hub's as shared when ``federation_travel``
    sends its table, tenant and classification: on every local write, so that a record
    whose classification rises stops travelling, and one shared later starts. The link's
    own writes run as a replica, where it does not fire: copies keep their owner's mark."""
    function = f"""CREATE OR REPLACE FUNCTION {SHARED_FUNCTION}() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  NEW.{SHARED_COLUMN} := {_sharer(hub, "TG_TABLE_NAME", "NEW")};
  RETURN NEW;
END $$"""
    return [
        function,
        *(
            f"CREATE OR REPLACE TRIGGER {SHARED_TRIGGER} BEFORE INSERT OR UPDATE "
            f"ON {shared.table} FOR EACH ROW EXECUTE FUNCTION {SHARED_FUNCTION}()"
            for shared in SHARED_TABLES
        ),
    ]


def _marking(shared: SharedTable, hub: str) -> str:
    """Rewrite the flag of this hub's rows of ``shared`` where it no longer says what
    travels: the trigger sets it. A row leaving the filter reaches the other hubs as its
    deletion, a row entering it as its insertion."""
    return (
        f"UPDATE {shared.table} AS r SET {SHARED_COLUMN} = r.{SHARED_COLUMN} "
        f"WHERE r.tenant_id IN (SELECT id FROM tenant WHERE hub IN ('', {literal(hub)})) "
        f"AND r.{SHARED_COLUMN} <> {_sharer(hub, literal(shared.table), 'r')}"
    )


async def _refuse_drift(peer: Peer) -> None:
    """Refuse a link to ``peer`` while a tenant it owns is held here under another id: the
    first copy of that tenant would stop the link, and the two would drift apart."""
    here = {row["slug"]: UUID(str(row["id"])) for row in await _rows("SELECT slug, id FROM tenant")}
    found = drifts(here, await peer_tenants(peer.dsn, peer.name))
    if found:
        listed = ", ".join(f"{d.slug} (here {d.here}, in hub {peer.name} {d.there})" for d in found)
        raise BadUserInput(
            f"hub {peer.name} owns tenants this hub holds under other ids: {listed}. A hub "
            f"holds another hub's tenants only as copies, under their owner's ids: start "
            f"this hub from a database without them, and let the link bring them"
        )


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
  IF owner IS NOT NULL AND owner NOT IN ('', {literal(hub)}) THEN
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
