"""The number of SQL statements a request makes must not depend on how many rows it returns."""

from __future__ import annotations

from typing import Any

import pytest

from hub.access.classification import Classification
from hub.workplan.models import WorkStream
from tests.conftest import BACKEND, Client
from tests.workplan.queries import COORDINATOR, WORK_STREAMS

# The revision of users and tenants (both, the tenant with the ids of its subtree, then come
# from the process's cache), the revision the result cache checks, the count (WORK_STREAMS
# selects totalCount) and the page (and on PostgreSQL one statement setting the transaction's
# role and tenant scope).
LIST_STATEMENTS = 5 if BACKEND == "postgres" else 4
# Reading confidential rows appends one audit entry: a lock (PostgreSQL), the last hash and
# the insert, however many rows were read.
AUDIT_STATEMENTS = 3 if BACKEND == "postgres" else 2


async def _statements(client: Client, sql_log: list[str], first: int, flt: dict[str, Any]) -> int:
    await client.warm(COORDINATOR)
    sql_log.clear()
    reply = await client.gql(WORK_STREAMS, {"first": first, "filter": flt}, user=COORDINATOR)
    assert len(reply.data["workStreams"]["edges"]) == first
    return len(sql_log)


@pytest.fixture
async def many_rows(client: Client) -> None:
    global_tenant = (
        await WorkStream.filter(tenant__slug="global").first().select_related("tenant")
    ).tenant  # type: ignore[union-attr]
    await WorkStream.bulk_create(
        [
            WorkStream(tenant=global_tenant, title=f"Stream {n:03}", classification=c)
            for n in range(60)
            for c in (Classification.NETWORK, Classification.CONFIDENTIAL)
        ]
    )


@pytest.mark.usefixtures("many_rows")
async def test_statements_per_request_do_not_grow_with_page_size(
    client: Client, sql_log: list[str]
) -> None:
    # given
    flt = {"classification": ["PUBLIC", "NETWORK"]}
    # when
    small = await _statements(client, sql_log, 1, flt)
    large = await _statements(client, sql_log, 50, flt)
    # then
    assert (small, large) == (LIST_STATEMENTS, LIST_STATEMENTS), sql_log


@pytest.mark.usefixtures("many_rows")
async def test_auditing_confidential_reads_costs_the_same_for_any_page_size(
    client: Client, sql_log: list[str]
) -> None:
    # given
    flt = {"classification": ["CONFIDENTIAL"]}
    # when
    small = await _statements(client, sql_log, 1, flt)
    large = await _statements(client, sql_log, 50, flt)
    # then
    expected = LIST_STATEMENTS + AUDIT_STATEMENTS
    assert (small, large) == (expected, expected), sql_log


WITHOUT_TOTAL = """
query($first: Int) {
  workStreams(first: $first, filter: {classification: [PUBLIC, NETWORK]}) {
    pageInfo { hasNextPage }
    edges { node { title } }
  }
}
"""


@pytest.mark.usefixtures("many_rows")
async def test_a_list_is_counted_only_when_its_total_is_asked_for(
    client: Client, sql_log: list[str]
) -> None:
    counts = []
    for first in (0, 1, 50):
        # when
        await client.warm(COORDINATOR)
        sql_log.clear()
        reply = await client.gql(WITHOUT_TOTAL, {"first": first}, user=COORDINATOR)
        # then
        assert not reply.errors, reply.errors
        assert len(reply.data["workStreams"]["edges"]) == first
        assert reply.data["workStreams"]["pageInfo"]["hasNextPage"] is True
        assert not [s for s in sql_log if "COUNT(" in s.upper()], sql_log
        counts.append(len(sql_log))
    assert counts == [LIST_STATEMENTS - 1] * 3, sql_log


@pytest.mark.usefixtures("many_rows")
async def test_the_page_is_read_by_tenant_id_without_joining_tenant_paths(
    client: Client, sql_log: list[str]
) -> None:
    # when
    sql_log.clear()
    reply = await client.gql(WORK_STREAMS, {"first": 5}, user=COORDINATOR)
    # then
    assert not reply.errors, reply.errors
    reads = [s for s in sql_log if 'FROM "work_stream"' in s]
    assert len(reads) == 2, sql_log  # the count and the page
    assert all('"path"' not in s and "tenant_id" in s for s in reads), reads


@pytest.mark.usefixtures("many_rows")
async def test_a_page_after_a_cursor_names_a_plain_range_of_the_sort_key(
    client: Client, sql_log: list[str]
) -> None:
    # given
    first = await client.gql(WORK_STREAMS, {"first": 5}, user=COORDINATOR)
    cursor = first.data["workStreams"]["pageInfo"]["endCursor"]
    # when
    sql_log.clear()
    reply = await client.gql(WORK_STREAMS, {"first": 5, "after": cursor}, user=COORDINATOR)
    # then: without it, PostgreSQL walks the index from the first row to the cursor
    assert not reply.errors, reply.errors
    page = [s for s in sql_log if 'FROM "work_stream"' in s and "LIMIT" in s]
    assert len(page) == 1, sql_log
    assert '"created_at">=' in page[0].replace(" ", ""), page


RELATIONS = """
query($first: Int) {
  workStreams(first: $first, filter: {classification: [PUBLIC, NETWORK]}) {
    edges { node { title members { role organisation { name } } } }
  }
  priorities(first: $first) { edges { node { title { text } workStreams { title } } } }
}
"""


async def test_members_and_priorities_cost_the_same_for_any_page_size(
    client: Client, sql_log: list[str]
) -> None:
    counts = []
    for first in (1, 8):
        await client.warm(COORDINATOR)
        sql_log.clear()
        reply = await client.gql(RELATIONS, {"first": first}, user=COORDINATOR)
        assert not reply.errors, reply.errors
        assert len(reply.data["priorities"]["edges"]) == first
        counts.append(len(sql_log))
    assert counts[0] == counts[1], sql_log
