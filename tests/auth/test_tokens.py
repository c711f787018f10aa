from __future__ import annotations

import base64
import hmac
import json
from datetime import timedelta
from typing import Any

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


def _signed(header: dict[str, Any], claims: dict[str, Any], key: str = KEY) -> str:
    """A token signed with HMAC keyed with ``key``: with SHA-512 for an ``alg`` of HS512,
    unsigned for ``none``, and with SHA-256 whatever else its header says."""
    head = base64.urlsafe_b64encode(json.dumps(header).encode()).rstrip(b"=").decode()
    body = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    signed = f"{head}.{body}".encode()
    alg = header.get("alg")
    digest = "sha512" if alg == "HS512" else "sha256"
    signature = hmac.digest(key.encode(), signed, digest) if alg != "none" else b""
    return f"{head}.{body}." + base64.urlsafe_b64encode(signature).rstrip(b"=").decode()


CLAIMS = {"sub": "a@example.org", "iat": 1000, "exp": 1300}


def test_a_hand_made_token_verifies_like_an_issued_one() -> None:
    claims = verify_dev_token(KEY, _signed({"alg": "HS256", "typ": "JWT"}, CLAIMS), now=1100)
    assert (claims.email, claims.tenant, claims.expires_at) == ("a@example.org", None, 1300)


@pytest.mark.parametrize(
    ("header", "claims"),
    [
        # another algorithm, even when keyed with the secret
        ({"alg": "none"}, CLAIMS),
        ({"alg": "HS512"}, CLAIMS),
        ({"alg": "RS256"}, CLAIMS),
        ({}, CLAIMS),
        # claims the hub's tokens always have, and their types
        ({"alg": "HS256"}, {"iat": 1000, "exp": 1300}),
        ({"alg": "HS256"}, {"sub": "a@example.org", "iat": 1000}),
        ({"alg": "HS256"}, {**CLAIMS, "sub": ["a@example.org"]}),
        ({"alg": "HS256"}, {**CLAIMS, "exp": "1300"}),
        ({"alg": "HS256"}, {**CLAIMS, "tenant": ["bangladesh"]}),
    ],
)
def test_other_algorithms_and_malformed_claims_are_invalid(
    header: dict[str, Any], claims: dict[str, Any]
) -> None:
    with pytest.raises(Unauthenticated, match="invalid"):
        verify_dev_token(KEY, _signed(header, claims), now=1100)


def test_a_dev_token_is_valid_until_the_second_it_expires() -> None:
    token = issue_dev_token(KEY, "a@example.org", None, timedelta(minutes=5), now=1000)
    assert verify_dev_token(KEY, token, now=1299.9).expires_at == 1300
    with pytest.raises(Unauthenticated, match="expired"):
        verify_dev_token(KEY, token, now=1300)


def test_a_dev_token_issued_by_a_clock_ahead_is_valid() -> None:
    # the process that issued it (hub tokens, another server) runs 5 s ahead of this one
    token = issue_dev_token(KEY, "a@example.org", None, timedelta(minutes=5), now=1005)
    assert verify_dev_token(KEY, token, now=1000).email == "a@example.org"


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
