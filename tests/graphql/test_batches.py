"""Batches: each operation answered as it would be alone, in order, up to a limit."""

from __future__ import annotations

from typing import Any

import pytest

from hub.api.limits import LIMITS
from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id
from tests.workplan.queries import NODE, TEAM_BANGLADESH

USER = "coordinator@network.example.org"
GRAPHQL_RESPONSE = "application/graphql-response+json"
CREATE = (
    "mutation ($title: String!) { createWorkStream(input: {title: $title, "
    "classification: NETWORK}) { workStream { title } errors { code } } }"
)
COUNT = "query ($s: String!) { workStreams(filter: {search: $s}) { totalCount } }"


async def _batch(client: Client, body: Any, accept: str = GRAPHQL_RESPONSE) -> Any:
    headers = {"Authorization": f"Bearer {client.token(USER)}", "Accept": accept}
    if isinstance(body, bytes):
        headers["Content-Type"] = "application/json"
        return await client.http.post("/graphql", content=body, headers=headers)
    return await client.http.post("/graphql", json=body, headers=headers)


async def test_a_batch_answers_each_operation_in_order(client: Client) -> None:
    reply = await _batch(
        client,
        [
            {"query": "{ viewer { email } }"},
            {"query": "query Named { __typename }", "operationName": "Named"},
        ],
    )
    assert reply.status_code == 200
    assert reply.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert reply.json() == [
        {"data": {"viewer": {"email": USER}}},
        {"data": {"__typename": "Query"}},
    ]


async def test_an_operation_sees_the_writes_of_those_before_it(client: Client) -> None:
    title = "Batched pathways for regular migration"
    counted = {"query": COUNT, "variables": {"s": title}}
    reply = await _batch(
        client, [counted, {"query": CREATE, "variables": {"title": title}}, counted]
    )
    before, created, after = reply.json()
    assert before["data"]["workStreams"]["totalCount"] == 0
    assert created["data"]["createWorkStream"] == {"workStream": {"title": title}, "errors": []}
    assert after["data"]["workStreams"]["totalCount"] == 1


@pytest.mark.parametrize(
    ("path", "headers"),
    [
        ("/graphql", {}),
        ("/graphql", {"X-Hub-Tenant": "global"}),
        ("/t/global/graphql", {}),
    ],
    ids=["home tenant", "header", "path"],
)
async def test_a_cached_read_after_a_write_in_the_same_batch_sees_it(
    client: Client, path: str, headers: dict[str, str]
) -> None:
    # given a read whose answer is in the result cache
    title = "Batched pathways after a cached count"
    counted = {"query": COUNT, "variables": {"s": title}}
    sent = {"Authorization": f"Bearer {client.token(USER)}", **headers}
    first = await client.http.post(path, json=counted, headers=sent)
    assert first.json()["data"]["workStreams"]["totalCount"] == 0

    # when one batch reads it, writes, and reads it again
    reply = await client.http.post(
        path,
        json=[counted, {"query": CREATE, "variables": {"title": title}}, counted, counted],
        headers=sent,
    )

    # then the reads after the write see it
    before, created, after, again = reply.json()
    assert before["data"]["workStreams"]["totalCount"] == 0
    assert created["data"]["createWorkStream"]["errors"] == []
    assert after["data"]["workStreams"]["totalCount"] == 1
    assert again["data"]["workStreams"]["totalCount"] == 1


async def test_each_operation_has_its_own_errors(client: Client) -> None:
    reply = await _batch(
        client,
        [
            {"query": "{ viewer { nope } }"},
            "{ viewer { email } }",
            {"query": "{ viewer { email } }"},
            {"variables": {}},
        ],
    )
    assert reply.status_code == 200
    invalid, not_an_object, fine, without_query = reply.json()
    assert "data" not in invalid
    assert invalid["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert not_an_object["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    assert fine == {"data": {"viewer": {"email": USER}}}
    assert without_query["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_a_batch_over_the_limit_runs_nothing(client: Client) -> None:
    count = LIMITS.operations_per_batch + 1
    batch = [{"query": CREATE, "variables": {"title": f"Stream {n}"}} for n in range(count)]
    reply = await _batch(client, batch)
    assert reply.status_code == 400
    assert reply.json() == {
        "errors": [
            {
                "message": f"A batch holds at most {LIMITS.operations_per_batch} operations.",
                "extensions": {
                    "code": "LIMIT_EXCEEDED",
                    "limit": "operationsPerBatch",
                    "value": LIMITS.operations_per_batch,
                },
            }
        ]
    }
    assert not await WorkStream.filter(title__startswith="Stream ").exists()


async def test_an_empty_or_malformed_batch_is_a_bad_request(client: Client) -> None:
    for body in (b"[]", b" [ ", b'[{"query": "{ viewer { email } }"}'):
        reply = await _batch(client, body)
        assert reply.status_code == 400, body
        assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


async def test_get_takes_no_batch(client: Client) -> None:
    reply = await client.http.get(
        "/graphql",
        params={"query": '[{"query": "{ viewer { email } }"}]'},
        headers={"Authorization": f"Bearer {client.token(USER)}", "Accept": GRAPHQL_RESPONSE},
    )
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_a_batch_reaches_no_further_than_its_caller(client: Client) -> None:
    # given a national team member, and work streams of Spain and those of the region
    # that are not shared with the tenants below (shared ones reach the team)
    hidden = [
        *await WorkStream.filter(tenant__slug="spain"),
        *await WorkStream.filter(
            tenant__slug="asia-pacific", classification__in=["restricted", "confidential"]
        ),
    ]
    assert hidden
    token = client.token(TEAM_BANGLADESH)
    batch = [{"query": NODE, "variables": {"id": relay_id("WorkStream", r.id)}} for r in hidden]
    # when it asks for them in batches, in its own tenant and naming another
    own = await client.http.post(
        "/graphql", json=batch[:10], headers={"Authorization": f"Bearer {token}"}
    )
    foreign = await client.http.post(
        "/graphql",
        json=batch[:10],
        headers={"Authorization": f"Bearer {token}", "X-Hub-Tenant": "spain"},
    )
    # then each is null, as alone, and the other tenant refuses the whole batch
    assert own.json() == [{"data": {"node": None}}] * min(len(hidden), 10)
    assert foreign.status_code == 403
    assert foreign.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
