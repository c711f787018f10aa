"""A database outage answers 503 UNAVAILABLE, and the service recovers by itself."""

from __future__ import annotations

import asyncio
import contextlib
import os
import sys
import time
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta
from typing import Any

import asyncpg
import httpx
import pytest

from hub.auth.tokens import issue_dev_token
from hub.serving.unavailable import is_database_unavailable
from hub.workplan.service import WorkStreamService
from tests.clusters import Cluster, free_port, own_cluster
from tests.conftest import BACKEND, SECRET_KEY, Client

QUERY = "{ viewer { email } workStreams(first: 3) { totalCount } }"
USER = "coordinator@network.example.org"
# How long the service may take to answer again once the database is back.
RECOVERY_BOUND = 15.0


@pytest.mark.parametrize(
    "error",
    [
        ConnectionRefusedError(111, "Connection refused"),
        asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation"),
        asyncpg.CannotConnectNowError("the database system is shutting down"),
        asyncpg.InterfaceError("cannot perform operation: connection is closed"),
        # Seen when the server terminates a pooled connection as a query is sent on it.
        asyncpg.InternalClientError("cannot switch to state 12; another operation (2) is in"),
    ],
)
def test_connection_failures_count_as_unavailable(error: Exception) -> None:
    # given an error raised while handling the connection failure
    try:
        try:
            raise error
        except Exception as inner:
            raise RuntimeError("while rolling back") from inner
    except RuntimeError as outer:
        wrapped = outer
    # then both are recognised
    assert is_database_unavailable(error)
    assert is_database_unavailable(wrapped)


@pytest.mark.parametrize(
    "error",
    [
        ValueError("bad"),
        FileNotFoundError(2, "No such file"),
        asyncpg.InterfaceError("the number of query arguments cannot exceed 32767"),
        asyncpg.UniqueViolationError("duplicate key"),
    ],
)
def test_other_failures_do_not(error: Exception) -> None:
    assert not is_database_unavailable(error)


def _connection_lost(*args: object, **kwargs: object) -> Any:
    raise asyncpg.ConnectionDoesNotExistError("connection was closed in the middle of operation")


async def test_losing_the_database_mid_operation_leaves_no_partial_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the viewer resolves but the work streams' query loses its connection
    monkeypatch.setattr(WorkStreamService, "search", _connection_lost)
    # when
    reply = await client.gql(QUERY, user=USER)
    # then
    assert reply.status == 503
    assert reply.codes == ["UNAVAILABLE"]
    assert "data" not in reply.body
    assert "connection" not in reply.errors[0]["message"]


async def test_failing_to_open_the_request_transaction_answers_503(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given the operation's transaction cannot be opened
    def no_scope(tenant_path: str, reach: str = "") -> contextlib.AbstractAsyncContextManager[None]:
        return _failing_scope()

    @contextlib.asynccontextmanager
    async def _failing_scope() -> AsyncIterator[None]:
        raise ConnectionRefusedError(111, "Connection refused")
        yield

    monkeypatch.setattr("hub.api.isolation.tenant_scope", no_scope)
    # when
    reply = await client.gql(QUERY, user=USER)
    # then
    assert reply.status == 503
    assert reply.codes == ["UNAVAILABLE"]
    assert "data" not in reply.body


@pytest.fixture
def cluster() -> Iterator[Cluster]:
    """A PostgreSQL cluster of the test's own, to stop and start at will."""
    with own_cluster("hub-outage-") as started:
        yield started


POOL_SIZE = 4


def _hub_env(database_url: str) -> dict[str, str]:
    return {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_SECRET_KEY": SECRET_KEY,
        "HUB_DB_POOL_SIZE": str(POOL_SIZE),
    }


@pytest.fixture
async def server(cluster: Cluster) -> AsyncIterator[str]:
    """`hub serve` on the cluster, with the demo network; yields its base URL."""
    env = _hub_env(cluster.url)
    for command in (["migrate"], ["demo", "load"]):
        setup = await asyncio.create_subprocess_exec(
            *(sys.executable, "-m", "hub", *command),
            env=env,
            stdout=asyncio.subprocess.DEVNULL,
            stderr=asyncio.subprocess.PIPE,
        )
        _, stderr = await setup.communicate()
        assert setup.returncode == 0, stderr.decode()
    port = free_port()
    process = await asyncio.create_subprocess_exec(
        *(sys.executable, "-m", "hub", "serve", "--port", str(port)),
        env=env,
        stdout=asyncio.subprocess.DEVNULL,
        stderr=asyncio.subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=5) as http:
            deadline = time.monotonic() + 60
            while not await _ready(http):
                assert process.returncode is None, "hub serve exited"
                assert time.monotonic() < deadline, "hub serve did not become ready"
                await asyncio.sleep(0.1)
        yield base
    finally:
        process.terminate()
        await process.wait()


async def _ready(http: httpx.AsyncClient) -> bool:
    try:
        return (await http.get("/readyz")).status_code == 200
    except httpx.TransportError:
        return False


async def _ask(http: httpx.AsyncClient, token: str) -> tuple[int, dict[str, Any]]:
    reply = await http.post(
        "/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}"}
    )
    return reply.status_code, reply.json()


