"""Tokens of an identity provider, checked against a JWKS served on this machine."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import functools
import hmac
import json
import time
from collections.abc import AsyncIterator, Callable, Iterator, Mapping
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from hub.app import create_app
from hub.auth.oidc import JWKS_TTL_SECONDS, MIN_REFETCH_SECONDS, OidcVerifier
from hub.core.config import ConfigurationError, OidcSettings, Settings
from hub.core.errors import Unauthenticated
from tests.conftest import Client
from tests.http_guard.conftest import FakeClock
from tests.json_server import serving_json

ISSUER = "https://login.network.example.org"
AUDIENCE = "engagement-hub"
USER = "coordinator@network.example.org"
VIEWER = "{ viewer { email } }"
PUBLISHED_SECRET = b"published-to-the-world-0123456789"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64int(value: int) -> str:
    return _b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))


@functools.cache
def _private_keys() -> tuple[rsa.RSAPrivateKey, rsa.RSAPrivateKey, ec.EllipticCurvePrivateKey]:
    """An RSA key, the RSA key rotated to, and an EC key: made once, RSA keys are slow to make."""
    return (
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        rsa.generate_private_key(public_exponent=65537, key_size=2048),
        ec.generate_private_key(ec.SECP256R1()),
    )


class Provider:
    """An identity provider's signing keys and its JWKS endpoint."""

    def __init__(self) -> None:
        self.rsa, self.rsa_next, self.ec = _private_keys()
        self.published = ["rsa-1", "ec-1"]
        self.fetches = 0

    def private_rsa(self, kid: str) -> rsa.RSAPrivateKey:
        return self.rsa_next if kid == "rsa-2" else self.rsa

    def jwks(self) -> dict[str, Any]:
        def rsa_jwk(kid: str) -> dict[str, str]:
            numbers = self.private_rsa(kid).public_key().public_numbers()
            return {"kty": "RSA", "kid": kid, "e": _b64int(numbers.e), "n": _b64int(numbers.n)}

        ec_numbers = self.ec.public_key().public_numbers()
        keys = {
            "rsa-1": rsa_jwk("rsa-1"),
            "rsa-2": rsa_jwk("rsa-2"),
            # a symmetric key, which a provider publishing it would have made public
            "oct-1": {"kty": "oct", "kid": "oct-1", "k": _b64(PUBLISHED_SECRET)},
            "ec-1": {
                "kty": "EC",
                "kid": "ec-1",
                "crv": "P-256",
                "x": _b64int(ec_numbers.x),
                "y": _b64int(ec_numbers.y),
            },
        }
        return {"keys": [keys[kid] for kid in self.published]}

    def token(self, kid: str = "rsa-1", **overrides: Any) -> str:
        now = int(time.time())
        claims = {"iss": ISSUER, "aud": AUDIENCE, "exp": now + 300, "iat": now, "email": USER}
        claims.update(overrides)
        claims = {k: v for k, v in claims.items() if v is not None}
        alg = "RS256" if kid.startswith("rsa") else "ES256"
        return self.sign({"alg": alg, "kid": kid, "typ": "JWT"}, claims)

    def sign(self, header: dict[str, Any], claims: dict[str, Any], secret: bytes = b"") -> str:
        """A token with this header and these claims, signed with the header's ``alg``: RS256
        and ES256 with the provider's private keys, HS256 with ``secret``, ``none`` not."""
        head = _b64(json.dumps(header).encode())
        body = _b64(json.dumps(claims).encode())
        signed = f"{head}.{body}".encode()
        if header["alg"] == "RS256":
            key = self.private_rsa(header["kid"])
            signature = key.sign(signed, padding.PKCS1v15(), hashes.SHA256())
        elif header["alg"] == "HS256":
            signature = hmac.digest(secret, signed, "sha256")
        elif header["alg"] == "ES256":
            r, s = decode_dss_signature(self.ec.sign(signed, ec.ECDSA(hashes.SHA256())))
            signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
        else:
            signature = b""
        return f"{head}.{body}.{_b64(signature)}"


