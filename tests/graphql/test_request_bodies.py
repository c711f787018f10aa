"""Bodies that are JSON but not a GraphQL request: a bare value (batches: test_batches)."""

from __future__ import annotations

import pytest

from tests.conftest import Client

USER = "coordinator@network.example.org"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        (b'"{ viewer { email } }"', "Expected a JSON object, not a string."),
        (b"42", "Expected a JSON object, not a number."),
        (b"true", "Expected a JSON object, not a boolean."),
        (b"null", "Expected a JSON object, not null."),
    ],
    ids=["string", "number", "boolean", "null"],
)
async def test_a_body_that_is_not_a_request_is_400(
    client: Client, body: bytes, message: str
) -> None:
    reply = await client.http.post(
        "/graphql",
        content=body,
        headers={
            "Authorization": f"Bearer {client.token(USER)}",
            "Content-Type": "application/json",
        },
    )

    assert reply.status_code == 400
    assert reply.json()["errors"] == [{"message": message, "extensions": {"code": "BAD_REQUEST"}}]


async def test_variables_that_are_not_an_object_are_400(client: Client) -> None:
    reply = await client.http.get(
        "/graphql",
        params={"query": "{ viewer { email } }", "variables": "5"},
        headers={"Authorization": f"Bearer {client.token(USER)}"},
    )

    assert reply.status_code == 400
    assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"


@pytest.mark.parametrize("method", ["PUT", "DELETE", "PATCH"])
async def test_other_methods_are_405_with_a_graphql_error(
    client: Client, sql_log: list[str], method: str
) -> None:
    # given
    sql_log.clear()
    # when
    reply = await client.http.request(
        method, "/t/bangladesh/graphql", json={"query": "{ viewer { email } }"}
    )
    # then
    assert reply.status_code == 405
    assert reply.headers["allow"] == "GET, POST"
    assert reply.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert sql_log == []
