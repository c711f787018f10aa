from __future__ import annotations

from datetime import timedelta

import pytest

from hub.auth.tokens import (
    hash_api_token,
    issue_dev_token,
    new_api_token,
    parse_duration,
    verify_dev_token,
)
from hub.core.errors import BadUserInput, Unauthenticated

KEY = "unit-test-secret-key-0123456789"


def test_dev_token_round_trip_carries_user_and_tenant() -> None:
    token = issue_dev_token(KEY, "a@example.org", "bangladesh", timedelta(minutes=5), now=1000)
    claims = verify_dev_token(KEY, token, now=1100)
    assert (claims.email, claims.tenant, claims.expires_at) == ("a@example.org", "bangladesh", 1300)


def test_dev_token_expires() -> None:
    token = issue_dev_token(KEY, "a@example.org", None, timedelta(minutes=5), now=1000)
    with pytest.raises(Unauthenticated, match="expired"):
        verify_dev_token(KEY, token, now=1300)


@pytest.mark.parametrize("token", ["", "a.b", "a.b.c", "....", "x" * 50])
def test_garbage_is_not_a_token(token: str) -> None:
    with pytest.raises(Unauthenticated):
        verify_dev_token(KEY, token)


def test_api_tokens_are_random_and_hashed() -> None:
    first, second = new_api_token(), new_api_token()
    assert first != second
    assert first.startswith("hub_")
    assert hash_api_token(first) != first
    assert len(hash_api_token(first)) == 64


@pytest.mark.parametrize(
    ("text", "expected"),
    [("30m", timedelta(minutes=30)), ("8h", timedelta(hours=8)), ("90d", timedelta(days=90))],
)
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "8", "0h", "-1h", "8 hours", "h"])
def test_bad_durations(text: str) -> None:
    with pytest.raises(BadUserInput):
        parse_duration(text)
