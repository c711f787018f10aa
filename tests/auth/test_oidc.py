"""Tokens of an identity provider, checked against a JWKS served on this machine."""

from __future__ import annotations

import base64
import json
import threading
import time
from collections.abc import AsyncIterator, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import httpx
import pytest
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

from hub.app import create_app
from hub.core.config import ConfigurationError, Settings
from tests.conftest import Client

ISSUER = "https://login.network.example.org"
AUDIENCE = "engagement-hub"
USER = "coordinator@network.example.org"
VIEWER = "{ viewer { email } }"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _b64int(value: int) -> str:
    return _b64(value.to_bytes((value.bit_length() + 7) // 8, "big"))


class Provider:
    """An identity provider's signing keys and its JWKS endpoint."""

    def __init__(self) -> None:
        self.rsa = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.ec = ec.generate_private_key(ec.SECP256R1())
        self.published = ["rsa-1", "ec-1"]
        self.fetches = 0

    def jwks(self) -> dict[str, Any]:
        rsa_numbers = self.rsa.public_key().public_numbers()
        ec_numbers = self.ec.public_key().public_numbers()
        keys = {
            "rsa-1": {
                "kty": "RSA",
                "kid": "rsa-1",
                "e": _b64int(rsa_numbers.e),
                "n": _b64int(rsa_numbers.n),
            },
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
        head = _b64(json.dumps({"alg": alg, "kid": kid, "typ": "JWT"}).encode())
        body = _b64(json.dumps(claims).encode())
        signed = f"{head}.{body}".encode()
        if alg == "RS256":
            signature = self.rsa.sign(signed, padding.PKCS1v15(), hashes.SHA256())
        else:
            r, s = decode_dss_signature(self.ec.sign(signed, ec.ECDSA(hashes.SHA256())))
            signature = r.to_bytes(32, "big") + s.to_bytes(32, "big")
        return f"{head}.{body}.{_b64(signature)}"


@pytest.fixture(scope="module")
def provider() -> Iterator[tuple[Provider, str]]:
    idp = Provider()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            idp.fetches += 1
            body = json.dumps(idp.jwks()).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            return None

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield idp, f"http://127.0.0.1:{server.server_address[1]}/jwks.json"
    server.shutdown()
    server.server_close()


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
