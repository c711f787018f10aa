"""How a page of work streams is read: counted only when asked, by tenant id, and after a
cursor by a plain range of the sort key."""

from __future__ import annotations

import pytest

from tests.conftest import Client
from tests.contract import seeds
from tests.contract.lists import OPEN, POSTGRES, UNCOUNTED_STATEMENTS
from tests.workplan.queries import COORDINATOR, WORK_STREAMS


@pytest.fixture
async def many_rows(client: Client) -> None:
    await seeds.work_streams()


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
    assert counts == [UNCOUNTED_STATEMENTS] * 3, sql_log


@pytest.mark.usefixtures("many_rows")
async def test_the_page_is_read_by_tenant_id_without_joining_tenant_paths(
    client: Client, sql_log: list[str]
) -> None:
    # when
    sql_log.clear()
    reply = await client.gql(WORK_STREAMS, {"first": 5, "filter": OPEN}, user=COORDINATOR)
    # then
    assert not reply.errors, reply.errors
    reads = [s for s in sql_log if 'FROM "work_stream"' in s]
    # the count and the page, in one statement where the read is compiled
    assert len(reads) == (1 if POSTGRES else 2), sql_log
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
