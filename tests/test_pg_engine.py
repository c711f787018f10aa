"""Transactions on PostgreSQL give their connection back whatever happens to BEGIN."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from urllib.parse import urlsplit

import asyncpg
import pytest
from tortoise.backends.base.client import TransactionalDBClient
from tortoise.connection import get_connections

from hub.core.errors import ErrorCode
from hub.core.pg_engine import HubAsyncpgClient
from hub.serving.unavailable import timeout_error
from tests.conftest import BACKEND
from tests.faulty_link import FaultyLink

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="the PostgreSQL engine")

POOL_SIZE = 3


@pytest.fixture
async def link(database_url: str) -> AsyncIterator[FaultyLink]:
    server = urlsplit(database_url)
    async with FaultyLink(server.hostname or "127.0.0.1", server.port or 5432).running() as link:
        yield link


@pytest.fixture
async def client(orm: None, database_url: str, link: FaultyLink) -> AsyncIterator[HubAsyncpgClient]:
    server = urlsplit(database_url)
    client = HubAsyncpgClient(
        connection_name="default",
        host="127.0.0.1",
        port=link.listen_port,
        user=server.username or "postgres",
        password=server.password,
        database=server.path.lstrip("/"),
        minsize=POOL_SIZE,
        maxsize=POOL_SIZE,
    )
    await client.create_connection(with_db=True)
    yield client
    await client.close()


async def _free(client: HubAsyncpgClient) -> int:
    """How many connections the pool can hand out at once, waiting a second for each."""
    pool = client._pool
    assert pool is not None
    taken = []
    try:
        for _ in range(POOL_SIZE):
            taken.append(await pool.acquire(timeout=1))
    except TimeoutError:
        pass
    finally:
        for connection in taken:
            await pool.release(connection)
    return len(taken)


async def _select_one(client: HubAsyncpgClient) -> int:
    async with client._in_transaction() as transaction:
        assert isinstance(transaction, TransactionalDBClient)
        _, rows = await transaction.execute_query("SELECT 1 AS one")
        return int(rows[0]["one"])


async def test_a_failed_begin_gives_its_connection_back(
    client: HubAsyncpgClient, link: FaultyLink
) -> None:
    # given a pool whose connections all work
    assert await _select_one(client) == 1
    assert await _free(client) == POOL_SIZE
    before = get_connections().get("default")

    # when BEGIN fails, more times than the pool has connections
    link.cut_at(b"BEGIN")
    for _ in range(POOL_SIZE * 3):
        with pytest.raises(Exception):  # noqa: B017, PT011 - whatever asyncpg makes of a cut
            await _select_one(client)
    link.cut_at(None)

    # then each connection came back, the task's connection is its own again, and the pool
    # serves every connection it has
    assert link.cuts == POOL_SIZE * 3
    assert await _free(client) == POOL_SIZE
    assert get_connections().get("default") is before
    assert [await _select_one(client) for _ in range(POOL_SIZE * 2)] == [1] * POOL_SIZE * 2
    assert await _free(client) == POOL_SIZE


async def test_a_begin_given_up_on_gives_its_connection_back(
    client: HubAsyncpgClient, link: FaultyLink
) -> None:
    # given a pool whose connections all work
    assert await _select_one(client) == 1
    before = get_connections().get("default")

    # when BEGIN is never answered and the request gives up on it (a timeout, a client gone)
    link.lose(b"BEGIN")
    for _ in range(POOL_SIZE * 2):
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(_select_one(client), timeout=0.5)
    link.lose(None)

    # then the connections came back all the same
    assert link.lost == POOL_SIZE * 2
    assert get_connections().get("default") is before
    assert await _free(client) == POOL_SIZE
    assert [await _select_one(client) for _ in range(POOL_SIZE * 2)] == [1] * POOL_SIZE * 2


async def test_a_statement_stopped_at_the_servers_bound_is_a_timeout(database_url: str) -> None:
    # given a connection whose statements may run 50 ms, as the server sets them
    connection = await asyncpg.connect(
        database_url.replace("postgres://", "postgresql://", 1),
        server_settings={"statement_timeout": "50"},
    )
    try:
        # when one runs longer
        with pytest.raises(asyncpg.QueryCanceledError) as stopped:
            await connection.execute("SELECT pg_sleep(2)")
    finally:
        await connection.close()

    # then the caller is told it was stopped at the statement bound
    error = timeout_error(stopped.value)
    assert error is not None
    assert (error.code, error.extensions) == (ErrorCode.TIMEOUT, {"limit": "statementTime"})
    assert timeout_error(RuntimeError("another failure")) is None
