"""Which path answers: a list query that compiles is one statement per root field, in the
request's tenant scope; anything else is the resolvers', and still answers rightly."""

from __future__ import annotations

import base64

import pytest

from hub.directory.models import Organisation
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream
from tests.compiled.conftest import ONLY_ON_POSTGRES, Paths, built_json

USER = "coordinator@network.example.org"
OPEN_ONLY = "[PUBLIC, NETWORK]"
OPEN = f"{{classification: {OPEN_ONLY}}}"
TWO_LISTS = f"""{{
  workStreams(first: 3, filter: {OPEN}) {{
    totalCount pageInfo {{ hasNextPage endCursor }} edges {{ cursor node {{ id status }} }}
  }}
  organisations(first: 2, orderBy: {{field: NAME, direction: DESC}}) {{
    edges {{ node {{ id name country }} }}
  }}
}}"""

pytestmark = ONLY_ON_POSTGRES


async def test_one_statement_per_root_field(paths: Paths) -> None:
    # given
    await paths.compiled.warm(USER)
    # when
    answers = await paths.ask(TWO_LISTS, user=USER)
    # then
    assert answers.compiled.body == answers.resolved.body
    assert len(built_json(answers.statements)) == 2, answers.statements
    page_reads = [
        s for s in answers.statements if 'FROM "work_stream"' in s or 'FROM "organisation"' in s
    ]
    assert len(page_reads) == 2, answers.statements


@pytest.mark.parametrize(
    "document",
    [
        # a translated field
        "{ workStreams(first: 2) { edges { node { id title } } } }",
        # a nested connection
        "{ workStreams(first: 2) { edges { node { id proposals { totalCount } } } } }",
        # a fragment
        "{ workStreams(first: 2) { edges { node { ...F } } } } fragment F on WorkStream { id }",
        # a directive
        "{ workStreams(first: 2) { totalCount @include(if: true) } }",
        # a list its service does not page alone (contacts), next to one that compiles
        "{ contacts(first: 2) { totalCount } workStreams(first: 2) { totalCount } }",
        # a root field that is not a list
        "{ viewer { email } workStreams(first: 2) { totalCount } }",
    ],
)
async def test_what_does_not_compile_is_the_resolvers(paths: Paths, document: str) -> None:
    # given
    await paths.compiled.warm(USER)
    # when
    answers = await paths.ask(document, user=USER)
    # then
    assert not answers.compiled.errors, answers.compiled.errors
    assert answers.compiled.body == answers.resolved.body
    assert not built_json(answers.statements), answers.statements


async def test_mutations_are_the_resolvers(paths: Paths) -> None:
    # given
    document = 'mutation { archiveWorkStream(id: "V29ya1N0cmVhbTpub25l") { __typename } }'
    # when
    answers = await paths.ask(document, user=USER)
    # then
    assert not built_json(answers.statements)
    assert answers.compiled.errors
    assert answers.compiled.body == answers.resolved.body


@pytest.mark.parametrize(
    "variables",
    [{"first": 101}, {"first": -1}, {"first": 2, "after": "bm90IGEgY3Vyc29y"}],
)
async def test_refused_input_is_refused_by_the_resolvers(
    paths: Paths, variables: dict[str, object]
) -> None:
    # given
    document = (
        "query($first: Int, $after: String) "
        "{ workStreams(first: $first, after: $after) { totalCount } }"
    )
    # when
    answers = await paths.ask(document, variables, user=USER)
    # then
    assert answers.compiled.codes in (["BAD_USER_INPUT"], ["LIMIT_EXCEEDED"])
    assert answers.compiled.body == answers.resolved.body
    assert not built_json(answers.statements)


async def test_another_tenants_rows_never_appear(paths: Paths, sql_log: list[str]) -> None:
    # given: a reader in Dhaka, and the work streams of every other tenant
    reader = "lead.dhaka@network.example.org"
    outside = {
        str(w.id)
        for w in await WorkStream.all().prefetch_related("tenant")
        if w.tenant.slug != "dhaka"
    }
    document = (
        f"{{ workStreams(first: 100, filter: {{includeArchived: true, "
        f"classification: {OPEN_ONLY}}}) {{ totalCount edges {{ node {{ id }} }} }} }}"
    )
    await paths.compiled.warm(reader)
    sql_log.clear()
    # when
    reply = await paths.compiled.gql(document, user=reader)
    # then
    assert built_json(sql_log), sql_log
    ids = {
        base64.b64decode(e["node"]["id"]).decode().split(":")[1]
        for e in reply.data["workStreams"]["edges"]
    }
    assert not ids & outside
    assert reply.data["workStreams"]["totalCount"] == len(ids)


async def test_cursors_of_any_text_are_the_resolvers(paths: Paths) -> None:
    # given: names that JSON escapes, or that only some encoders escape
    tenant = await Tenant.get(slug="global")
    for name in ('"Quoted" \\ back\tslash', "Réseau — 移民 \u2028", "A\x01control'"):
        await Organisation.create(
            tenant_id=tenant.id, name=name, kind="civil_society", classification="public"
        )
    document = (
        "{ organisations(first: 100, orderBy: {field: NAME, direction: ASC}) "
        "{ pageInfo { startCursor endCursor } edges { cursor node { name } } } }"
    )
    await paths.compiled.warm(USER)
    # when
    answers = await paths.ask(document, user=USER)
    # then
    assert built_json(answers.statements), answers.statements
    assert answers.compiled.body == answers.resolved.body
