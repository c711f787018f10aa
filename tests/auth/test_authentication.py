from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from hub.auth.service import create_api_token, revoke_api_token
from hub.auth.tokens import issue_dev_token
from tests.conftest import SECRET_KEY, Client

VIEWER = "{ viewer { email } }"
USER = "coordinator@network.example.org"


async def _refused(client: Client, authorization: str | None) -> None:
    headers = {"Authorization": authorization} if authorization is not None else {}
    reply = await client.http.post("/graphql", json={"query": VIEWER}, headers=headers)
    assert reply.status_code == 401
    assert reply.headers["www-authenticate"] == "Bearer"
    body = reply.json()
    assert "data" not in body
    assert [e["extensions"]["code"] for e in body["errors"]] == ["UNAUTHENTICATED"]


async def test_no_token_is_unauthenticated(client: Client) -> None:
    await _refused(client, None)


@pytest.mark.parametrize("header", ["Basic dXNlcjpwYXNz", "Bearer", "Bearer    ", "token"])
async def test_malformed_authorization_is_unauthenticated(client: Client, header: str) -> None:
    await _refused(client, header)


async def test_expired_token_is_unauthenticated(client: Client) -> None:
    # given
    token = issue_dev_token(SECRET_KEY, USER, None, timedelta(hours=1), now=0)
    # then
    await _refused(client, f"Bearer {token}")


async def test_tampered_token_is_unauthenticated(client: Client) -> None:
    # given a token whose payload names someone else, keeping the old signature
    genuine = client.token("partner@civil-society.example.org").split(".")
    forged = client.token(USER).split(".")
    # then
    await _refused(client, f"Bearer {genuine[0]}.{forged[1]}.{genuine[2]}")
    await _refused(client, f"Bearer {genuine[0]}.{genuine[1]}.{genuine[2][:-2]}xx")


async def test_token_signed_with_another_key_is_unauthenticated(client: Client) -> None:
    token = issue_dev_token("another-secret-key-entirely", USER, None, timedelta(hours=1))
    await _refused(client, f"Bearer {token}")


async def test_token_of_an_unknown_user_is_unauthenticated(client: Client) -> None:
    await _refused(client, f"Bearer {client.token('nobody@example.org')}")


async def test_api_token_works_until_revoked(client: Client) -> None:
    # given
    row, secret = await create_api_token(USER, "nightly export", None)
    # when
    before = await client.gql(VIEWER, token=secret)
    await revoke_api_token(str(row.id))
    # then
    assert before.data == {"viewer": {"email": USER}}
    await _refused(client, f"Bearer {secret}")


async def test_expired_api_token_is_unauthenticated(client: Client) -> None:
    # given
    row, secret = await create_api_token(USER, "short-lived", timedelta(hours=1))
    row.expires_at = datetime.now(UTC) - timedelta(seconds=1)
    await row.save()
    # then
    await _refused(client, f"Bearer {secret}")


async def test_unknown_api_token_is_unauthenticated(client: Client) -> None:
    await _refused(client, "Bearer hub_not-a-real-token")
