"""Mutations sent with an Idempotency-Key: a retry returns the first answer, writes nothing."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest
from tortoise.exceptions import OperationalError

from hub.api import isolation
from hub.api.view import HubGraphQL
from hub.core.pg_engine import pool_counts
from hub.idempotency.extension import IdempotentMutations
from hub.idempotency.models import IdempotentAnswer
from hub.tenancy.isolation import tenant_scope
from hub.workplan.models import WorkStream
from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"
CREATE = """
mutation Create($title: String!) {
  createWorkStream(input: {title: $title, classification: NETWORK}) {
    workStream { id title } errors { code }
  }
}
"""
COUNT = "query ($s: String!) { workStreams(filter: {search: $s}) { totalCount } }"


async def _create(client: Client, title: str, key: str | None, user: str = COORDINATOR) -> Any:
    headers = {"Idempotency-Key": key} if key is not None else {}
    return await client.gql(CREATE, {"title": title}, user=user, headers=headers)


async def test_a_retry_with_the_key_returns_the_first_answer_and_writes_nothing(
    client: Client,
) -> None:
    # given a mutation that was committed, whatever became of its answer
    key, title = str(uuid.uuid4()), "Fair recruitment corridors"
    first = await _create(client, title, key)
    assert first.status == 200
    assert first.errors == []

    # when it is sent again with the same key, twice
    retries = [await _create(client, title, key) for _ in range(2)]

    # then each retry is answered as the first was, and one work stream exists
    for retry in retries:
        assert retry.data == first.data
        assert retry.body["extensions"] == {"idempotency": {"replayed": True}}
    assert await WorkStream.filter(title=title).count() == 1


async def test_without_a_key_or_with_a_new_one_each_request_writes(client: Client) -> None:
    title = "Return and reintegration"
    await _create(client, title, None)
    await _create(client, title, None)
    await _create(client, title, str(uuid.uuid4()))
    await _create(client, title, str(uuid.uuid4()))
    assert await WorkStream.filter(title=title).count() == 4


async def test_a_key_belongs_to_its_caller(client: Client) -> None:
    key, title = str(uuid.uuid4()), "Migrant workers' access to justice"
    mine = await _create(client, title, key, user=COORDINATOR)
    theirs = await _create(client, title, key, user=FOCAL_ASIA)
    assert "extensions" not in theirs.body
    assert mine.data != theirs.data
    assert await WorkStream.filter(title=title).count() == 2


async def test_a_key_sent_with_another_request_is_refused(client: Client) -> None:
    key = str(uuid.uuid4())
    await _create(client, "Labour mobility in the Gulf", key)
    other = await _create(client, "Another title", key)
    assert other.codes == ["BAD_USER_INPUT"]
    assert other.data is None
    assert await WorkStream.filter(title="Another title").count() == 0


async def test_a_malformed_key_is_refused_and_nothing_written(client: Client) -> None:
    for key in ("", "x" * 201, "has space", "tab\there"):
        reply = await _create(client, "Never written", key)
        assert reply.codes == ["BAD_REQUEST"], key
    assert await WorkStream.filter(title="Never written").count() == 0


async def test_a_refused_mutation_is_replayed_as_refused(client: Client) -> None:
    key = str(uuid.uuid4())
    partner = "partner.global@civil-society.example.org"
    first = await _create(client, "Not theirs to create", key, user=partner)
    again = await _create(client, "Not theirs to create", key, user=partner)
    assert first.codes == again.codes == ["FORBIDDEN"]
    assert again.data == first.data == {"createWorkStream": None}
    assert again.errors[0]["path"] == ["createWorkStream"]


async def test_the_same_key_sent_at_once_writes_once(client: Client) -> None:
    # given two copies of one request in flight together (a client retrying too early)
    key, title = str(uuid.uuid4()), "Climate-related displacement"

    # when both run
    replies = await asyncio.gather(*(_create(client, title, key) for _ in range(2)))

    # then one work stream exists, and no answer names another
    assert await WorkStream.filter(title=title).count() == 1
    created = [r for r in replies if r.status == 200 and r.data]
    assert created, [r.body for r in replies]
    assert all(r.data == created[0].data for r in created)
    assert await IdempotentAnswer.filter(key=key).count() == 1


async def test_queries_ignore_the_key(client: Client) -> None:
    reply = await client.gql(
        COUNT, {"s": "x"}, user=COORDINATOR, headers={"Idempotency-Key": "not used"}
    )
    assert reply.errors == []


async def test_a_batch_sent_again_with_its_key_is_answered_as_it_was(client: Client) -> None:
    # given a batch of two mutations and a read, sent with one key
    key = str(uuid.uuid4())
    titles = ("Safe and dignified return", "Pathways for family reunification")
    batch = [
        {"query": CREATE, "variables": {"title": titles[0]}},
        {"query": CREATE, "variables": {"title": titles[1]}},
        {"query": COUNT, "variables": {"s": "Pathways for family"}},
    ]
    headers = {"Authorization": f"Bearer {client.token(COORDINATOR)}", "Idempotency-Key": key}
    first = (await client.http.post("/graphql", json=batch, headers=headers)).json()

    # when the whole batch is sent again
    again = (await client.http.post("/graphql", json=batch, headers=headers)).json()

    # then each mutation is answered as the first time and written once
    assert [a["data"] for a in again[:2]] == [f["data"] for f in first[:2]]
    assert all(a["extensions"] == {"idempotency": {"replayed": True}} for a in again[:2])
    for title in titles:
        assert await WorkStream.filter(title=title).count() == 1
    assert again[2]["data"]["workStreams"]["totalCount"] == 1


async def test_a_claim_that_fails_ends_the_tenants_transaction_before_the_answer(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The claim runs after the tenant's transaction has begun (its extension comes
    later). When the claim fails, as when the database drops the connection, that
    transaction must end with the operation: left to the garbage collector, it kept its
    connection out of the pool, for good when nothing else ran (seen under outages)."""
    events: list[str] = []
    scope = tenant_scope

    @contextlib.asynccontextmanager
    async def watched_scope(path: str, reach: str = "") -> AsyncIterator[None]:
        try:
            async with scope(path, reach):
                yield
        finally:
            events.append("transaction ended")

    async def lost(*args: Any) -> Any:
        raise OperationalError("connection was closed in the middle of operation")

    execute = HubGraphQL.execute_operation

    async def watched_execute(self: HubGraphQL, *args: Any, **kwargs: Any) -> Any:
        try:
            return await execute(self, *args, **kwargs)
        finally:
            events.append("operation answered")

    monkeypatch.setattr(isolation, "tenant_scope", watched_scope)
    monkeypatch.setattr(IdempotentMutations, "_claim", staticmethod(lost))
    monkeypatch.setattr(HubGraphQL, "execute_operation", watched_execute)
    # when
    reply = await _create(client, "Claimed in vain", str(uuid.uuid4()))
    # then
    assert reply.status != 200 or reply.errors, reply.body
    assert events[:2] == ["transaction ended", "operation answered"]
    monkeypatch.undo()
    again = await asyncio.wait_for(_create(client, "After the failed claim", None), timeout=10)
    assert again.data["createWorkStream"]["errors"] == [], again.body
    pool = pool_counts()
    assert pool is None or pool["free"] == pool["max"]
