"""Which path answers: a list query that compiles is one statement per root field, in the
request's tenant scope; anything else is the resolvers', and still answers rightly."""

from __future__ import annotations

import base64
import json
from datetime import UTC, date, datetime
from typing import Any
from uuid import uuid4

import asyncpg
import pytest
from tortoise.backends.asyncpg.client import AsyncpgDBClient

from hub.audit.models import AuditEntry
from hub.core.pg_engine import pool_counts
from hub.directory.models import Organisation
from hub.proposals.models import Proposal
from hub.tenancy.models import Tenant
from hub.workplan.models import Priority, WorkStream, WorkStreamMembership
from tests.compiled.conftest import ONLY_ON_POSTGRES, Paths, built_json
from tests.conftest import relay_id

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
        # a page under a row the node refers to
        "{ proposals(first: 2) { edges { node { id workStream { proposals { totalCount } } } } } }",
        # a fragment on an interface
        "{ workStreams(first: 2) { edges { node { ... on Node { id } } } } }",
        # a row under the node that is not declared
        "{ workStreams(first: 2) { edges { node { id tenant { slug } } } } }",
        # a field of a nested page that does not compile
        "{ workStreams(first: 2) { edges { node { proposals { edges { node { workStream "
        "{ tenant { slug } } } } } } } } }",
        # a fragment spread under a condition
        "{ workStreams(first: 2) { edges { node { ...F @include(if: true) "
        "} } } } fragment F on WorkStream { id }",
        # a directive
        "{ workStreams(first: 2) { totalCount @include(if: true) } }",
        # a list its service does not page alone (contacts)
        "{ contacts(first: 2) { totalCount } }",
        # a root field that is not a list
        "{ viewer { email } }",
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


HEADLINE = """{
  workStreams(first: 20) {
    edges { node { id title proposals(first: 5) { edges { node { id title } } } } }
  }
}"""


@pytest.mark.parametrize("accept_language", [None, "fr-CH, fr;q=0.9", "zh", "ar, es;q=0.5"])
async def test_nested_pages_and_translations_are_one_statement(
    paths: Paths, accept_language: str | None
) -> None:
    # given: work streams with their first proposals, titles in the languages asked for
    headers = {"accept-language": accept_language} if accept_language else {}
    document = HEADLINE.replace("title", "title localizedTitle { text language available }")
    await paths.compiled.warm(USER)
    # when
    paths.sql_log.clear()
    compiled = await paths.compiled.gql(document, user=USER, headers=headers)
    statements = list(paths.sql_log)
    resolved = await paths.resolved.gql(document, user=USER, headers=headers)
    # then
    assert not compiled.errors, compiled.errors
    assert compiled.body == resolved.body
    assert len(built_json(statements)) == 1, statements
    streams = compiled.data["workStreams"]["edges"]
    assert any(s["node"]["proposals"]["edges"] for s in streams)


async def test_a_confidential_row_in_a_nested_page_is_read_by_the_resolvers(
    paths: Paths,
) -> None:
    # given: a confidential proposal first under the first work stream
    stream = await WorkStream.filter(archived_at__isnull=True).order_by("created_at").first()
    assert stream is not None
    proposal = (
        await Proposal.filter(work_stream_id=stream.id, archived_at__isnull=True)
        .order_by("submitted_at")
        .first()
    )
    assert proposal is not None
    await Proposal.filter(id=proposal.id).update(classification="confidential")
    await paths.compiled.warm(USER)

    async def audited() -> int:
        return await AuditEntry.filter(
            object__contains=str(proposal.id), action="proposal.read"
        ).count()

    # when
    before = await audited()
    compiled = await paths.compiled.gql(HEADLINE, user=USER)
    between = await audited()
    resolved = await paths.resolved.gql(HEADLINE, user=USER)
    # then: the same answer, each read of the confidential row audited once
    assert compiled.body == resolved.body
    assert between - before == 1
    assert await audited() - between == 1


async def test_a_confidential_record_by_node_is_read_by_the_resolvers_beside_a_compiled_list(
    paths: Paths,
) -> None:
    # given: a confidential work stream the caller may read
    stream = await WorkStream.filter(archived_at__isnull=True).order_by("created_at").first()
    assert stream is not None
    await WorkStream.filter(id=stream.id).update(classification="confidential")
    document = (
        "query($id: ID!) { node(id: $id) { ... on WorkStream { title classification } } "
        "proposals(first: 2) { totalCount } }"
    )
    variables = {"id": relay_id("WorkStream", stream.id)}
    await paths.compiled.warm(USER)

    async def audited() -> int:
        return await AuditEntry.filter(
            object__contains=str(stream.id), action="work_stream.read"
        ).count()

    # when
    before = await audited()
    answers = await paths.ask(document, variables, user=USER)
    # then: the same answer; the list compiled, the record read (and audited) by the
    # resolvers, once on each path
    assert not answers.compiled.errors, answers.compiled.errors
    assert answers.compiled.data["node"]["classification"] == "CONFIDENTIAL"
    assert json.dumps(answers.compiled.body) == json.dumps(answers.resolved.body)
    assert len(built_json(answers.statements)) == 2  # the list, and the node found confidential
    assert await audited() - before == 2


