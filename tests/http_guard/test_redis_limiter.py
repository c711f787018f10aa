"""The Redis token bucket against a real Redis, and two hubs sharing one budget."""

from __future__ import annotations

import os
import uuid
from collections.abc import AsyncIterator

import pytest
import redis.asyncio as redis
from redis.exceptions import RedisError

from hub.core.config import Settings
from hub.http_guard.limiter import Decision
from hub.http_guard.redis_limiter import RedisLimiter
from tests.http_guard.conftest import COORDINATOR, VIEWER, FakeClock, Serve

REDIS_URL = os.environ.get("HUB_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
async def prefix() -> AsyncIterator[str]:
    """A key prefix of this test's own (other suites may share the server), removed after."""
    client = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1)
    try:
        await client.ping()
    except (RedisError, OSError) as exc:
        await client.aclose()
        if os.environ.get("CI") == "true":
            pytest.fail(f"Redis at {REDIS_URL} is unreachable: {exc}")
        pytest.skip(f"Redis at {REDIS_URL} is unreachable (set HUB_TEST_REDIS_URL)")
    name = f"hub-test:{uuid.uuid4().hex}:"
    try:
        yield name
    finally:
        async for key in client.scan_iter(match=f"{name}*"):
            await client.delete(key)
        await client.aclose()


@pytest.fixture
async def limiter(prefix: str) -> AsyncIterator[tuple[RedisLimiter, FakeClock]]:
    clock = FakeClock()
    instance = RedisLimiter(REDIS_URL, prefix=prefix, clock=clock)
    yield instance, clock
    await instance.close()


async def test_a_bucket_allows_its_limit_then_refuses(
    limiter: tuple[RedisLimiter, FakeClock],
) -> None:
    bucket, _ = limiter

    decisions = [await bucket.hit("token:a", 3) for _ in range(4)]

    assert decisions[:3] == [Decision(allowed=True)] * 3
    assert decisions[3] == Decision(allowed=False, retry_after=20)


async def test_a_bucket_refills_at_the_limit_s_pace(
    limiter: tuple[RedisLimiter, FakeClock],
) -> None:
    bucket, clock = limiter
    for _ in range(3):
        await bucket.hit("token:a", 3)

    clock.advance(15)
    early = await bucket.hit("token:a", 3)
    clock.advance(5)
    on_time = await bucket.hit("token:a", 3)

    assert early == Decision(allowed=False, retry_after=5)
    assert on_time.allowed
    assert (await bucket.hit("token:b", 3)).allowed


async def test_buckets_expire_once_full_again(
    limiter: tuple[RedisLimiter, FakeClock], prefix: str
) -> None:
    bucket, _ = limiter
    await bucket.hit("token:a", 3)

    client = redis.Redis.from_url(REDIS_URL)
    try:
        ttl = await client.ttl(f"{prefix}token:a")
    finally:
        await client.aclose()

    assert 0 < ttl <= 61


async def test_redis_time_is_used_without_a_clock(prefix: str) -> None:
    bucket = RedisLimiter(REDIS_URL, prefix=prefix)
    try:
        decisions = [await bucket.hit("ip:a", 2) for _ in range(3)]
    finally:
        await bucket.close()

    assert [d.allowed for d in decisions] == [True, True, False]
    assert 1 <= decisions[2].retry_after <= 30


async def test_an_unreachable_redis_lets_requests_through() -> None:
    bucket = RedisLimiter("redis://127.0.0.1:1/0")
    try:
        decisions = [await bucket.hit("ip:a", 1) for _ in range(3)]
    finally:
        await bucket.close()

    assert decisions == [Decision(allowed=True)] * 3


async def test_hubs_sharing_redis_share_the_budget(
    serve: Serve, settings: Settings, prefix: str
) -> None:
    # given two server processes' apps, each with its own connection to one Redis
    limits = settings.model_copy(update={"rate_limit_per_token": 3})
    clock = FakeClock()
    first = RedisLimiter(REDIS_URL, prefix=prefix, clock=clock)
    second = RedisLimiter(REDIS_URL, prefix=prefix, clock=clock)
    async with serve(limits, limiter=first) as one, serve(limits, limiter=second) as other:
        token = one.token(COORDINATOR)

        # when the token's requests alternate between them
        statuses = [(await hub.gql(VIEWER, token=token)).status for hub in (one, other, one, other)]

    # then the fourth is refused: three a minute in all, not three per process
    assert statuses == [200, 200, 200, 429]


async def test_a_hub_serves_while_its_redis_is_unreachable(
    serve: Serve, settings: Settings
) -> None:
    limits = settings.model_copy(
        update={"rate_limit_per_token": 1, "rate_limit_redis_url": "redis://127.0.0.1:1/0"}
    )
    async with serve(limits) as hub:
        replies = [await hub.gql(VIEWER, user=COORDINATOR) for _ in range(3)]

    assert [reply.status for reply in replies] == [200, 200, 200]