def _is_answer(status: int, body: dict[str, Any]) -> bool:
    return status == 200 and "errors" not in body and body["data"]["viewer"]["email"] == USER


def _is_unavailable(status: int, body: dict[str, Any]) -> bool:
    codes = [e["extensions"]["code"] for e in body.get("errors", [])]
    return status == 503 and codes == ["UNAVAILABLE"] and "data" not in body


@pytest.mark.postgres_only
@pytest.mark.skipif(BACKEND != "postgres", reason="stops and starts a PostgreSQL cluster")
async def test_outage_answers_503_and_the_service_recovers(cluster: Cluster, server: str) -> None:
    token = issue_dev_token(SECRET_KEY, USER, None, timedelta(hours=1))
    replies: list[tuple[int, dict[str, Any]]] = []
    stop = asyncio.Event()

    answered = asyncio.Event()

    async def keep_asking(http: httpx.AsyncClient) -> None:
        while not stop.is_set():
            replies.append(await _ask(http, token))
            if len(replies) >= 8:
                answered.set()
            await asyncio.sleep(0.01)

    async with httpx.AsyncClient(base_url=server, timeout=10) as http:
        # given a few clients asking all the time
        workers = [asyncio.create_task(keep_asking(http)) for _ in range(4)]
        # (a caller's first request works out its rights, which takes a while on a busy
        # machine: wait, bounded, for a few answers rather than a fixed time)
        await asyncio.wait_for(answered.wait(), 10)
        assert all(_is_answer(*reply) for reply in replies), replies[:3]

        # when the database stops under them
        await asyncio.to_thread(cluster.stop)
        await asyncio.sleep(0.5)
        during = [await _ask(http, token) for _ in range(3)]
        readyz = await http.get("/readyz")

        # then requests answer 503 UNAVAILABLE, and so does readiness
        assert all(_is_unavailable(*reply) for reply in during), during
        assert readyz.status_code == 503
        assert readyz.json()["checks"]["database"] is False

        # when it comes back
        await asyncio.to_thread(cluster.start)
        back = time.monotonic()
        while not _is_answer(*await _ask(http, token)):
            assert time.monotonic() - back < RECOVERY_BOUND, "no recovery"
            await asyncio.sleep(0.05)
        recovered_after = time.monotonic() - back
        await asyncio.sleep(0.3)
        stop.set()
        await asyncio.gather(*workers)

        # then the service answers again on its own, with no dead connection left over
        after = [await _ask(http, token) for _ in range(20)]
        assert all(_is_answer(*reply) for reply in after), after[:3]
        assert (await http.get("/readyz")).status_code == 200
        # and at no point was there a 500, a traceback or half an answer
        odd = [r for r in replies if not (_is_answer(*r) or _is_unavailable(*r))]
        assert odd == []
        assert any(_is_unavailable(*r) for r in replies)
        print(f"recovered {recovered_after:.2f}s after the database was back")


CREATE = (
    "mutation ($title: String!) { createWorkStream(input: {title: $title, "
    "classification: NETWORK}) { workStream { title } errors { code } } }"
)
OUTAGES = 10
KILLS = 20
# How long the pool may take to have every connection back once the load stops.
REST_BOUND = 5.0


