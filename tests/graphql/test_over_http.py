"""GraphQL over HTTP: media types, status codes and request errors."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Client

USER = "coordinator@network.example.org"
GRAPHQL_RESPONSE = "application/graphql-response+json"
QUERY = "{ workStreams(first: 1) { totalCount } }"


async def _post(
    client: Client, body: Any, *, accept: str | None = None, content_type: str | None = None
) -> Any:
    headers = {"Authorization": f"Bearer {client.token(USER)}"}
    if accept is not None:
        headers["Accept"] = accept
    if content_type is not None:
        headers["Content-Type"] = content_type
    if isinstance(body, (bytes, str)):
        return await client.http.post("/graphql", content=body, headers=headers)
    return await client.http.post("/graphql", json=body, headers=headers)


@pytest.mark.parametrize(
    ("accept", "expected"),
    [
        (GRAPHQL_RESPONSE, GRAPHQL_RESPONSE),
        ("application/json", "application/json"),
        ("*/*", "application/json"),  # curl's default: the specification's SHOULD
        ("application/*", "application/json"),
        (f"*/*, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        (f"application/json, {GRAPHQL_RESPONSE};q=0.5", "application/json"),
        (f"application/*;q=0.9, {GRAPHQL_RESPONSE}", GRAPHQL_RESPONSE),
        ("", "application/json"),  # no preference: the specification's legacy default
    ],
)
async def test_the_response_media_type_follows_accept(
    client: Client, accept: str, expected: str
) -> None:
    reply = await _post(client, {"query": QUERY}, accept=accept)
    assert reply.status_code == 200
    assert reply.headers["content-type"] == f"{expected}; charset=utf-8"
    assert reply.json()["data"]["workStreams"]["totalCount"] >= 1


async def test_an_accept_header_without_either_type_is_406(client: Client) -> None:
    reply = await _post(client, {"query": QUERY}, accept="text/html")
    assert reply.status_code == 406
    assert reply.json()["errors"][0]["extensions"]["code"] == "NOT_ACCEPTABLE"


@pytest.mark.parametrize(
    ("query", "variables"),
    [
        ("{ workStreams { ", {}),  # does not parse
        ("{ workStreams { noSuchField } }", {}),  # does not validate
        ("query($n: Int) { workStreams(first: $n) { totalCount } }", {"n": "abc"}),  # coercion
    ],
)
async def test_request_errors_are_400_without_data_for_graphql_response_json(
    client: Client, query: str, variables: dict[str, Any]
) -> None:
    strict = await _post(client, {"query": query, "variables": variables}, accept=GRAPHQL_RESPONSE)
    legacy = await _post(
        client, {"query": query, "variables": variables}, accept="application/json"
    )
    assert strict.status_code == 400
    assert "data" not in strict.json()
    assert strict.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    # the specification asks for 200 with the legacy type
    assert legacy.status_code == 200
    assert "data" not in legacy.json()


async def test_a_field_error_keeps_200_and_its_data(client: Client) -> None:
    partner = "partner.global@civil-society.example.org"
    reply = await client.http.post(
        "/graphql",
        json={"query": "{ viewer { email } funds { edges { node { pledges { totalCount } } } } }"},
        headers={"Authorization": f"Bearer {client.token(partner)}", "Accept": GRAPHQL_RESPONSE},
    )
    body = reply.json()
    assert reply.status_code == 200
    assert body["data"]["viewer"] == {"email": partner}
    assert body["data"]["funds"]["edges"][0]["node"] == {"pledges": None}
    assert body["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_mutation_over_get_is_405(client: Client) -> None:
    reply = await client.http.get(
        "/graphql",
        params={"query": 'mutation { createWorkStream(input: {title: "x"}) { errors { code } } }'},
        headers={"Authorization": f"Bearer {client.token(USER)}"},
    )
    assert reply.status_code == 405
    assert reply.headers["allow"] == "GET, POST"
    assert reply.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


async def test_a_query_over_get_works(client: Client) -> None:
    reply = await client.http.get(
        "/graphql",
        params={"query": QUERY},
        headers={"Authorization": f"Bearer {client.token(USER)}", "Accept": GRAPHQL_RESPONSE},
    )
    assert reply.status_code == 200
    assert reply.json()["data"]["workStreams"]["totalCount"] >= 1


@pytest.mark.parametrize(
    ("body", "content_type", "status", "code"),
    [
        (b"{not json", "application/json", 400, "BAD_REQUEST"),
        (b'{"variables": {}}', "application/json", 400, "BAD_REQUEST"),
        (b'{"query": 42}', "application/json", 400, "BAD_REQUEST"),
        (b"query=%7B%7D", "application/x-www-form-urlencoded", 415, "UNSUPPORTED_MEDIA_TYPE"),
        (b"{ viewer { email } }", "application/graphql", 415, "UNSUPPORTED_MEDIA_TYPE"),
        (b'{"query": "{ viewer { email } }"}', "text/plain", 415, "UNSUPPORTED_MEDIA_TYPE"),
        (
            b'{"query": "{ viewer { email } }"}',
            "application/json; charset=iso-8859-1",
            415,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
    ],
)
async def test_malformed_requests_get_clear_errors(
    client: Client, body: bytes, content_type: str, status: int, code: str
) -> None:
    reply = await _post(client, body, content_type=content_type, accept=GRAPHQL_RESPONSE)
    assert reply.status_code == status
    assert reply.headers["content-type"] == f"{GRAPHQL_RESPONSE}; charset=utf-8"
    assert reply.json()["errors"][0]["extensions"]["code"] == code


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", '"utf-8"'])
async def test_json_with_a_charset_is_accepted(client: Client, charset: str) -> None:
    reply = await _post(
        client,
        b'{"query": "{ viewer { email } }"}',
        content_type=f"application/json; charset={charset}",
    )
    assert reply.status_code == 200
    assert reply.json()["data"]["viewer"]["email"] == USER


@pytest.mark.parametrize(("accept", "status"), [(GRAPHQL_RESPONSE, 400), ("application/json", 200)])
async def test_several_operations_and_no_name_is_a_request_error(
    client: Client, accept: str, status: int
) -> None:
    document = "query A { viewer { email } } query B { __typename }"
    reply = await _post(client, {"query": document}, accept=accept)
    assert reply.status_code == status
    body = reply.json()
    assert "data" not in body
    [error] = body["errors"]
    assert error["message"] == "Must provide operation name if query contains multiple operations."
    assert error["extensions"]["code"] == "BAD_USER_INPUT"

    named = await _post(client, {"query": document, "operationName": "A"}, accept=accept)
    assert named.status_code == 200
    assert named.json()["data"]["viewer"]["email"] == USER
