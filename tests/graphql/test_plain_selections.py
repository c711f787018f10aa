"""Plain selections completed from a plan answer exactly what graphql-core answers, errors
and their paths included, and never stand in for a field with extensions."""

from __future__ import annotations

from enum import Enum
from typing import Any

import strawberry
from graphql import GraphQLObjectType, parse
from strawberry.permission import BasePermission, PermissionExtension

from hub.graphql import direct, plain_selections
from hub.graphql.plain_selections import PURE, PlainSelectionsExecutor


@strawberry.enum
class Mood(Enum):
    CALM = "calm"
    LOUD = "loud"


class Never(BasePermission):
    message = "not for you"

    def has_permission(self, source: Any, info: strawberry.Info, **kwargs: Any) -> bool:
        return False


def _shout(source: Leaf, info: Any, times: int = 1) -> str:
    return source.word.upper() * times


@strawberry.type
class Leaf:
    word: str
    mood: Mood
    note: str | None
    must: str
    tags: list[str]

    @strawberry.field(metadata=direct.direct(_shout))
    def shout(self, times: int = 1) -> str:
        return _shout(self, None, times)

    @strawberry.field(extensions=[PermissionExtension([Never()], fail_silently=True)])
    def secret(self) -> str | None:
        return "the secret"


@strawberry.type
class Branch:
    name: str
    leaves: list[Leaf]
    first: Leaf | None


@strawberry.type
class Query:
    @strawberry.field
    def branches(self) -> list[Branch]:
        return BRANCHES

    @strawberry.field
    def broken(self) -> list[Branch | None]:
        # A non-null field holding null, a value the enum refuses, a list that is a string.
        null = Leaf(word="x", mood=Mood.CALM, note=None, must=None, tags=[])  # type: ignore[arg-type]
        purple = Leaf(word="y", mood="purple", note=None, must="m", tags=[])  # type: ignore[arg-type]
        text = Leaf(word="z", mood=Mood.CALM, note=None, must="m", tags="tt")  # type: ignore[arg-type]
        good = BRANCHES[0].leaves[0]
        return [
            Branch(name=str(n), leaves=[good, leaf], first=None)
            for n, leaf in enumerate((null, purple, text))
        ]


BRANCHES = [
    Branch(
        name=f"b{b}",
        leaves=[
            Leaf(
                word=f"w{b}{n}",
                mood=Mood.LOUD if n % 2 else Mood.CALM,
                note=None if n % 2 else f"n{n}",
                must="m",
                tags=[f"t{n}", "x"],
            )
            for n in range(3)
        ],
        first=None,
    )
    for b in range(2)
]
BRANCHES[0].first = BRANCHES[0].leaves[0]


def _schemas() -> tuple[strawberry.Schema, strawberry.Schema]:
    generic = strawberry.Schema(query=Query)
    planned = strawberry.Schema(query=Query, execution_context_class=PlainSelectionsExecutor)
    direct.install(planned)
    return generic, planned


def _both(document: str, variables: dict[str, Any] | None = None) -> tuple[Any, Any]:
    generic, planned = _schemas()
    answers = []
    for schema in (generic, planned):
        result = schema.execute_sync(document, variable_values=variables)
        errors = [(e.message, e.path) for e in result.errors or []]
        answers.append((result.data, errors))
    return answers[0], answers[1]


def test_plain_selections_answer_as_graphql_core_does() -> None:
    document = """
    query($times: Int!, $withTags: Boolean!) {
      branches {
        __typename name
        leaves { word w: word mood note must shout loud: shout(times: $times)
                 tags @include(if: $withTags) ...More }
        first { word }
      }
    }
    fragment More on Leaf { __typename mood }
    """
    for variables in ({"times": 2, "withTags": True}, {"times": 0, "withTags": False}):
        generic, planned = _both(document, variables)
        assert planned == generic
        assert generic[1] == []
    _, planned = _both(document, {"times": 3, "withTags": True})
    leaf = planned[0]["branches"][0]["leaves"][1]
    assert leaf == {
        "word": "w01",
        "w": "w01",
        "mood": "LOUD",
        "note": None,
        "must": "m",
        "shout": "W01",
        "loud": "W01W01W01",
        "tags": ["t1", "x"],
        "__typename": "Leaf",
    }


def test_values_out_of_the_ordinary_get_graphql_cores_errors_and_paths() -> None:
    generic, planned = _both("{ broken { name leaves { word must mood tags } first { word } } }")
    assert planned == generic
    assert [tuple(path) for _, path in planned[1]] == [
        ("broken", 0, "leaves", 1, "must"),
        ("broken", 1, "leaves", 1, "mood"),
        ("broken", 2, "leaves", 1, "tags"),
    ]


def test_a_field_with_extensions_is_never_planned() -> None:
    _, planned = _schemas()
    leaf = planned._schema.type_map["Leaf"]
    assert isinstance(leaf, GraphQLObjectType)
    assert PURE not in leaf.fields["secret"].extensions
    assert PURE in leaf.fields["word"].extensions
    generic, answered = _both("{ branches { leaves { word secret } } }")
    assert answered == generic
    assert {leaf["secret"] for b in answered[0]["branches"] for leaf in b["leaves"]} == {None}


def test_plain_selections_are_completed_from_plans(monkeypatch: Any) -> None:
    completed: list[str] = []
    complete = plain_selections._Plan.complete

    def counting(plan: Any, source: Any) -> dict[str, Any]:
        completed.append(type(source).__name__)
        return complete(plan, source)

    monkeypatch.setattr(plain_selections._Plan, "complete", counting)
    _, planned = _both("{ branches { name leaves { word shout } } }")
    assert planned[1] == []
    # Each branch is planned whole, its leaves with it.
    assert completed.count("Branch") == 2
    assert completed.count("Leaf") == 6


def test_each_event_of_a_subscription_plans_with_its_own_context() -> None:
    # The hub runs each delivered event with the subscriber's context of that moment
    # (hub.api.live.stream); a plan built for one event holds that event's context.
    _, planned = _schemas()
    executor = PlainSelectionsExecutor.build(
        planned._schema, parse("{ branches { leaves { shout } } }"), context_value="first"
    )
    assert isinstance(executor, PlainSelectionsExecutor)
    executor.execute_operation()
    assert executor._plans
    event = executor.build_per_event_executor(None)
    assert isinstance(event, PlainSelectionsExecutor)
    assert event._plans == {}
    assert executor._plans
