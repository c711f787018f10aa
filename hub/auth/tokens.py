"""Bearer tokens: signed development tokens and random API tokens for scripts."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import secrets
import time
from dataclasses import dataclass
from datetime import timedelta

from hub.core.errors import BadUserInput, Unauthenticated

API_TOKEN_PREFIX = "hub_"
# Random characters of a secret shown with it in lists: 48 of its 256 bits, leaving 208
# unknown to whoever reads the list.
SHOWN_CHARACTERS = 8
_DURATION = re.compile(r"^(\d+)([smhd])$")
_UNITS = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days"}


def parse_duration(text: str) -> timedelta:
    """``30m``, ``8h``, ``90d`` -> a positive timedelta."""
    match = _DURATION.match(text.strip())
    if match is None or int(match.group(1)) == 0:
        raise BadUserInput(f"'{text}' is not a duration such as 30m, 8h or 90d")
    return timedelta(**{_UNITS[match.group(2)]: int(match.group(1))})


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@dataclass(frozen=True, slots=True)
class DevTokenClaims:
    email: str
    tenant: str | None
    expires_at: int


def issue_dev_token(
    secret_key: str, email: str, tenant: str | None, lifetime: timedelta, now: float | None = None
) -> str:
    """A JWT (HS256) naming the user and, optionally, the tenant requests default to."""
    issued = int(time.time() if now is None else now)
    header = {"alg": "HS256", "typ": "JWT"}
    payload: dict[str, object] = {
        "sub": email,
        "iat": issued,
        "exp": issued + int(lifetime.total_seconds()),
    }
    if tenant:
        payload["tenant"] = tenant
    signing_input = ".".join(
        _b64(json.dumps(part, separators=(",", ":")).encode()) for part in (header, payload)
    )
    signature = hmac.new(secret_key.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{_b64(signature)}"


def verify_dev_token(secret_key: str, token: str, now: float | None = None) -> DevTokenClaims:
    invalid = Unauthenticated("The bearer token is invalid.")
    parts = token.split(".")
    if len(parts) != 3:
        raise invalid
    signing_input = f"{parts[0]}.{parts[1]}"
    expected = hmac.new(secret_key.encode(), signing_input.encode(), hashlib.sha256).digest()
    try:
        if not hmac.compare_digest(expected, _unb64(parts[2])):
            raise invalid
        header = json.loads(_unb64(parts[0]))
        payload = json.loads(_unb64(parts[1]))
    except (ValueError, UnicodeDecodeError) as exc:
        raise invalid from exc
    if not isinstance(header, dict) or header.get("alg") != "HS256":
        raise invalid
    if not isinstance(payload, dict):
        raise invalid
    email, expires, tenant = payload.get("sub"), payload.get("exp"), payload.get("tenant")
    if not isinstance(email, str) or not isinstance(expires, int):
        raise invalid
    if tenant is not None and not isinstance(tenant, str):
        raise invalid
    if expires <= (time.time() if now is None else now):
        raise Unauthenticated("The bearer token has expired.")
    return DevTokenClaims(email=email, tenant=tenant, expires_at=expires)


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
