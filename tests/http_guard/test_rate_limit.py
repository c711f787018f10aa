"""Rate limits per token and per client address, through the app."""

from __future__ import annotations

import pytest

from hub.core.config import Settings
from hub.http_guard.limiter import MemoryLimiter
from tests.http_guard.conftest import COORDINATOR, VIEWER, FakeClock, Serve, production

AUDITOR = "auditor@network.example.org"


async def test_a_token_over_its_limit_gets_429_with_retry_after(
    serve: Serve, settings: Settings, sql_log: list[str]
) -> None:
    # given a limit of 2 a minute per token
    limits = settings.model_copy(update={"rate_limit_per_token": 2})
    async with serve(limits, limiter=MemoryLimiter(clock=FakeClock())) as hub:
        token = hub.token(COORDINATOR)
        allowed = [await hub.gql(VIEWER, token=token) for _ in range(2)]
        sql_log.clear()

        # when a third request comes within the minute
        reply = await hub.http.post(
            "/graphql",
            json={"query": VIEWER},
            headers={"Authorization": f"Bearer {token}", "Accept": "application/json"},
        )

    # then it is refused before any database work, saying when to come back
    assert [r.status for r in allowed] == [200, 200]
    assert reply.status_code == 429
    assert reply.headers["retry-after"] == "30"
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.json() == {
        "errors": [
            {
                "message": "Too many requests for this token: the limit is 2 a minute. "
                "Retry in 30 s.",
                "extensions": {
                    "code": "RATE_LIMITED",
                    "limit": "perToken",
                    "value": 2,
                    "retryAfter": 30,
                },
            }
        ]
    }
    assert sql_log == []


async def test_the_bucket_refills_with_time(serve: Serve, settings: Settings) -> None:
    clock = FakeClock()
    limits = settings.model_copy(update={"rate_limit_per_token": 2})
    async with serve(limits, limiter=MemoryLimiter(clock=clock)) as hub:
        token = hub.token(COORDINATOR)
        for _ in range(2):
            await hub.gql(VIEWER, token=token)
        refused = await hub.gql(VIEWER, token=token)

        clock.advance(30)
        again = await hub.gql(VIEWER, token=token)

    assert refused.status == 429
    assert again.status == 200


async def test_tokens_have_budgets_of_their_own(serve: Serve, settings: Settings) -> None:
    limits = settings.model_copy(update={"rate_limit_per_token": 1})
    async with serve(limits, limiter=MemoryLimiter(clock=FakeClock())) as hub:
        token = hub.token(COORDINATOR)
        first = [await hub.gql(VIEWER, token=token) for _ in range(2)]
        other = await hub.gql(VIEWER, user=AUDITOR)

    assert [r.status for r in first] == [200, 429]
    assert other.status == 200


async def test_an_address_over_its_limit_gets_429_whatever_the_token(
    serve: Serve, settings: Settings, sql_log: list[str]
) -> None:
    limits = settings.model_copy(update={"rate_limit_per_ip": 2})
    limiter = MemoryLimiter(clock=FakeClock())
    async with (
        serve(limits, limiter=limiter, address="198.51.100.1") as busy,
        serve(limits, limiter=limiter, address="198.51.100.2") as quiet,
    ):
        await busy.gql(VIEWER, user=COORDINATOR)
        await busy.gql(VIEWER)  # no token: counts against the address too
        sql_log.clear()
        refused = await busy.gql(VIEWER, user=AUDITOR)
        statements = list(sql_log)
        elsewhere = await quiet.gql(VIEWER, user=AUDITOR)

    assert refused.status == 429
    assert refused.errors[0]["extensions"] == {
        "code": "RATE_LIMITED",
        "limit": "perIp",
        "value": 2,
        "retryAfter": 30,
    }
    assert statements == []
    assert elsewhere.status == 200


async def test_the_tenant_path_is_limited_too(serve: Serve, settings: Settings) -> None:
    limits = settings.model_copy(update={"rate_limit_per_token": 1})
    async with serve(limits, limiter=MemoryLimiter(clock=FakeClock())) as hub:
        headers = {"Authorization": f"Bearer {hub.token(COORDINATOR)}"}
        replies = [
            await hub.http.post("/t/global/graphql", json={"query": VIEWER}, headers=headers)
            for _ in range(2)
        ]

    assert [r.status_code for r in replies] == [200, 429]
    assert replies[1].json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"


@pytest.mark.parametrize("path", ["/healthz", "/readyz"])
async def test_health_endpoints_are_not_limited(
    serve: Serve, settings: Settings, path: str
) -> None:
    limits = settings.model_copy(update={"rate_limit_per_ip": 1})
    async with serve(limits, limiter=MemoryLimiter(clock=FakeClock())) as hub:
        await hub.gql(VIEWER, user=COORDINATOR)
        limited = await hub.gql(VIEWER, user=COORDINATOR)
        health = [await hub.http.get(path) for _ in range(3)]

    assert limited.status == 429
    assert [r.status_code for r in health] == [200, 200, 200]


def test_limits_are_on_in_production_and_off_in_development(settings: Settings) -> None:
    hardened = production(settings)
    relaxed = production(settings, rate_limit_per_token=0, rate_limit_per_ip=50)

    assert (settings.effective_rate_limit_per_token, settings.effective_rate_limit_per_ip) == (
        0,
        0,
    )
    assert hardened.effective_rate_limit_per_token == 600
    assert hardened.effective_rate_limit_per_ip == 1200
    assert (relaxed.effective_rate_limit_per_token, relaxed.effective_rate_limit_per_ip) == (0, 50)


async def test_production_limits_by_default(serve: Serve, settings: Settings) -> None:
    async with serve(production(settings)) as hub:
        # one token: tokens minted in different seconds differ, and count apart
        token = hub.token(COORDINATOR)
        replies = [await hub.gql(VIEWER, token=token) for _ in range(3)]
        limiter = hub.app.state.rate_limiter
        counted = len(limiter.buckets)

    assert [r.status for r in replies] == [200, 200, 200]
    assert isinstance(limiter, MemoryLimiter)
    assert counted == 2  # the address and the token


async def test_a_batch_counts_one_request_per_operation(serve: Serve, settings: Settings) -> None:
    # given a limit of 4 a minute per token
    limits = settings.model_copy(update={"rate_limit_per_token": 4})
    async with serve(limits, limiter=MemoryLimiter(clock=FakeClock())) as hub:
        token = hub.token(COORDINATOR)
        headers = {"Authorization": f"Bearer {token}", "Accept": "application/json"}
        # when it sends a batch of three, then another
        first = await hub.http.post("/graphql", json=[{"query": VIEWER}] * 3, headers=headers)
        second = await hub.http.post("/graphql", json=[{"query": VIEWER}] * 3, headers=headers)

    # then the first takes three of the four, and the second is refused
    assert first.status_code == 200
    assert len(first.json()) == 3
    assert second.status_code == 429
    assert second.headers["retry-after"] == "15"
    assert second.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
