"""The number of SQL statements a request makes must not depend on how many rows it returns."""

from __future__ import annotations

from hub.workplan.models import WorkStream
from tests.conftest import BACKEND, Client
from tests.workplan.queries import COORDINATOR, WORK_STREAMS


async def _statements(client: Client, sql_log: list[str], first: int) -> int:
    sql_log.clear()
    reply = await client.gql(WORK_STREAMS, {"first": first}, user=COORDINATOR)
    assert len(reply.data["workStreams"]["edges"]) == min(
        first, reply.data["workStreams"]["totalCount"]
    )
    return len(sql_log)


async def test_statements_per_request_do_not_grow_with_page_size(
    client: Client, sql_log: list[str]
) -> None:
    # given enough rows for a large page
    global_tenant = (await WorkStream.first().select_related("tenant")).tenant  # type: ignore[union-attr]
    await WorkStream.bulk_create(
        [WorkStream(tenant=global_tenant, title=f"Stream {n:03}") for n in range(60)]
    )
    # when
    small = await _statements(client, sql_log, 1)
    large = await _statements(client, sql_log, 50)
    # then: the user, the tenant, the count and the page (and on PostgreSQL the role and
    # tenant scope of the transaction)
    assert small == large
    assert large == (6 if BACKEND == "postgres" else 4), sql_log
