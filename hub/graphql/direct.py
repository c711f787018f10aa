"""Hot fields that graphql-core resolves itself, without Strawberry's per-call wrapping.

Strawberry calls every field that has a resolver through a chain (an ``Info`` object, the
conversion of its arguments, its extensions), about as costly again as graphql-core's own
work for the field. A page of 20 work streams with 5 proposals each has 240 such fields
(the relay ``id`` and the translated ``title`` of each row), most of the request's CPU time
when its result is not cached. Those fields need none of the chain: a Node's id is its type
name and primary key, and a translated title depends only on the request's languages.

The schema still comes from the Strawberry types, unchanged: this only sets the
graphql-core resolver of the fields it names, after the schema is built. A field takes part
by ``metadata=direct(resolve)``; ``resolve(source, info, **arguments)`` gets graphql-core's
info (whose ``context`` is the request's ``Context``) and the arguments as graphql-core
coerced them (an enum argument as its value, e.g. ``"fr"``). Fields with permissions or
other extensions must not: nothing of Strawberry's runs for them.

These fields, and the plain attributes of Strawberry types (no resolver, no extensions), are
also marked ``PURE`` so that selections made only of them are completed from a plan
(:mod:`hub.graphql.plain_selections`); a ``direct`` resolver may therefore read nothing of
its info but ``context``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import strawberry
from graphql import GraphQLObjectType, GraphQLResolveInfo
from strawberry import relay
from strawberry.relay.utils import to_base64
from strawberry.types.base import StrawberryObjectDefinition

from hub.graphql.plain_selections import PURE

DIRECT = "hub.direct_resolver"

Resolve = Callable[..., Any]


def direct(resolve: Resolve) -> Mapping[str, Any]:
    """Field metadata naming the function graphql-core calls for the field."""
    return {DIRECT: resolve}


def _node_id(type_name: str, attribute: str) -> Resolve:
    # What relay.Node's own resolver answers for a type that keeps its id in an attribute
    # and overrides neither resolve_id nor resolve_typename (none of the hub's does).
    def resolve(source: Any, info: GraphQLResolveInfo[Any]) -> str:
        return to_base64(type_name, str(getattr(source, attribute)))

    return resolve


def _overrides_node_resolution(origin: type[relay.Node]) -> bool:
    return (
        origin.resolve_id.__func__ is not relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
        or origin.resolve_typename.__func__ is not relay.Node.resolve_typename.__func__  # type: ignore[attr-defined]
    )


def _attribute(name: str) -> Resolve:
    # What Strawberry's resolver answers for a field without resolver or extensions.
    def resolve(source: Any, info: GraphQLResolveInfo[Any] | None) -> Any:
        return getattr(source, name)

    return resolve


def install(schema: strawberry.Schema) -> list[str]:
    """Resolve the ids of Node types and the fields marked ``direct`` directly, and mark
    them and the plain attributes ``PURE`` (see :mod:`hub.graphql.plain_selections`); the
    ``Type.field`` names whose resolver it changed."""
    plain_attributes = schema.config.default_resolver is getattr
    changed: list[str] = []
    for graphql_type in schema._schema.type_map.values():
        if not isinstance(graphql_type, GraphQLObjectType):
            continue
        definition = schema.get_type_by_name(graphql_type.name)
        if not isinstance(definition, StrawberryObjectDefinition):
            continue
        origin = definition.origin
        fields = {schema.config.name_converter.from_field(f): f for f in definition.fields}
        if (
            isinstance(origin, type)
            and issubclass(origin, relay.Node)
            and not _overrides_node_resolution(origin)
            and not fields["id"].extensions
        ):
            attribute = origin.resolve_id_attr()
            node_id = _node_id(graphql_type.name, attribute)
            graphql_type.fields["id"].resolve = node_id
            graphql_type.fields["id"].extensions[PURE] = node_id
            changed.append(f"{graphql_type.name}.id")
        for graphql_name, field in fields.items():
            metadata: Mapping[str, Any] = field.metadata or {}
            resolve = metadata.get(DIRECT)
            if resolve is None:
                if (
                    plain_attributes
                    and graphql_name in graphql_type.fields
                    and field.is_basic_field
                ):
                    graphql_type.fields[graphql_name].extensions.setdefault(
                        PURE, _attribute(field.python_name)
                    )
                continue
            if field.extensions:
                raise TypeError(f"{graphql_type.name}.{field.name} has extensions: not direct")
            graphql_type.fields[graphql_name].resolve = resolve
            graphql_type.fields[graphql_name].extensions[PURE] = resolve
            changed.append(f"{graphql_type.name}.{graphql_name}")
    return changed