@pytest.mark.parametrize(
    "document",
    [
        "{ contacts(first: 2) { totalCount } workStreams(first: 2) { totalCount } }",
        "{ a: workStreams(first: 1) { totalCount } viewer { email } b: workStreams { "
        "edges { node { id } } } }",
        "query($id: ID!) { nodes(ids: [$id]) { id } proposals(first: 2) { totalCount } }",
        "query($id: ID!) { node(id: $id) { id ... on WorkStream { title } } "
        "proposals(first: 2) { totalCount } }",
    ],
)
async def test_root_fields_that_do_not_compile_are_the_resolvers_beside_those_that_do(
    paths: Paths, document: str
) -> None:
    # given
    stream = await WorkStream.filter(archived_at__isnull=True).order_by("created_at").first()
    assert stream is not None
    variables = {"id": relay_id("WorkStream", stream.id)}
    await paths.compiled.warm(USER)
    # when
    answers = await paths.ask(document, variables if "$id" in document else None, user=USER)
    # then: the same answer, in the operation's order, the lists and node by one
    # statement each
    assert not answers.compiled.errors, answers.compiled.errors
    assert json.dumps(answers.compiled.body) == json.dumps(answers.resolved.body)
    compiled = sum(document.count(name) for name in ("orkStreams", "proposals", "node("))
    assert len(built_json(answers.statements)) == compiled


async def test_an_error_beside_compiled_root_fields_keeps_its_path(paths: Paths) -> None:
    # given: a node id that is not one, beside a list that compiles
    document = 'query { workStreams(first: 1) { totalCount } node(id: "not-an-id") { id } }'
    await paths.compiled.warm(USER)
    # when
    answers = await paths.ask(document, user=USER)
    # then
    assert answers.compiled.errors, answers.compiled.body
    assert json.dumps(answers.compiled.body) == json.dumps(answers.resolved.body)
    assert built_json(answers.statements)


async def test_the_resolvers_path_compiles_nothing(paths: Paths) -> None:
    # when
    paths.sql_log.clear()
    reply = await paths.resolved.gql(HEADLINE, user=USER)
    # then
    assert not reply.errors, reply.errors
    assert paths.sql_log
    assert not built_json(paths.sql_log), paths.sql_log


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


async def test_losing_the_database_in_a_compiled_statement_answers_503(
    paths: Paths, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given: the connection drops while the compiled statement runs
    sent = AsyncpgDBClient.execute_query

    async def dropping(self: AsyncpgDBClient, query: str, values: Any = None) -> Any:
        if "hub_answer" in query:
            raise asyncpg.ConnectionDoesNotExistError("connection was closed in the middle")
        return await sent(self, query, values)

    await paths.compiled.warm(USER)
    monkeypatch.setattr(AsyncpgDBClient, "execute_query", dropping)
    # when
    reply = await paths.compiled.gql(HEADLINE, user=USER)
    # then: unavailable, and no part of an answer
    assert (reply.status, reply.codes) == (503, ["UNAVAILABLE"])
    assert "data" not in reply.body
    # and the request's connection is back in the pool
    pool = pool_counts()
    assert pool is not None
    assert pool["free"] == pool["max"], pool


async def test_a_member_that_left_shows_only_when_past_members_are_asked_for(
    paths: Paths,
) -> None:
    # given: a work stream one of whose members left
    membership = await WorkStreamMembership.all().order_by("since", "id").first()
    assert membership is not None
    await WorkStreamMembership.filter(id=membership.id).update(until=date(2026, 1, 31))
    stream_id = relay_id("WorkStream", membership.work_stream_id)
    document = (
        "query($id: ID!) { node(id: $id) { ... on WorkStream { members { id } "
        "past: members(includePast: true) { id until } } } }"
    )
    await paths.compiled.warm(USER)
    # when
    answers = await paths.ask(document, {"id": stream_id}, user=USER)
    # then: the same answer, built by one statement; the member that left in one list only
    assert not answers.compiled.errors, answers.compiled.errors
    assert json.dumps(answers.compiled.body) == json.dumps(answers.resolved.body)
    assert len(built_json(answers.statements)) == 1
    left = relay_id("WorkStreamMember", membership.id)
    stream = answers.compiled.data["node"]
    assert left not in [m["id"] for m in stream["members"]]
    assert {"id": left, "until": "2026-01-31"} in stream["past"]


async def test_records_named_in_a_list_keep_its_order_repeats_and_gaps(paths: Paths) -> None:
    # given: a priority naming work streams out of order, one twice, one unknown, one
    # malformed and one archived
    priority = await Priority.all().order_by("id").first()
    assert priority is not None
    streams = [
        str(pk) for pk in await WorkStream.all().order_by("-id").values_list("id", flat=True)
    ]
    named = [streams[2], streams[0], streams[2], str(uuid4()), "not-an-id", streams[1]]
    await Priority.filter(id=priority.id).update(work_stream_ids=named)
    await WorkStream.filter(id=streams[1]).update(archived_at=datetime(2026, 1, 1, tzinfo=UTC))
    document = "query($id: ID!) { node(id: $id) { ... on Priority { workStreams { id title } } } }"
    variables = {"id": relay_id("Priority", priority.id)}
    await paths.compiled.warm(USER)
    # when
    answers = await paths.ask(document, variables, user=USER)
    # then: the same answer, built by one statement
    assert not answers.compiled.errors, answers.compiled.errors
    assert json.dumps(answers.compiled.body) == json.dumps(answers.resolved.body)
    assert len(built_json(answers.statements)) == 1
    shown = [s["id"] for s in answers.compiled.data["node"]["workStreams"]]
    relay = [relay_id("WorkStream", pk) for pk in streams[:3]]
    assert shown[:3] == [relay[2], relay[0], relay[2]]
