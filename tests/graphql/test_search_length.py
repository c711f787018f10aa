"""A search text has a maximum length, checked before anything runs, on every list that
takes one: written into the document, sent in a variable, or inside a filter variable."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLInputObjectType, GraphQLNonNull, GraphQLObjectType

from hub.api.documents import MAX_SEARCH_LENGTH
from hub.api.schema import schema
from tests.conftest import Client

USER = "coordinator@network.example.org"


def _input_type(argument: Any) -> Any:
    kind = argument.type
    return kind.of_type if isinstance(kind, GraphQLNonNull) else kind


def _search_lists() -> list[tuple[str, str]]:
    """Every root list that takes a search text: (field, "search" or the filter argument)."""
    query = schema._schema.query_type
    assert isinstance(query, GraphQLObjectType)
    found = []
    for name, field in query.fields.items():
        for argument_name, argument in field.args.items():
            kind = _input_type(argument)
            if argument_name == "search" or (
                isinstance(kind, GraphQLInputObjectType) and "search" in kind.fields
            ):
                found.append((name, argument_name))
    return found


LISTS = _search_lists()


def _documents(field: str, argument: str) -> list[tuple[str, str, dict[str, object]]]:
    """The three ways to send a search text to one list, as (how, document, variables)."""
    long_text = "migrant " * (MAX_SEARCH_LENGTH // 8 + 1)
    if argument == "search":
        written = f'{{ {field}(search: "{long_text}") {{ totalCount }} }}'
        by_variable = f"query ($s: String) {{ {field}(search: $s) {{ totalCount }} }}"
        return [
            ("written", written, {}),
            ("variable", by_variable, {"s": long_text}),
        ]
    kind = _input_type(schema._schema.query_type.fields[field].args[argument])  # type: ignore[union-attr]
    written = f'{{ {field}({argument}: {{search: "{long_text}"}}) {{ totalCount }} }}'
    by_variable = f"query ($s: String) {{ {field}({argument}: {{search: $s}}) {{ totalCount }} }}"
    whole = f"query ($f: {kind.name}) {{ {field}({argument}: $f) {{ totalCount }} }}"
    return [
        ("written", written, {}),
        ("variable", by_variable, {"s": long_text}),
        ("filter variable", whole, {"f": {"search": long_text}}),
    ]


def test_every_list_with_a_search_is_covered() -> None:
    names = {field for field, _ in LISTS}
    assert {"workStreams", "organisations", "proposals", "funds", "statements"} <= names


@pytest.mark.parametrize(("field", "argument"), LISTS, ids=[f for f, _ in LISTS])
async def test_a_search_text_over_the_maximum_is_refused_before_execution(
    client: Client, field: str, argument: str
) -> None:
    for how, document, variables in _documents(field, argument):
        # when a search text one word over the maximum is sent
        reply = await client.gql(document, variables, user=USER)

        # then it is a request error: user input, refused before any field ran
        assert reply.codes == ["BAD_USER_INPUT"], (how, reply.body)
        assert str(MAX_SEARCH_LENGTH) in reply.errors[0]["message"], how
        assert "path" not in reply.errors[0], how
        assert reply.data is None, how


async def test_a_search_text_at_the_maximum_runs(client: Client) -> None:
    text = "x" * MAX_SEARCH_LENGTH
    reply = await client.gql(
        "query ($s: String) { workStreams(filter: {search: $s}) { totalCount } }",
        {"s": text},
        user=USER,
    )
    assert reply.errors == []
    assert reply.data == {"workStreams": {"totalCount": 0}}