@contextlib.contextmanager
def serving(idp: Provider) -> Iterator[str]:
    """The provider's JWKS endpoint, on this machine; its URL."""

    def answer(headers: Mapping[str, str]) -> object:
        idp.fetches += 1
        return idp.jwks()

    with serving_json(answer) as base:
        yield f"{base}/jwks.json"


@pytest.fixture(scope="module")
def provider() -> Iterator[tuple[Provider, str]]:
    idp = Provider()
    with serving(idp) as url:
        yield idp, url


@pytest.fixture
async def oidc_client(
    settings: Settings, network: None, provider: tuple[Provider, str]
) -> AsyncIterator[Client]:
    configured = settings.model_copy(
        update={"oidc_issuer": ISSUER, "oidc_audience": AUDIENCE, "oidc_jwks_url": provider[1]}
    )
    app = create_app(configured, manage_orm=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub") as http,
    ):
        yield Client(http, app)


@pytest.mark.parametrize("kid", ["rsa-1", "ec-1"])
async def test_a_valid_provider_token_authenticates(
    oidc_client: Client, provider: tuple[Provider, str], kid: str
) -> None:
    reply = await oidc_client.gql(VIEWER, token=provider[0].token(kid))
    assert reply.data == {"viewer": {"email": USER}}


@pytest.mark.parametrize(
    "overrides",
    [
        {"iss": "https://evil.example.org"},
        {"aud": "another-service"},
        # Times as seconds from when the test runs (collection may be minutes earlier).
        {"exp": -120},
        {"nbf": 600},
        {"email": None},
        {"email": "nobody@example.org"},
    ],
)
async def test_bad_claims_are_unauthenticated(
    oidc_client: Client, provider: tuple[Provider, str], overrides: dict[str, Any]
) -> None:
    now = int(time.time())
    claims = {k: now + v if k in ("exp", "nbf") else v for k, v in overrides.items()}
    reply = await oidc_client.gql(VIEWER, token=provider[0].token(**claims))
    assert (reply.status, reply.codes) == (401, ["UNAUTHENTICATED"])


async def test_leeway_accepts_a_token_just_expired(
    oidc_client: Client, provider: tuple[Provider, str]
) -> None:
    reply = await oidc_client.gql(VIEWER, token=provider[0].token(exp=int(time.time()) - 10))
    assert reply.data == {"viewer": {"email": USER}}


async def test_a_forged_signature_is_unauthenticated(
    oidc_client: Client, provider: tuple[Provider, str]
) -> None:
    head, _, signature = provider[0].token().split(".")
    forged_body = _b64(
        json.dumps(
            {
                "iss": ISSUER,
                "aud": AUDIENCE,
                "email": "auditor@network.example.org",
                "exp": int(time.time()) + 60,
            }
        ).encode()
    )
    reply = await oidc_client.gql(VIEWER, token=f"{head}.{forged_body}.{signature}")
    assert reply.status == 401


async def test_an_unknown_key_is_unauthenticated(
    oidc_client: Client, provider: tuple[Provider, str]
) -> None:
    reply = await oidc_client.gql(VIEWER, token=provider[0].token(kid="rsa-9"))
    assert reply.status == 401


async def test_keys_are_fetched_once_for_many_tokens(
    oidc_client: Client, provider: tuple[Provider, str]
) -> None:
    idp = provider[0]
    before = idp.fetches
    for kid in ("rsa-1", "ec-1", "rsa-1"):
        assert (await oidc_client.gql(VIEWER, token=idp.token(kid))).status == 200
    assert idp.fetches == before + 1


async def test_development_tokens_still_work_beside_oidc(oidc_client: Client) -> None:
    reply = await oidc_client.gql(VIEWER, user=USER)
    assert reply.data == {"viewer": {"email": USER}}


def test_partial_oidc_settings_are_refused() -> None:
    with pytest.raises(ConfigurationError, match="HUB_OIDC_ISSUER"):
        Settings(oidc_issuer=ISSUER).check()


