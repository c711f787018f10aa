"""Bearer JWTs from an OpenID Connect identity provider, verified against its JWKS.

joserfc checks the signature and the registered claims; the hub keeps the provider's keys
itself. It fetches them with the async HTTP client the server already runs on, keeps them for
``JWKS_TTL_SECONDS``, goes on with the keys it has when the provider cannot be reached, and
refetches for a key id it does not know at most once every ``MIN_REFETCH_SECONDS``, so that
tokens naming made-up key ids cannot make it hammer the provider.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import httpx
from joserfc import jws, jwt
from joserfc.errors import ClaimError, ExpiredTokenError, JoseError
from joserfc.jwk import ECKey, RSAKey
from joserfc.jwt import JWTClaimsRegistry

from hub.core.config import OidcSettings
from hub.core.errors import Unauthenticated
from hub.observability.trace_context import TracedTransport

log = logging.getLogger(__name__)

JWKS_TTL_SECONDS = 600
# An unknown key id may mean the provider rotated its keys; refetch, but not on every token.
MIN_REFETCH_SECONDS = 30
# The algorithms of the provider's tokens. A token is verified with the one algorithm of the
# key its ``kid`` names, never the one its header asks for: so neither ``none`` nor HS256 with
# a public key as the secret can pass.
RSA_ALGORITHM = "RS256"
EC_ALGORITHM = "ES256"
ALGORITHMS = (RSA_ALGORITHM, EC_ALGORITHM)
# What a refused claim is called, in the order the hub checks them.
CLAIM_REFUSALS = {
    "iss": "The token was issued by another identity provider.",
    "aud": "The token is meant for another audience.",
    "exp": "The bearer token has expired.",
    "nbf": "The bearer token is not valid yet.",
}
INVALID = "The bearer token is invalid."

Clock = Callable[[], float]


@dataclass(frozen=True, slots=True)
class SigningKey:
    """One of the provider's public keys, and the only algorithm it verifies."""

    key: RSAKey | ECKey
    algorithm: str


def signing_key(jwk: Mapping[str, Any]) -> SigningKey | None:
    """The key of a JWKS entry: RSA keys for RS256, P-256 keys for ES256; None for any other
    (symmetric keys above all) and for one that is malformed."""
    try:
        if jwk.get("kty") == "RSA":
            return SigningKey(RSAKey.import_key(dict(jwk)), RSA_ALGORITHM)
        if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
            return SigningKey(ECKey.import_key(dict(jwk)), EC_ALGORITHM)
    except (JoseError, ValueError) as exc:
        log.warning("skipping the identity provider's key %r: %s", jwk.get("kid"), exc)
    return None


def token_header(token: str) -> dict[str, Any] | None:
    """The header of a JWT, unverified, or None when it is not a JWT."""
    try:
        header = jws.extract_compact(token.encode()).headers()
    except (JoseError, ValueError):
        return None
    return dict(header)


def token_algorithm(token: str) -> str | None:
    """The ``alg`` of a JWT's header, or None when it is not a JWT."""
    alg = (token_header(token) or {}).get("alg")
    return alg if isinstance(alg, str) else None


def claim_refusal(error: ClaimError) -> str:
    """The hub's message for a claim joserfc refused."""
    if isinstance(error, ExpiredTokenError):
        return CLAIM_REFUSALS["exp"]
    refused = set(error.claim.split(","))  # missing claims come joined
    return next((text for claim, text in CLAIM_REFUSALS.items() if claim in refused), INVALID)


class OidcVerifier:
    def __init__(
        self,
        settings: OidcSettings,
        client: httpx.AsyncClient | None = None,
        clock: Clock = time.monotonic,
    ) -> None:
        self.settings = settings
        self._client = client or httpx.AsyncClient(timeout=5.0, transport=TracedTransport())
        self._clock = clock
        self._keys: dict[str, SigningKey] = {}
        self._fetched_at = 0.0
        # Tokens arriving together with an unknown key id wait for one fetch, not one each.
        self._fetching = asyncio.Lock()

    def _fresh(self, force: bool) -> bool:
        age = self._clock() - self._fetched_at
        return bool(self._keys) and age < (MIN_REFETCH_SECONDS if force else JWKS_TTL_SECONDS)

    async def _refresh(self, force: bool) -> None:
        if self._fresh(force):
            return
        async with self._fetching:
            if self._fresh(force):
                return
            try:
                reply = await self._client.get(self.settings.jwks_url)
                reply.raise_for_status()
                keys = reply.json().get("keys", [])
            except (httpx.HTTPError, ValueError, AttributeError) as exc:
                log.warning("cannot fetch the identity provider's keys: %s", exc)
                if not self._keys:
                    raise Unauthenticated("The identity provider's keys are unavailable.") from exc
                return
            self._keys = {
                str(jwk.get("kid", "")): key
                for jwk in keys
                if isinstance(jwk, dict) and (key := signing_key(jwk)) is not None
            }
            self._fetched_at = self._clock()

    async def _key(self, kid: str) -> SigningKey:
        await self._refresh(force=False)
        if kid not in self._keys:
            await self._refresh(force=True)
        key = self._keys.get(kid)
        if key is None:
            raise Unauthenticated("The token was signed with an unknown key.")
        return key

    async def verify(self, token: str, now: float | None = None) -> str:
        """The email of a valid token's subject; ``Unauthenticated`` otherwise."""
        header = token_header(token)
        if header is None:
            raise Unauthenticated(INVALID)
        key = await self._key(str(header.get("kid", "")))
        try:
            claims = jwt.decode(token, key.key, algorithms=[key.algorithm]).claims
            self._rules(now).validate(claims)
        except ClaimError as exc:
            raise Unauthenticated(claim_refusal(exc)) from exc
        except JoseError as exc:
            raise Unauthenticated(INVALID) from exc
        email = claims.get(self.settings.email_claim)
        if not isinstance(email, str) or "@" not in email:
            raise Unauthenticated(f"The token carries no '{self.settings.email_claim}' claim.")
        return email.strip().lower()

    def _rules(self, now: float | None) -> JWTClaimsRegistry:
        return JWTClaimsRegistry(
            now=None if now is None else int(now),
            leeway=self.settings.leeway_seconds,
            iss={"essential": True, "value": self.settings.issuer},
            aud={"essential": True, "value": self.settings.audience},
            exp={"essential": True},
        )

    async def close(self) -> None:
        await self._client.aclose()
