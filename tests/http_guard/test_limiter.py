"""The in-process token bucket, on a clock moved by hand."""

from __future__ import annotations

from hub.http_guard.limiter import Decision, MemoryLimiter
from tests.http_guard.conftest import FakeClock


async def test_a_bucket_allows_its_limit_then_refuses() -> None:
    limiter = MemoryLimiter(clock=FakeClock())

    decisions = [await limiter.hit("token:a", 3) for _ in range(4)]

    assert decisions[:3] == [Decision(allowed=True)] * 3
    # 3 a minute: one request every 20 seconds
    assert decisions[3] == Decision(allowed=False, retry_after=20)


async def test_a_bucket_refills_at_the_limit_s_pace() -> None:
    clock = FakeClock()
    limiter = MemoryLimiter(clock=clock)
    for _ in range(3):
        await limiter.hit("token:a", 3)

    clock.advance(15)
    early = await limiter.hit("token:a", 3)
    clock.advance(5)
    on_time = await limiter.hit("token:a", 3)

    assert early == Decision(allowed=False, retry_after=5)
    assert on_time.allowed
    assert not (await limiter.hit("token:a", 3)).allowed


async def test_keys_have_buckets_of_their_own() -> None:
    limiter = MemoryLimiter(clock=FakeClock())
    await limiter.hit("token:a", 1)

    assert not (await limiter.hit("token:a", 1)).allowed
    assert (await limiter.hit("token:b", 1)).allowed
    assert (await limiter.hit("ip:a", 1)).allowed


async def test_idle_buckets_are_forgotten_and_the_number_kept_is_bounded() -> None:
    clock = FakeClock()
    limiter = MemoryLimiter(clock=clock, max_keys=3)
    for name in "abcde":
        await limiter.hit(name, 10)

    assert list(limiter.buckets) == ["c", "d", "e"]

    clock.advance(60)
    await limiter.hit("f", 10)

    assert list(limiter.buckets) == ["f"]


async def test_a_refused_request_takes_nothing() -> None:
    clock = FakeClock()
    limiter = MemoryLimiter(clock=clock)
    await limiter.hit("a", 60)  # 1 a second, burst of 60
    for _ in range(59):
        await limiter.hit("a", 60)
    for _ in range(5):
        assert not (await limiter.hit("a", 60)).allowed

    clock.advance(1)

    assert (await limiter.hit("a", 60)).allowed