@pytest.mark.postgres_only
@pytest.mark.skipif(BACKEND != "postgres", reason="stops and starts a PostgreSQL cluster")
async def test_outages_under_load_leave_the_pool_whole_and_each_write_once(
    cluster: Cluster, server: str
) -> None:
    token = issue_dev_token(SECRET_KEY, USER, None, timedelta(hours=1))
    auth = {"Authorization": f"Bearer {token}"}
    replies: list[tuple[int, dict[str, Any]]] = []
    acknowledged: list[str] = []
    attempted: list[str] = []
    recoveries: list[float] = []
    retries = 0
    stop = asyncio.Event()

    async def read(http: httpx.AsyncClient) -> None:
        while not stop.is_set():
            replies.append(await _ask(http, token))
            await asyncio.sleep(0.01)

    async def write(http: httpx.AsyncClient, writer: int) -> None:
        # Each write is retried with its key until it is answered, as the README advises.
        nonlocal retries
        number = 0
        while not stop.is_set():
            number += 1
            title = f"Outage write {writer}-{number}"
            attempted.append(title)
            key = str(uuid.uuid4())
            while True:
                reply = await http.post(
                    "/graphql",
                    json={"query": CREATE, "variables": {"title": title}},
                    headers={**auth, "Idempotency-Key": key},
                )
                body = reply.json()
                if reply.status_code == 200:
                    assert body["data"]["createWorkStream"]["errors"] == [], body
                    acknowledged.append(title)
                    break
                assert _is_unavailable(reply.status_code, body), body
                retries += 1
                await asyncio.sleep(0.05)

    async with httpx.AsyncClient(base_url=server, timeout=10) as http:
        # given readers and writers at work
        workers = [asyncio.create_task(read(http)) for _ in range(3)]
        workers += [asyncio.create_task(write(http, n)) for n in range(2)]
        await asyncio.sleep(0.3)

        # when the database goes away and comes back, again and again
        for _ in range(OUTAGES):
            await asyncio.to_thread(cluster.stop)
            await asyncio.sleep(0.3)
            await asyncio.to_thread(cluster.start)
            back = time.monotonic()
            while not _is_answer(*await _ask(http, token)):
                assert time.monotonic() - back < RECOVERY_BOUND, "no recovery"
                await asyncio.sleep(0.05)
            recoveries.append(time.monotonic() - back)
            await asyncio.sleep(0.3)
        # and its connections are killed under the requests, again and again
        killer = await asyncpg.connect(cluster.url.replace("postgres://", "postgresql://", 1))
        try:
            for _ in range(KILLS):
                await killer.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()"
                )
                await asyncio.sleep(0.1)
        finally:
            await killer.close()
        await asyncio.sleep(0.5)
        stop.set()
        await asyncio.gather(*workers)

        # then every answer was an answer or a 503, never a 500
        odd = [r for r in replies if not (_is_answer(*r) or _is_unavailable(*r))]
        assert odd == []
        # and at rest the pool has every connection back: a request's connection returns
        # to the pool just after its answer has left, and one that was killed is replaced,
        # so rest is waited for, within a bound that a lost connection would not meet
        stopped = time.monotonic()
        settled = stopped + REST_BOUND
        while True:
            ready = await http.get("/readyz")
            assert ready.status_code == 200
            if ready.json()["connections"]["free"] == POOL_SIZE or time.monotonic() > settled:
                break
            await asyncio.sleep(0.1)
        pool = ready.json()["connections"]
        at_rest_after = time.monotonic() - stopped

    # and each acknowledged write is stored once, however often it was retried
    connection = await asyncpg.connect(cluster.url.replace("postgres://", "postgresql://", 1))
    try:
        rows = await connection.fetch(
            "SELECT title, count(*) AS copies FROM work_stream "
            "WHERE title LIKE 'Outage write %' GROUP BY title"
        )
    finally:
        await connection.close()
    copies = {str(row["title"]): int(row["copies"]) for row in rows}
    print(
        f"{OUTAGES} outages, {KILLS} kills: {len(replies)} reads "
        f"({sum(_is_unavailable(*r) for r in replies)} answered 503), "
        f"{len(acknowledged)} writes acknowledged after {retries} retries, "
        f"{sum(copies.values())} stored; slowest recovery {max(recoveries):.2f} s; "
        f"pool {pool} after {at_rest_after:.2f} s"
    )
    assert acknowledged
    assert sorted(acknowledged) == sorted(attempted)  # a writer goes on once answered
    assert copies == dict.fromkeys(acknowledged, 1)
    assert pool == {"max": POOL_SIZE, "free": POOL_SIZE}
