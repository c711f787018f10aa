"""Bearer tokens: signed development tokens and random API tokens for scripts."""

from __future__ import annotations

import functools
import hashlib
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from joserfc import jwt
from joserfc.errors import ExpiredTokenError, InvalidClaimError, JoseError
from joserfc.jwk import OctKey
from joserfc.jwt import JWTClaimsRegistry

from hub.core.errors import BadUserInput, Unauthenticated

API_TOKEN_PREFIX = "hub_"
# Random characters of a secret shown with it in lists: 48 of its 256 bits, leaving 208
# unknown to whoever reads the list.
SHOWN_CHARACTERS = 8
_DURATION = re.compile(r"^(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}
# Development tokens are signed with the hub's secret key and verified with this algorithm
# only: a token naming another (``none`` included) is refused.
ALGORITHM = "HS256"


def parse_duration(text: str) -> timedelta:
    """``30m``, ``8h``, ``90d`` -> a positive timedelta."""
    match = _DURATION.match(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise BadUserInput(f"'{text}' is not a duration such as 30m, 8h or 90d")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


@dataclass(frozen=True, slots=True)
class DevTokenClaims:
    email: str
    tenant: str | None
    expires_at: int


class _DevTokenRules(JWTClaimsRegistry):
    """The claims of the hub's own tokens: a subject and an expiry, and a tenant if any.

    ``iat`` is not checked: these tokens are issued by whichever process holds the secret key
    (a server, ``hub tokens``), whose clock may run a little ahead of the one verifying, and
    the expiry alone bounds them.
    """

    def __init__(self, now: float | None) -> None:
        super().__init__(
            now=None if now is None else int(now),
            sub={"essential": True},
            exp={"essential": True},
        )

    def validate_iat(self, value: object) -> None:
        return None

    def validate_tenant(self, value: object) -> None:
        if not isinstance(value, str):
            raise InvalidClaimError("tenant")


@functools.lru_cache(maxsize=4)
def _signing_key(secret_key: str) -> OctKey:
    # Importing checks the secret (never empty, never a public key): once per secret.
    return OctKey.import_key(secret_key)


def issue_dev_token(
    secret_key: str, email: str, tenant: str | None, lifetime: timedelta, now: float | None = None
) -> str:
    """A JWT (HS256) naming the user and, optionally, the tenant requests default to."""
    issued = int(time.time() if now is None else now)
    claims: dict[str, object] = {
        "sub": email,
        "iat": issued,
        "exp": issued + int(lifetime.total_seconds()),
    }
    if tenant:
        claims["tenant"] = tenant
    return jwt.encode({"alg": ALGORITHM}, claims, _signing_key(secret_key), algorithms=[ALGORITHM])


def verify_dev_token(secret_key: str, token: str, now: float | None = None) -> DevTokenClaims:
    try:
        claims = jwt.decode(token, _signing_key(secret_key), algorithms=[ALGORITHM]).claims
        _DevTokenRules(now).validate(claims)
    except ExpiredTokenError as exc:
        raise Unauthenticated("The bearer token has expired.") from exc
    except JoseError as exc:
        raise Unauthenticated("The bearer token is invalid.") from exc
    return DevTokenClaims(
        email=claims["sub"], tenant=claims.get("tenant"), expires_at=int(claims["exp"])
    )


def new_api_token() -> str:
    return API_TOKEN_PREFIX + secrets.token_urlsafe(32)


def shown_prefix(token: str) -> str:
    """What lists show of a secret: ``hub_`` and its first random characters."""
    return token[: len(API_TOKEN_PREFIX) + SHOWN_CHARACTERS]


def is_api_token(token: str) -> bool:
    return token.startswith(API_TOKEN_PREFIX)


def hash_api_token(token: str) -> str:
    # The secret has 256 random bits, so a fast hash is enough and lets us look it up.
    return hashlib.sha256(token.encode()).hexdigest()
