"""A link started again from a first copy: after a hub was restored from a backup, or came
back after more WAL than its peer keeps.

Either side may then hold what the other no longer has: a restored region lacks the global
changes its peer had already sent it, and the global hub holds copies of records written
in the region after the backup, which the restored region never wrote. Neither can be
caught up from the WAL; the subscriber drops its copies of the peer and takes a first copy
again, as when the link was made."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from tortoise import connections
from tortoise.transactions import in_transaction

from hub.compiled.values import literal
from hub.federation.plan import Peer, publication_name, subscription_name
from hub.federation.shared import SHARED_TABLES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Resynced:
    """What ``resync`` did: the copies it dropped, by table, and whether the peer's slot
    was dropped with the old subscription (else it was gone, or the peer unreachable)."""

    peer: str
    dropped: dict[str, int]
    slot_dropped: bool


async def _drop_subscription(name: str) -> bool:
    """Drop the subscription ``name`` and, when the peer answers, its slot there. A
    restored peer may have lost the slot: the subscription goes all the same."""
    connection = connections.get("default")
    found = await connection.execute_query_dict(
        "SELECT 1 FROM pg_subscription WHERE subname = $1", [name]
    )
    if not found:
        return False
    await connection.execute_script(f"ALTER SUBSCRIPTION {name} DISABLE")
    try:
        await connection.execute_script(f"DROP SUBSCRIPTION {name}")
        return True
    except Exception as error:  # the peer's refusal comes as the driver's own error
        log.warning("the slot of %s could not be dropped on the peer: %s", name, error)
    await connection.execute_script(f"ALTER SUBSCRIPTION {name} SET (slot_name = NONE)")
    await connection.execute_script(f"DROP SUBSCRIPTION {name}")
    return False


async def _drop_copies(peer: str) -> dict[str, int]:
    """Delete every copy of ``peer``'s records, its tenants last, as the link's worker
    writes: past the guard of the copies, and without cascading into this hub's own rows
    that refer to them (the first copy brings each back under the same id)."""
    dropped: dict[str, int] = {}
    tenants = "SELECT id FROM tenant WHERE hub = $1"
    async with in_transaction() as transaction:
        await transaction.execute_script("SET LOCAL session_replication_role = replica")
        for shared in SHARED_TABLES:
            [row] = await transaction.execute_query_dict(
                f"WITH gone AS (DELETE FROM {shared.table} WHERE tenant_id IN ({tenants}) "
                "RETURNING 1) SELECT count(*) AS n FROM gone",
                [peer],
            )
            dropped[shared.table] = int(row["n"])
        [row] = await transaction.execute_query_dict(
            "WITH gone AS (DELETE FROM tenant WHERE hub = $1 RETURNING 1) "
            "SELECT count(*) AS n FROM gone",
            [peer],
        )
        dropped["tenant"] = int(row["n"])
    return dropped


async def resync(hub: str, peer: Peer) -> Resynced:
    """Start the link from ``peer`` again from a first copy of what it shares."""
    name = subscription_name(hub, peer.name)
    slot_dropped = await _drop_subscription(name)
    dropped = await _drop_copies(peer.name)
    await connections.get("default").execute_script(
        f"CREATE SUBSCRIPTION {name} CONNECTION {literal(peer.dsn)} "
        f"PUBLICATION {publication_name(peer.name)}"
    )
    return Resynced(peer.name, dropped, slot_dropped)
