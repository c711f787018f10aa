"""Bodies that are JSON but not a GraphQL request: a bare value (batches: test_batches)."""

from __future__ import annotations

import hashlib

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


# Every member of a request body with every type JSON has: what a client may send it as.
DOCUMENT = "query Named { __typename }"
DOCUMENT_ID = "sha256:" + hashlib.sha256(DOCUMENT.encode()).hexdigest()
JSON_VALUES: dict[str, object] = {
    "null": None,
    "boolean": True,
    "number": 7,
    "string": "text",
    "array": [],
    "object": {},
}
# The types each member may take; a value of any other type is a request error (400).
ACCEPTED = {
    "query": {"string"},
    "operationName": {"null", "string"},
    "variables": {"null", "object"},
    "extensions": {"null", "object"},
    "documentId": {"null", "string"},
}
# The value sent when a member's type is one it accepts, such that the request succeeds.
FITTING: dict[str, object] = {
    "query": DOCUMENT,
    "operationName": "Named",
    "variables": {},
    "extensions": {},
    "documentId": DOCUMENT_ID,
}
MEMBER_CASES = [
    (member, kind)
    for member in ACCEPTED
    for kind in JSON_VALUES
    if not (member == "query" and kind == "null")  # a body without a query is tested above
]


def _body(member: str, kind: str) -> dict[str, object]:
    value = FITTING[member] if kind in ACCEPTED[member] and kind != "null" else JSON_VALUES[kind]
    return {"query": DOCUMENT, member: value}


@pytest.mark.parametrize(
    ("member", "kind"), MEMBER_CASES, ids=[f"{m}-{k}" for m, k in MEMBER_CASES]
)
async def test_each_member_of_a_body_takes_only_its_types(
    client: Client, member: str, kind: str
) -> None:
    # given a request whose one member is of one JSON type
    body = _body(member, kind)
    headers = {"Authorization": f"Bearer {client.token(USER)}"}

    # when it is sent alone, and as the second operation of a batch
    alone = await client.http.post("/graphql", json=body, headers=headers)
    batch = await client.http.post("/graphql", json=[{"query": DOCUMENT}, body], headers=headers)

    # then a type the member takes runs, and any other is a 400 naming the member
    assert batch.status_code == 200, batch.text
    first, second = batch.json()
    assert first == {"data": {"__typename": "Query"}}
    if kind in ACCEPTED[member]:
        assert (alone.status_code, alone.json()) == (200, {"data": {"__typename": "Query"}})
        assert second == {"data": {"__typename": "Query"}}
    else:
        assert alone.status_code == 400, alone.text
        (error,) = alone.json()["errors"]
        assert error["extensions"] == {"code": "BAD_REQUEST"}
        assert member in error["message"]
        assert second == alone.json()
