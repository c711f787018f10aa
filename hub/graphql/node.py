"""The Relay ``node``/``nodes`` fields, answering only with what the caller may see."""

from __future__ import annotations

import inspect
from collections import defaultdict
from typing import Annotated

import strawberry
from strawberry import relay

from hub.core.context import Context
from hub.core.errors import BadUserInput

MAX_NODES = 100


def global_id(type_name: str, value: object) -> str | None:
    """The global ID that the API gives the record of ``type_name`` with id ``value``, for
    what names records outside GraphQL (exports, calendars); None for no record."""
    return None if value is None else relay.to_base64(type_name, str(value))


def node_id_of(gid: relay.GlobalID, type_name: str) -> str:
    """The id inside a global ID of ``type_name``; "" for another type, which no lookup
    finds, so a wrong type answers exactly as an unknown id."""
    return gid.node_id if gid.type_name == type_name else ""


async def resolve_global_ids(
    info: strawberry.Info[Context, None], ids: list[relay.GlobalID]
) -> list[relay.Node | None]:
    """Objects for these ids, in order. An id of a hidden object, of an object that does not
    exist or of an unknown type all answer ``None``, so they cannot be told apart."""
    by_type: dict[str, list[str]] = defaultdict(list)
    for gid in ids:
        by_type[gid.type_name].append(gid.node_id)
    found: dict[tuple[str, str], relay.Node | None] = {}
    for type_name, node_ids in by_type.items():
        definition = info.schema.get_type_by_name(type_name)
        origin = getattr(definition, "origin", None)
        if not (isinstance(origin, type) and issubclass(origin, relay.Node)):
            continue
        result = origin.resolve_nodes(info=info, node_ids=node_ids, required=False)
        if inspect.isawaitable(result):
            result = await result
        for node_id, node in zip(node_ids, result, strict=True):
            found[(type_name, node_id)] = node
    return [found.get((gid.type_name, gid.node_id)) for gid in ids]


@strawberry.type
class NodeQuery:
    @strawberry.field(description="Any object by its global id; null if you may not see it.")
    async def node(
        self,
        info: strawberry.Info[Context, None],
        id: Annotated[relay.GlobalID, strawberry.argument(description="Its global id.")],
    ) -> relay.Node | None:
        return (await resolve_global_ids(info, [id]))[0]

    @strawberry.field(
        description=f"Objects by their global ids, in order (at most {MAX_NODES}); "
        "null for each you may not see."
    )
    async def nodes(
        self,
        info: strawberry.Info[Context, None],
        ids: Annotated[list[relay.GlobalID], strawberry.argument(description="Their global ids.")],
    ) -> list[relay.Node | None]:
        if len(ids) > MAX_NODES:
            raise BadUserInput(f"At most {MAX_NODES} ids at once.", limit="nodes", value=MAX_NODES)
        return await resolve_global_ids(info, ids)