def _claims(**overrides: Any) -> dict[str, Any]:
    now = int(time.time())
    claims = {"iss": ISSUER, "aud": AUDIENCE, "exp": now + 300, "iat": now, "email": USER}
    claims.update(overrides)
    return {k: v for k, v in claims.items() if v is not None}


def _public_pem(idp: Provider) -> bytes:
    return idp.rsa.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )


# Tokens that name an algorithm their key is not for: each must be refused.
CONFUSIONS: dict[str, Callable[[Provider], str]] = {
    # HS256 with the provider's public key as the secret: anyone can compute it
    "HS256 keyed with the public key": lambda idp: idp.sign(
        {"alg": "HS256", "kid": "rsa-1", "typ": "JWT"}, _claims(), secret=_public_pem(idp)
    ),
    # HS256 with a symmetric key the provider published
    "HS256 keyed with a published oct key": lambda idp: idp.sign(
        {"alg": "HS256", "kid": "oct-1", "typ": "JWT"}, _claims(), secret=PUBLISHED_SECRET
    ),
    "none": lambda idp: idp.sign({"alg": "none", "kid": "rsa-1", "typ": "JWT"}, _claims()),
    "ES256 naming the RSA key": lambda idp: idp.sign(
        {"alg": "ES256", "kid": "rsa-1", "typ": "JWT"}, _claims()
    ),
    "RS256 naming the EC key": lambda idp: idp.sign(
        {"alg": "RS256", "kid": "ec-1", "typ": "JWT"}, _claims()
    ),
}


@pytest.mark.parametrize("confusion", list(CONFUSIONS))
async def test_a_token_naming_another_algorithm_is_unauthenticated(
    oidc_client: Client, provider: tuple[Provider, str], confusion: str
) -> None:
    idp = provider[0]
    idp.published = ["rsa-1", "ec-1", "oct-1"]
    try:
        reply = await oidc_client.gql(VIEWER, token=CONFUSIONS[confusion](idp))
    finally:
        idp.published = ["rsa-1", "ec-1"]
    assert (reply.status, reply.codes) == (401, ["UNAUTHENTICATED"])


@pytest.fixture
async def verifier() -> AsyncIterator[tuple[Provider, OidcVerifier, FakeClock]]:
    """A verifier of its own provider, on a clock moved by hand."""
    idp = Provider()
    idp.published = ["rsa-1", "ec-1", "oct-1"]
    clock = FakeClock()
    with serving(idp) as url:
        settings = OidcSettings(issuer=ISSUER, audience=AUDIENCE, jwks_url=url)
        instance = OidcVerifier(settings, clock=clock)
        try:
            yield idp, instance, clock
        finally:
            await instance.close()


@pytest.mark.parametrize("confusion", list(CONFUSIONS))
async def test_the_verifier_takes_the_algorithm_from_the_key(
    verifier: tuple[Provider, OidcVerifier, FakeClock], confusion: str
) -> None:
    idp, oidc, _ = verifier
    with pytest.raises(Unauthenticated):
        await oidc.verify(CONFUSIONS[confusion](idp))


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        # seconds from now; the leeway is 60 s
        ({"exp": -61}, "has expired"),
        ({"exp": None}, "has expired"),
        ({"nbf": 70}, "not valid yet"),  # by 10 s: time runs towards the leeway
        ({"aud": "another-service"}, "another audience"),
        ({"aud": ["another-service", "a-third"]}, "another audience"),
        ({"aud": None}, "another audience"),
        ({"iss": "https://evil.example.org"}, "another identity provider"),
        ({"iss": None}, "another identity provider"),
        ({"email": "not-an-address"}, "no 'email' claim"),
    ],
)
async def test_the_verifier_names_the_claim_it_refuses(
    verifier: tuple[Provider, OidcVerifier, FakeClock], overrides: dict[str, Any], message: str
) -> None:
    idp, oidc, _ = verifier
    now = int(time.time())
    claims = {k: now + v if k in ("exp", "nbf") and v else v for k, v in overrides.items()}
    with pytest.raises(Unauthenticated, match=message):
        await oidc.verify(idp.token(**claims))


