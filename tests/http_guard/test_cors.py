"""CORS: preflights and response headers for the configured origins only."""

from __future__ import annotations

import pytest

from hub.core.config import ConfigurationError, Settings
from hub.http_guard.cors import ALLOWED_HEADERS
from hub.http_guard.limiter import MemoryLimiter
from tests.http_guard.conftest import COORDINATOR, FRONT_END, VIEWER, FakeClock, Serve

PATHS = ["/graphql", "/t/global/graphql"]
PREFLIGHT = {
    "Origin": FRONT_END,
    "Access-Control-Request-Method": "POST",
    "Access-Control-Request-Headers": "authorization, content-type, x-hub-tenant, x-request-id",
}


@pytest.fixture
def cors(settings: Settings) -> Settings:
    return settings.model_copy(update={"cors_origins": f"{FRONT_END}, http://localhost:3000"})


@pytest.mark.parametrize("path", PATHS)
async def test_a_preflight_from_a_configured_origin_is_answered(
    serve: Serve, cors: Settings, path: str, sql_log: list[str]
) -> None:
    async with serve(cors) as hub:
        sql_log.clear()  # the policies loaded at start-up
        reply = await hub.http.options(path, headers=PREFLIGHT)

    assert reply.status_code == 204
    assert reply.headers["access-control-allow-origin"] == FRONT_END
    assert reply.headers["access-control-allow-methods"] == "GET, POST"
    allowed = reply.headers["access-control-allow-headers"].split(", ")
    assert {"authorization", "content-type", "x-hub-tenant", "x-request-id"} <= set(allowed)
    assert reply.headers["access-control-max-age"] == "600"
    assert "access-control-allow-credentials" not in reply.headers
    assert "Origin" in reply.headers["vary"]
    assert sql_log == []


@pytest.mark.parametrize("path", PATHS)
async def test_a_preflight_from_another_origin_is_refused(
    serve: Serve, cors: Settings, path: str
) -> None:
    async with serve(cors) as hub:
        reply = await hub.http.options(
            path, headers={**PREFLIGHT, "Origin": "https://evil.example.com"}
        )

    assert reply.status_code == 403
    assert reply.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
    assert not any(name.startswith("access-control-") for name in reply.headers)


@pytest.mark.parametrize(
    ("method", "headers", "refused"),
    [
        ("DELETE", "authorization", "DELETE"),
        ("POST", "authorization, x-secret", "x-secret"),
    ],
)
async def test_a_preflight_for_a_method_or_header_not_allowed_is_refused(
    serve: Serve, cors: Settings, method: str, headers: str, refused: str
) -> None:
    async with serve(cors) as hub:
        reply = await hub.http.options(
            "/graphql",
            headers={
                **PREFLIGHT,
                "Access-Control-Request-Method": method,
                "Access-Control-Request-Headers": headers,
            },
        )

    assert reply.status_code == 403
    assert refused in reply.json()["errors"][0]["message"]
    assert "access-control-allow-origin" not in reply.headers


async def test_without_configured_origins_there_are_no_cors_headers(
    serve: Serve, settings: Settings
) -> None:
    async with serve(settings) as hub:
        preflight = await hub.http.options("/graphql", headers=PREFLIGHT)
        actual = await hub.gql(VIEWER, user=COORDINATOR, headers={"Origin": FRONT_END})

    assert preflight.status_code == 405
    assert preflight.headers["allow"] == "GET, POST"
    assert preflight.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"
    assert not any(name.startswith("access-control-") for name in preflight.headers)
    assert actual.status == 200


async def test_a_configured_origin_may_read_answers_and_refusals(
    serve: Serve, cors: Settings
) -> None:
    limits = cors.model_copy(update={"rate_limit_per_ip": 1})
    origin = {"Origin": FRONT_END}
    async with serve(limits, limiter=MemoryLimiter(clock=FakeClock())) as hub:
        answered = await hub.http.post(
            "/graphql",
            json={"query": VIEWER},
            headers={**origin, "Authorization": f"Bearer {hub.token(COORDINATOR)}"},
        )
        limited = await hub.http.post("/graphql", json={"query": VIEWER}, headers=origin)

    for reply, status in ((answered, 200), (limited, 429)):
        assert reply.status_code == status
        assert reply.headers["access-control-allow-origin"] == FRONT_END
        exposed = reply.headers["access-control-expose-headers"]
        assert "retry-after" in exposed
        assert "x-request-id" in exposed
        assert "access-control-allow-credentials" not in reply.headers
    assert limited.headers["retry-after"] == "60"


async def test_another_origin_gets_no_cors_headers(serve: Serve, cors: Settings) -> None:
    async with serve(cors) as hub:
        reply = await hub.http.get(
            "/graphql",
            params={"query": VIEWER},
            headers={
                "Origin": "https://evil.example.com",
                "Authorization": f"Bearer {hub.token(COORDINATOR)}",
            },
        )

    assert reply.status_code == 200
    assert "access-control-allow-origin" not in reply.headers
    assert "Origin" in reply.headers["vary"]


async def test_an_options_request_that_is_not_a_preflight_is_405(
    serve: Serve, cors: Settings
) -> None:
    async with serve(cors) as hub:
        reply = await hub.http.options("/graphql", headers={"Origin": FRONT_END})

    assert reply.status_code == 405
    assert reply.json()["errors"][0]["extensions"]["code"] == "METHOD_NOT_ALLOWED"


def test_the_tenant_header_is_allowed() -> None:
    assert "x-hub-tenant" in ALLOWED_HEADERS


@pytest.mark.parametrize(
    "origins", ["*", "https://app.example.org/path", "app.example.org", "null"]
)
def test_origins_must_be_listed_one_by_one(origins: str) -> None:
    with pytest.raises(ConfigurationError, match=r"HUB_CORS_ORIGINS: .* is not an origin"):
        Settings(cors_origins=origins).check()


def test_origins_are_normalised() -> None:
    settings = Settings(cors_origins="https://App.Example.org:443/, http://localhost:3000")

    assert settings.allowed_origins == {"https://app.example.org", "http://localhost:3000"}
