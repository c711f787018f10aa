"""Lists that took their conditions as arguments before they had a filter still take them,
deprecated: each answers as the filter holding the same condition."""

from __future__ import annotations

import pytest

from hub.api.schema import schema
from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"
OFFICER = "advocacy@network.example.org"

CASES = [
    (COORDINATOR, "funds", 'search: "Window"', 'filter: { search: "Window" }'),
    (COORDINATOR, "funds", 'tenant: "bangladesh"', 'filter: { tenant: "bangladesh" }'),
    (OFFICER, "advocacyNotes", "status: [CLOSED]", "filter: { status: [CLOSED] }"),
    (OFFICER, "advocacyNotes", 'tenant: "global"', 'filter: { tenant: "global" }'),
    (OFFICER, "advocacyNotes", "includeArchived: true", "filter: { includeArchived: true }"),
    (OFFICER, "statements", "status: [PUBLISHED]", "filter: { status: [PUBLISHED] }"),
    (OFFICER, "statements", 'search: "IMRF"', 'filter: { search: "IMRF" }'),
    (OFFICER, "statements", 'tenant: "spain"', 'filter: { tenant: "spain" }'),
]


@pytest.mark.parametrize(("user", "field", "old", "new"), CASES)
async def test_a_deprecated_argument_answers_as_the_filter(
    client: Client, user: str, field: str, old: str, new: str
) -> None:
    template = "{{ {field}(first: 50, {args}) {{ totalCount edges {{ node {{ id }} }} }} }}"
    before = await client.gql(template.format(field=field, args=old), user=user)
    after = await client.gql(template.format(field=field, args=new), user=user)
    assert not before.errors, before.errors
    assert before.data == after.data
    everything = await client.gql(template.format(field=field, args="scope: SUBTREE"), user=user)
    # the condition narrows something, or the case would prove nothing
    assert (
        before.data[field]["totalCount"] < everything.data[field]["totalCount"]
        or "includeArchived" in old
    )


@pytest.mark.parametrize("field", ["funds", "advocacyNotes", "statements"])
def test_the_old_arguments_are_deprecated_in_the_schema(field: str) -> None:
    query = schema._schema.query_type
    assert query is not None
    arguments = query.fields[field].args
    assert {"filter", "orderBy", "scope"} <= set(arguments)
    standard = {"first", "after", "last", "before", "filter", "orderBy", "scope"}
    old = [name for name in arguments if name not in standard]
    assert old
    assert all(arguments[name].deprecation_reason for name in old)


async def test_the_new_filters_and_orders_narrow_and_sort(client: Client) -> None:
    notes = await client.gql(
        "{ advocacyNotes(first: 50, filter: { riskLevel: [HIGH, CRITICAL] }) "
        "{ edges { node { riskLevel } } } }",
        user=OFFICER,
    )
    risks = [e["node"]["riskLevel"] for e in notes.data["advocacyNotes"]["edges"]]
    assert risks
    assert set(risks) <= {"HIGH", "CRITICAL"}
    ordered = await client.gql(
        "{ statements(first: 50, orderBy: { field: TITLE, direction: ASC }) "
        "{ edges { node { title { text } } } } }",
        user=OFFICER,
    )
    titles = [e["node"]["title"]["text"] for e in ordered.data["statements"]["edges"]]
    assert len(titles) > 1
    assert titles == sorted(titles, key=str.casefold) or titles == sorted(titles)
    restricted = await client.gql(
        "{ funds(filter: { classification: [RESTRICTED] }) { totalCount } }", user=COORDINATOR
    )
    assert restricted.data == {"funds": {"totalCount": 0}}