@pytest.mark.parametrize(
    "overrides",
    # Within the 60 s leeway by 10 s: the token is made from the wall clock, and a loaded
    # machine may take a second or more to sign and verify it.
    [
        {"exp": -50},
        {"nbf": 50},
        {"aud": ["another-service", AUDIENCE]},
        {"email": " Coordinator@Network.example.org "},
    ],
)
async def test_the_verifier_accepts_within_the_leeway_and_among_audiences(
    verifier: tuple[Provider, OidcVerifier, FakeClock], overrides: dict[str, Any]
) -> None:
    idp, oidc, _ = verifier
    now = int(time.time())
    claims = {k: now + v if k in ("exp", "nbf") else v for k, v in overrides.items()}
    assert await oidc.verify(idp.token(**claims)) == USER


async def test_a_rotated_key_is_fetched_once_the_refetch_interval_has_passed(
    verifier: tuple[Provider, OidcVerifier, FakeClock],
) -> None:
    # given keys fetched for a first token
    idp, oidc, clock = verifier
    assert await oidc.verify(idp.token("rsa-1")) == USER
    # when the provider rotates to a new key at once
    idp.published = ["rsa-2", "ec-1"]
    rotated = idp.token("rsa-2")
    # then the new key is not fetched within the interval, and is afterwards
    with pytest.raises(Unauthenticated, match="unknown key"):
        await oidc.verify(rotated)
    assert idp.fetches == 1
    clock.advance(MIN_REFETCH_SECONDS)
    assert await oidc.verify(rotated) == USER
    assert idp.fetches == 2
    # and the key it dropped is unknown now
    with pytest.raises(Unauthenticated, match="unknown key"):
        await oidc.verify(idp.token("rsa-1"))


async def test_unknown_key_ids_refetch_at_most_once_per_interval(
    verifier: tuple[Provider, OidcVerifier, FakeClock],
) -> None:
    # given keys fetched an interval ago
    idp, oidc, clock = verifier
    await oidc.verify(idp.token("rsa-1"))
    clock.advance(MIN_REFETCH_SECONDS)
    # when many tokens name made-up keys, together and then one after another
    made_up = [idp.token(f"rsa-{n}") for n in range(100, 110)]
    together = await asyncio.gather(*(oidc.verify(t) for t in made_up), return_exceptions=True)
    clock.advance(MIN_REFETCH_SECONDS - 1)
    for token in made_up:
        with pytest.raises(Unauthenticated, match="unknown key"):
            await oidc.verify(token)
    # then each is refused, and the provider was asked once more in all
    assert all(isinstance(error, Unauthenticated) for error in together)
    assert idp.fetches == 2


async def test_the_keys_expire_and_are_fetched_again(
    verifier: tuple[Provider, OidcVerifier, FakeClock],
) -> None:
    idp, oidc, clock = verifier
    await oidc.verify(idp.token("ec-1"))
    clock.advance(JWKS_TTL_SECONDS)
    assert await oidc.verify(idp.token("ec-1")) == USER
    assert idp.fetches == 2


async def test_the_keys_in_hand_serve_while_the_provider_is_unreachable() -> None:
    idp = Provider()
    clock = FakeClock()
    with serving(idp) as url:
        oidc = OidcVerifier(OidcSettings(ISSUER, AUDIENCE, url), clock=clock)
        await oidc.verify(idp.token("rsa-1"))
    try:
        clock.advance(JWKS_TTL_SECONDS)
        assert await oidc.verify(idp.token("rsa-1")) == USER
        with pytest.raises(Unauthenticated, match="unknown key"):
            await oidc.verify(idp.token("rsa-2"))
    finally:
        await oidc.close()


async def test_without_keys_an_unreachable_provider_is_unauthenticated() -> None:
    idp = Provider()
    with serving(idp) as url:
        pass
    oidc = OidcVerifier(OidcSettings(ISSUER, AUDIENCE, url))
    try:
        with pytest.raises(Unauthenticated, match="keys are unavailable"):
            await oidc.verify(idp.token("rsa-1"))
    finally:
        await oidc.close()
