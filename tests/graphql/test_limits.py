"""Limits: a document too deep, too wide, too costly, too long or too large is refused
with LIMIT_EXCEEDED naming the limit, before anything runs; and validation stays cached."""

from __future__ import annotations

from typing import Any

import pytest

from hub.api import limits
from hub.api.limits import LIMITS
from tests.conftest import Client

USER = "coordinator@network.example.org"
GRAPHQL_RESPONSE = "application/graphql-response+json"


async def _ask(client: Client, query: str) -> Any:
    return await client.http.post(
        "/graphql",
        json={"query": query},
        headers={"Authorization": f"Bearer {client.token(USER)}", "Accept": GRAPHQL_RESPONSE},
    )


def _nested(rounds: int) -> str:
    """A proposal's work stream's proposals' work stream ...: 4 levels a round."""
    inner = "id"
    for _ in range(rounds):
        inner = f"workStream {{ proposals(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"
    return f"{{ proposals(first: 1) {{ edges {{ node {{ {inner} }} }} }} }}"


@pytest.mark.parametrize(
    ("name", "query"),
    [
        ("depth", _nested(LIMITS.depth // 4 + 1)),
        ("aliases", "{ " + " ".join(f"a{n}: viewer {{ email }}" for n in range(31)) + " }"),
        (
            "cost",
            "{ workStreams(first: 100) { edges { node { proposals(first: 100) { edges { node {"
            " workStream { proposals(first: 100) { edges { node { id } } } } } } } } } } }",
        ),
        ("tokens", "{ viewer { " + "email " * LIMITS.tokens + "} }"),
        ("first", "{ workStreams(first: 101) { totalCount } }"),
        (
            "first",
            "{ workStreams(first: 1) { edges { node { proposals(first: 500) { totalCount } } } } }",
        ),
    ],
)
async def test_limits_refuse_before_execution(client: Client, name: str, query: str) -> None:
    reply = await _ask(client, query)
    body = reply.json()
    assert reply.status_code == 400
    assert "data" not in body
    [error] = body["errors"]
    assert error["extensions"]["code"] == "LIMIT_EXCEEDED"
    assert error["extensions"]["limit"] == name
    assert error["extensions"]["value"] == getattr(LIMITS, name)


async def test_the_front_ends_queries_fit_the_limits(client: Client) -> None:
    query = (
        "{ workStreams(first: 20) { totalCount edges { node { id title"
        " proposals(first: 5) { edges { node { id title organisation { name } } } } } } } }"
    )
    reply = await _ask(client, query)
    assert reply.status_code == 200
    assert "errors" not in reply.json()


async def test_a_body_over_the_limit_is_413(client: Client) -> None:
    padding = " " * (LIMITS.body_bytes + 1)
    reply = await client.http.post(
        "/graphql",
        content=('{"query": "{ viewer { email } }"' + padding + "}").encode(),
        headers={
            "Authorization": f"Bearer {client.token(USER)}",
            "Content-Type": "application/json",
            "Accept": GRAPHQL_RESPONSE,
        },
    )
    assert reply.status_code == 413
    error = reply.json()["errors"][0]
    assert error["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "bodyBytes",
        "value": LIMITS.body_bytes,
    }


async def test_validation_with_the_limits_is_cached(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a counter of how often the limits are weighed
    runs = 0
    original = limits.LimitsRule.__init__

    def counting(self: limits.LimitsRule, context: Any) -> None:
        nonlocal runs
        runs += 1
        original(self, context)

    monkeypatch.setattr(limits.LimitsRule, "__init__", counting)
    query = "{ viewer { email } workStreams(first: 3) { totalCount } }"
    # when the same document comes three times
    for _ in range(3):
        assert (await _ask(client, query)).status_code == 200
    # then it was weighed once
    assert runs == 1


async def test_a_page_size_in_a_variable_is_refused_before_execution(client: Client) -> None:
    query = "query ($n: Int) { workStreams(first: $n) { totalCount } }"
    headers = {"Authorization": f"Bearer {client.token(USER)}", "Accept": GRAPHQL_RESPONSE}
    over = await client.http.post(
        "/graphql", json={"query": query, "variables": {"n": 101}}, headers=headers
    )
    at_most = await client.http.post(
        "/graphql", json={"query": query, "variables": {"n": 100}}, headers=headers
    )
    assert over.status_code == 400
    assert over.json() == {
        "errors": [
            {
                "message": "The request exceeds the first limit of 100 (101 found).",
                "extensions": {"code": "LIMIT_EXCEEDED", "limit": "first", "value": 100},
            }
        ]
    }
    assert at_most.status_code == 200
    assert at_most.json()["data"]["workStreams"]["totalCount"] >= 1
