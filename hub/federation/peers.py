"""Another hub's database, read before this hub subscribes to it: a tenant must be the same
row in both hubs, under the id its owner gave it, or the link would stop at the first copy
of a tenant whose slug this hub already holds under another id."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any
from uuid import UUID

import asyncpg

from hub.core.errors import BadUserInput

# libpq's keyword=value pairs, a value bare or in single quotes with \\' and \\\\ escaped.
_PAIR = re.compile(r"\s*(\w+)\s*=\s*('(?:[^'\\]|\\.)*'|\S+)")
# libpq's keywords and asyncpg's names for the ones a link's connection string uses.
_KEYWORDS = {
    "host": "host",
    "hostaddr": "host",
    "port": "port",
    "user": "user",
    "password": "password",
    "dbname": "database",
    "sslmode": "ssl",
    "connect_timeout": "timeout",
}
CONNECT_SECONDS = 10.0


class PeerUnreachable(OSError):
    """The peer's database could not be read; nothing was changed here."""


@dataclass(frozen=True)
class Drift:
    """A tenant held here under one id and by its owner under another."""

    slug: str
    here: UUID
    there: UUID


def connect_arguments(conninfo: str) -> dict[str, Any]:
    """asyncpg's arguments for a libpq connection string, or a URL as it is."""
    if conninfo.startswith(("postgres://", "postgresql://")):
        return {"dsn": conninfo}
    arguments: dict[str, Any] = {"timeout": CONNECT_SECONDS}
    position = 0
    for match in _PAIR.finditer(conninfo):
        if conninfo[position : match.start()].strip():
            break
        position = match.end()
        key, value = match.group(1), match.group(2)
        if value.startswith("'"):
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        if key not in _KEYWORDS:
            raise BadUserInput(f"connection string: '{key}' is not a keyword the hub reads")
        name = _KEYWORDS[key]
        arguments[name] = float(value) if name == "timeout" else value
    if conninfo[position:].strip():
        raise BadUserInput(f"connection string: cannot read {conninfo[position:].strip()!r}")
    return arguments


async def peer_tenants(conninfo: str, peer: str) -> dict[str, UUID]:
    """The tenants the hub ``peer`` owns, by slug, read from its database."""
    try:
        connection = await asyncpg.connect(**connect_arguments(conninfo))
    except (OSError, asyncpg.PostgresError, TimeoutError) as error:
        raise PeerUnreachable(f"cannot reach hub {peer}'s database: {error}") from error
    try:
        rows = await connection.fetch("SELECT slug, id FROM tenant WHERE hub IN ('', $1)", peer)
    except asyncpg.PostgresError as error:
        raise PeerUnreachable(f"cannot read hub {peer}'s tenants: {error}") from error
    finally:
        await connection.close()
    return {row["slug"]: UUID(str(row["id"])) for row in rows}


def drifts(here: dict[str, UUID], there: dict[str, UUID]) -> list[Drift]:
    """The tenants both hold by slug, under different ids."""
    return [
        Drift(slug, here[slug], there[slug])
        for slug in sorted(here.keys() & there.keys())
        if here[slug] != there[slug]
    ]
