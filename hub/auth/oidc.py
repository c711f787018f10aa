"""Bearer JWTs from an OpenID Connect identity provider, verified against its JWKS."""

from __future__ import annotations

import base64
import json
import logging
import time
from typing import Any

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature

from hub.core.config import OidcSettings
from hub.core.errors import Unauthenticated
from hub.observability.trace_context import TracedTransport

log = logging.getLogger(__name__)

JWKS_TTL_SECONDS = 600
# An unknown key id may mean the provider rotated its keys; refetch, but not on every token.
MIN_REFETCH_SECONDS = 30
PublicKey = rsa.RSAPublicKey | ec.EllipticCurvePublicKey


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _int(text: str) -> int:
    return int.from_bytes(_unb64(text), "big")


def _public_key(jwk: dict[str, Any]) -> PublicKey | None:
    if jwk.get("kty") == "RSA":
        return rsa.RSAPublicNumbers(_int(jwk["e"]), _int(jwk["n"])).public_key()
    if jwk.get("kty") == "EC" and jwk.get("crv") == "P-256":
        return ec.EllipticCurvePublicNumbers(
            _int(jwk["x"]), _int(jwk["y"]), ec.SECP256R1()
        ).public_key()
    return None


def _verify_signature(key: PublicKey, alg: str, signed: bytes, signature: bytes) -> bool:
    try:
        if alg == "RS256" and isinstance(key, rsa.RSAPublicKey):
            key.verify(signature, signed, padding.PKCS1v15(), hashes.SHA256())
            return True
        if alg == "ES256" and isinstance(key, ec.EllipticCurvePublicKey) and len(signature) == 64:
            der = encode_dss_signature(
                int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            )
            key.verify(der, signed, ec.ECDSA(hashes.SHA256()))
            return True
    except InvalidSignature:
        return False
    return False


def token_algorithm(token: str) -> str | None:
    """The ``alg`` of a JWT's header, or None when it is not a JWT."""
    try:
        header = json.loads(_unb64(token.split(".", 1)[0]))
    except (ValueError, UnicodeDecodeError):
        return None
    alg = header.get("alg") if isinstance(header, dict) else None
    return alg if isinstance(alg, str) else None


class OidcVerifier:
    def __init__(self, settings: OidcSettings, client: httpx.AsyncClient | None = None) -> None:
        self.settings = settings
        self._client = client or httpx.AsyncClient(timeout=5.0, transport=TracedTransport())
        self._keys: dict[str, PublicKey] = {}
        self._fetched_at = 0.0

    async def _refresh(self, force: bool) -> None:
        age = time.monotonic() - self._fetched_at
        if self._keys and age < (MIN_REFETCH_SECONDS if force else JWKS_TTL_SECONDS):
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
            if isinstance(jwk, dict) and (key := _public_key(jwk)) is not None
        }
        self._fetched_at = time.monotonic()

    async def _key(self, kid: str) -> PublicKey:
        await self._refresh(force=False)
        if kid not in self._keys:
            await self._refresh(force=True)
        key = self._keys.get(kid)
        if key is None:
            raise Unauthenticated("The token was signed with an unknown key.")
        return key

    async def verify(self, token: str, now: float | None = None) -> str:
        """The email of a valid token's subject; ``Unauthenticated`` otherwise."""
        invalid = Unauthenticated("The bearer token is invalid.")
        parts = token.split(".")
        if len(parts) != 3:
            raise invalid
        try:
            header = json.loads(_unb64(parts[0]))
            claims = json.loads(_unb64(parts[1]))
            signature = _unb64(parts[2])
        except (ValueError, UnicodeDecodeError) as exc:
            raise invalid from exc
        if not isinstance(header, dict) or not isinstance(claims, dict):
            raise invalid
        key = await self._key(str(header.get("kid", "")))
        if not _verify_signature(
            key, str(header.get("alg")), f"{parts[0]}.{parts[1]}".encode(), signature
        ):
            raise invalid
        self._check_claims(claims, time.time() if now is None else now)
        email = claims.get(self.settings.email_claim)
        if not isinstance(email, str) or "@" not in email:
            raise Unauthenticated(f"The token carries no '{self.settings.email_claim}' claim.")
        return email.strip().lower()

    def _check_claims(self, claims: dict[str, Any], now: float) -> None:
        leeway = self.settings.leeway_seconds
        if claims.get("iss") != self.settings.issuer:
            raise Unauthenticated("The token was issued by another identity provider.")
        audience = claims.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if self.settings.audience not in audiences:
            raise Unauthenticated("The token is meant for another audience.")
        expires = claims.get("exp")
        if not isinstance(expires, int | float) or expires + leeway <= now:
            raise Unauthenticated("The bearer token has expired.")
        not_before = claims.get("nbf")
        if isinstance(not_before, int | float) and not_before - leeway > now:
            raise Unauthenticated("The bearer token is not valid yet.")

    async def close(self) -> None:
        await self._client.aclose()
