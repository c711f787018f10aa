"""The result cache holds each result as the JSON its answer sends, and the size of that
JSON together stays within its bound in bytes."""

from __future__ import annotations

from typing import Any

import orjson

from hub.core.config import Settings
from hub.results.cache import CacheKey, ResultCache
from hub.results.revisioned import Revisioned


def _key(n: int) -> CacheKey:
    return CacheKey.of(
        tenant_id="t",
        subject="user:someone@example.org",
        policy_generation=1,
        document=f"{{ n{n} }}",
        operation_name=None,
        variables=None,
        accept_language="",
    )


def _data(size: int) -> dict[str, Any]:
    # {"s":"…"} is eight bytes more than its text
    return {"s": "x" * (size - 8)}


def test_a_result_is_kept_as_its_json_and_counted_by_its_size() -> None:
    # given
    cache = ResultCache(max_entries=10, max_bytes=1000)
    data = {"workStreams": {"totalCount": 1, "edges": [{"node": {"title": "Décent work"}}]}}
    # when
    cache.put(_key(1), 7, data)
    # then
    cached = cache.get(_key(1), 7, 0)
    assert cached is not None
    assert orjson.dumps({"data": cached}) == orjson.dumps({"data": data})
    assert cache.bytes == len(orjson.dumps(data))


def test_the_least_recently_used_go_first_when_the_bytes_run_out() -> None:
    # given three results of 400 bytes under a bound of 1000
    cache = ResultCache(max_entries=10, max_bytes=1000)
    cache.put(_key(1), 1, _data(400))
    cache.put(_key(2), 1, _data(400))
    assert cache.get(_key(1), 1, 0) is not None  # the first is used again
    # when
    cache.put(_key(3), 1, _data(400))
    # then the second went, and the bytes held stay within the bound
    assert cache.get(_key(2), 1, 0) is None
    assert cache.get(_key(1), 1, 0) is not None
    assert cache.get(_key(3), 1, 0) is not None
    assert cache.bytes == 800


def test_a_result_larger_than_the_bound_is_not_kept_and_displaces_nothing() -> None:
    # given
    cache = ResultCache(max_entries=10, max_bytes=1000)
    cache.put(_key(1), 1, _data(400))
    # when
    cache.put(_key(2), 1, _data(1001))
    # then
    assert cache.get(_key(2), 1, 0) is None
    assert cache.get(_key(1), 1, 0) is not None
    assert cache.bytes == 400


def test_a_result_put_again_replaces_its_size() -> None:
    # given
    cache = ResultCache(max_entries=10, max_bytes=1000)
    cache.put(_key(1), 1, _data(400))
    # when computed again under a newer revision
    cache.put(_key(1), 2, _data(100))
    # then
    assert cache.bytes == 100
    assert len(cache) == 1
    assert cache.get(_key(1), 1, 0) is None


def test_the_count_of_entries_still_bounds_small_results() -> None:
    values: Revisioned[int, bytes] = Revisioned(2, max_weight=1000, weight=len)
    for n in range(3):
        values.put(n, 1, b"x")
    assert len(values) == 2
    assert values.current(0, 1) is None
    assert values.weight == 2


def test_no_bytes_or_no_entries_turn_the_cache_off() -> None:
    assert not ResultCache(max_entries=2000, max_bytes=0).enabled
    assert not ResultCache(max_entries=0, max_bytes=1000).enabled
    assert ResultCache(max_entries=1, max_bytes=1).enabled


def test_the_bound_is_set_from_the_environment(monkeypatch: Any) -> None:
    monkeypatch.setenv("HUB_RESULT_CACHE_BYTES", "1048576")
    assert Settings().result_cache_bytes == 1048576
