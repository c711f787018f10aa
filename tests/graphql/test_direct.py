"""Fields resolved by graphql-core directly answer what Strawberry's resolvers answer."""

from __future__ import annotations

from enum import Enum
from typing import Any

import pytest
import strawberry
from graphql import GraphQLObjectType
from strawberry import relay
from strawberry.permission import BasePermission, PermissionExtension

from hub.api.schema import schema as hub_schema
from hub.graphql import direct
from hub.graphql.plain_selections import PURE


@strawberry.enum
class Tone(Enum):
    LOUD = "loud"
    SOFT = "soft"


def _greeting(tone: str | None) -> str:
    return "HELLO" if Tone(tone or "soft") is Tone.LOUD else "hello"


def _direct_greeting(source: object, info: object, tone: str | None = None) -> str:
    return _greeting(tone)


def _direct_secret(source: object, info: object) -> str:
    return "secret"


@strawberry.type
class Thing(relay.Node):
    id: relay.NodeID[str]

    @strawberry.field(metadata=direct.direct(_direct_greeting))
    def greeting(self, tone: Tone | None = None) -> str:
        return _greeting(tone.value if tone else None)


@strawberry.type
class Renamed(relay.Node):
    code: relay.NodeID[str]

    @classmethod
    def resolve_id(cls, root: Any, *, info: strawberry.Info) -> str:
        return f"code-{root.code}"


@strawberry.type
class Query:
    @strawberry.field
    def things(self) -> list[Thing]:
        return [Thing(id="7"), Thing(id="8")]

    @strawberry.field
    def renamed(self) -> Renamed:
        return Renamed(code="x")


QUERY = """
query($tone: Tone) {
  things { id greeting loud: greeting(tone: LOUD) asked: greeting(tone: $tone) }
  renamed { id }
}
"""


def _run(schema: strawberry.Schema, tone: str) -> Any:
    result = schema.execute_sync(QUERY, variable_values={"tone": tone})
    assert result.errors is None, result.errors
    return result.data


def test_direct_fields_answer_as_strawberry_does() -> None:
    plain = strawberry.Schema(query=Query, types=[Thing, Renamed])
    fast = strawberry.Schema(query=Query, types=[Thing, Renamed])
    changed = direct.install(fast)

    assert changed == ["Thing.id", "Thing.greeting"]
    assert _run(fast, "LOUD") == _run(plain, "LOUD")
    assert _run(fast, "SOFT") == _run(plain, "SOFT")
    assert _run(fast, "LOUD")["things"][0] == {
        "id": relay.to_base64("Thing", "7"),
        "greeting": "hello",
        "loud": "HELLO",
        "asked": "HELLO",
    }


def test_a_node_that_resolves_its_own_id_keeps_strawberrys_resolver() -> None:
    fast = strawberry.Schema(query=Query, types=[Thing, Renamed])
    direct.install(fast)

    assert _run(fast, "SOFT")["renamed"] == {"id": relay.to_base64("Renamed", "code-x")}


class Never(BasePermission):
    message = "no"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


@strawberry.type
class Guarded:
    @strawberry.field(
        metadata=direct.direct(_direct_secret),
        extensions=[PermissionExtension([Never()])],
    )
    def secret(self) -> str:
        return "secret"


@strawberry.type
class GuardedQuery:
    @strawberry.field
    def guarded(self) -> Guarded:
        return Guarded()


def test_a_field_with_extensions_cannot_be_direct() -> None:
    # Its permission would be skipped: building the schema fails instead.
    with pytest.raises(TypeError, match=r"Guarded\.secret has extensions"):
        direct.install(strawberry.Schema(query=GuardedQuery))


def test_the_hubs_hot_fields_are_direct() -> None:
    for name in ("WorkStream", "Proposal"):
        graphql_type = hub_schema._schema.type_map[name]
        assert isinstance(graphql_type, GraphQLObjectType)
        fields = graphql_type.fields
        for field in ("id", "title"):
            assert fields[field].resolve is not None
            assert fields[field].resolve.__module__ in {
                "hub.graphql.direct",
                "hub.workplan.types",
                "hub.proposals.types",
            }
            assert PURE in fields[field].extensions
    # The connection and edge around them are plain: a nested page is planned whole.
    for name, field in (("ProposalConnection", "edges"), ("ProposalEdge", "node")):
        graphql_type = hub_schema._schema.type_map[name]
        assert isinstance(graphql_type, GraphQLObjectType)
        assert PURE in graphql_type.fields[field].extensions
