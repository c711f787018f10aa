from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from opentelemetry.sdk.metrics.export import HistogramDataPoint, InMemoryMetricReader
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from hub.core.config import Settings
from hub.observability import metrics
from hub.observability.metrics import outcome_of, subscription_open
from hub.observability.telemetry import setup_telemetry
from tests.conftest import BACKEND, Client

USER = "coordinator@network.example.org"
DASHBOARD = "query Dashboard { viewer { email } workStreams(first: 3) { totalCount } }"
CACHED = "query Cached { workStreams(first: 3) { totalCount } }"
LISTED = "query Listed { viewer { email } workStreams(first: 3) { edges { node { id } } } }"
DENIED = 'mutation Denied { createWorkStream(input: {title: "x"}) { errors { code } } }'

Attributes = frozenset[tuple[str, Any]]


def points(reader: InMemoryMetricReader, name: str) -> dict[Attributes, Any]:
    """The data points of one instrument, by their attributes."""
    data = reader.get_metrics_data()
    found: dict[Attributes, Any] = {}
    for resource in data.resource_metrics if data else []:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                if metric.name == name:
                    for point in metric.data.data_points:
                        found[frozenset((point.attributes or {}).items())] = point
    return found


def count(reader: InMemoryMetricReader, name: str, **attributes: Any) -> float:
    point = points(reader, name).get(frozenset(attributes.items()))
    if point is None:
        return 0
    return float(point.count if isinstance(point, HistogramDataPoint) else point.value)


def request(name: str, kind: str, outcome: str) -> dict[str, str]:
    return {
        "graphql.operation.name": name,
        "graphql.operation.type": kind,
        "outcome": outcome,
    }


async def test_a_request_is_counted_and_timed_by_operation_and_outcome(
    reader: InMemoryMetricReader, client: Client
) -> None:
    # given
    ok = request("Dashboard", "query", "ok")
    before = count(reader, "hub.requests", **ok), count(reader, "hub.request.duration", **ok)
    # when
    reply = await client.gql(DASHBOARD, user=USER)
    # then
    assert reply.errors == []
    assert count(reader, "hub.requests", **ok) == before[0] + 1
    assert count(reader, "hub.request.duration", **ok) == before[1] + 1
    duration = points(reader, "hub.request.duration")[frozenset(ok.items())]
    assert 0 < duration.sum < 60  # seconds, not milliseconds


async def test_a_request_is_timed_after_the_http_conventions(
    reader: InMemoryMetricReader, client: Client
) -> None:
    # given
    http = {
        "http.request.method": "POST",
        "http.route": "/t/{tenant}/graphql",
        "http.response.status_code": 200,
        "url.scheme": "http",
    }
    before = count(reader, "http.server.request.duration", **http)
    # when a tenant's endpoint answers, and a health check
    reply = await client.http.post(
        "/t/bangladesh/graphql",
        json={"query": DASHBOARD},
        headers={"Authorization": f"Bearer {client.token(USER)}"},
    )
    await client.http.get("/healthz")
    # then the request is timed by route, in seconds, and the health check not at all
    assert reply.status_code == 200
    assert count(reader, "http.server.request.duration", **http) == before + 1
    duration = points(reader, "http.server.request.duration")[frozenset(http.items())]
    assert 0 < duration.sum < 60 * duration.count
    routes = {dict(key).get("http.route") for key in points(reader, "http.server.request.duration")}
    assert "/healthz" not in routes
    assert not [route for route in routes if route and "bangladesh" in route]


async def test_a_statement_is_timed_after_the_database_conventions(
    reader: InMemoryMetricReader, client: Client
) -> None:
    # given
    system = "postgresql" if BACKEND == "postgres" else "sqlite"
    select = {
        "db.system.name": system,
        "db.operation.name": "SELECT",
        "db.collection.name": "work_stream",
    }
    before = count(reader, "db.client.operation.duration", **select)
    # when (a page without its total: on PostgreSQL the compiled statement, named after the
    # first table in its text, would otherwise be named after the counters it sums)
    reply = await client.gql(LISTED, user=USER)
    # then
    assert reply.errors == []
    assert count(reader, "db.client.operation.duration", **select) > before
    keys = [dict(key) for key in points(reader, "db.client.operation.duration")]
    assert all(key["db.system.name"] == system for key in keys)
    # the text is no attribute of the histogram: its series stay few
    assert not [key for key in keys if "db.query.text" in key]


@pytest.mark.parametrize(
    ("query", "user", "tenant", "expected"),
    [
        (DENIED, "auditor@network.example.org", None, request("Denied", "mutation", "forbidden")),
        ("{ workStreams { noSuchField } }", USER, None, request("anonymous", "query", "bad_input")),
        (DASHBOARD, None, None, request("anonymous", "unknown", "unauthenticated")),
        (DASHBOARD, USER, "atlantis", request("anonymous", "unknown", "not_found")),
    ],
)
async def test_the_outcome_comes_from_the_error_codes_or_the_status(
    reader: InMemoryMetricReader,
    client: Client,
    query: str,
    user: str | None,
    tenant: str | None,
    expected: dict[str, str],
) -> None:
    # given
    before = count(reader, "hub.requests", **expected)
    # when
    await client.gql(query, user=user, tenant=tenant)
    # then
    assert count(reader, "hub.requests", **expected) == before + 1


async def test_a_cached_answer_is_counted_and_traced_like_a_computed_one(
    reader: InMemoryMetricReader, client: Client
) -> None:
    # given
    spans = InMemorySpanExporter()
    setup_telemetry(Settings(), exporter=spans)
    ok = request("Cached", "query", "ok")
    before = count(reader, "hub.requests", **ok), count(reader, "hub.request.duration", **ok)
    # when the same read comes twice
    computed = await client.gql(CACHED, user=USER)
    cached = await client.gql(CACHED, user=USER)
    spans.shutdown()
    # then the second came from the cache
    assert cached.body == computed.body
    assert client.app.state.graphql.results.hits == 1
    # and both were counted and timed alike
    assert count(reader, "hub.requests", **ok) == before[0] + 2
    assert count(reader, "hub.request.duration", **ok) == before[1] + 2
    # and both had their operation span, with the same attributes (the cached one made no
    # access decision, and says where its answer came from)
    operations = [s for s in spans.get_finished_spans() if s.name == "query Cached"]
    assert len(operations) == 2
    first, second = (dict(span.attributes or {}) for span in operations)
    assert second.pop("hub.result_cache") == "hit"
    # the computed one says whether compiled SQL built it (on PostgreSQL)
    first.pop("hub.compiled", None)
    assert set(first) == set(second)
    assert {k: v for k, v in first.items() if not k.startswith("hub.authz.")} == {
        k: v for k, v in second.items() if not k.startswith("hub.authz.")
    }


def test_the_most_severe_error_decides_the_outcome() -> None:
    assert outcome_of([]) == "ok"
    assert outcome_of(["NOT_FOUND", "FORBIDDEN"]) == "forbidden"
    assert outcome_of(["BAD_USER_INPUT", "INTERNAL"]) == "internal"
    assert outcome_of(["LIMIT_EXCEEDED"]) == "bad_input"
    assert outcome_of(["UNAVAILABLE", "FORBIDDEN"]) == "unavailable"
    assert outcome_of([None]) == "internal"


def test_callers_cannot_grow_the_operation_names_without_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(metrics, "_operation_names", set())
    monkeypatch.setattr(metrics, "OPERATION_NAMES_KEPT", 2)
    names = [metrics.metric_operation_name(n) for n in ("A", "B", "C", "A", None, "x" * 500)]
    assert names == ["A", "B", "other", "A", "anonymous", "other"]


async def test_a_policy_load_is_counted_and_timed(
    reader: InMemoryMetricReader, client: Client
) -> None:
    # given
    before = count(reader, "hub.policy.reloads", outcome="ok")
    timed = count(reader, "hub.policy.reload.duration", outcome="ok")
    # when
    await client.reload_policies()
    # then
    assert count(reader, "hub.policy.reloads", outcome="ok") == before + 1
    assert count(reader, "hub.policy.reload.duration", outcome="ok") == timed + 1


async def test_the_pool_reports_connections_in_use_and_idle(
    reader: InMemoryMetricReader, client: Client
) -> None:
    # given the app's lifespan watches the default connection's pool
    await client.gql(DASHBOARD, user=USER)
    # when
    pool = points(reader, "hub.db.pool")
    size = points(reader, "hub.db.pool.max")
    # then
    if BACKEND == "postgres":
        used = pool[frozenset({"db.pool": "default", "state": "used"}.items())].value
        idle = pool[frozenset({"db.pool": "default", "state": "idle"}.items())].value
        assert used >= 0
        assert used + idle >= 1
        assert size[frozenset({"db.pool": "default"}.items())].value >= used + idle
    else:  # SQLite has one connection and no pool
        assert pool == {}
        assert size == {}


def test_a_subscription_counts_while_it_is_open(reader: InMemoryMetricReader) -> None:
    # given
    attributes = {"graphql.operation.name": "StreamChanged"}
    before = count(reader, "hub.subscriptions", **attributes)
    # when
    with subscription_open("StreamChanged"):
        during = count(reader, "hub.subscriptions", **attributes)
    # then
    assert during == before + 1
    assert count(reader, "hub.subscriptions", **attributes) == before


def test_nothing_is_installed_when_telemetry_is_off() -> None:
    # given a process with HUB_OTEL_EXPORTER unset
    program = """
from opentelemetry import metrics, trace
from tortoise.backends.sqlite.client import SqliteClient
from hub.observability import metrics as hub_metrics
from starlette.routing import Route
from hub.app import create_app
from hub.core.config import Settings

app = create_app(Settings())
assert not hub_metrics.metrics_enabled()
assert type(trace.get_tracer_provider()).__name__ == "ProxyTracerProvider"
assert type(metrics.get_meter_provider()).__name__ == "_ProxyMeterProvider"
assert not hasattr(SqliteClient.execute_query, "_hub_traced")
[graphql] = [r for r in app.routes if type(r) is Route and r.path == "/graphql"]
layers, layer = [], graphql.app
while layer is not None and len(layers) < 20:
    layers.append(type(layer).__name__)
    layer = getattr(layer, "app", None)
assert "RequestMetricsMiddleware" not in layers, layers
assert "DatabaseUnavailableMiddleware" in layers, layers
"""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HUB_", "OTEL_"))}
    # when
    done = subprocess.run(
        [sys.executable, "-c", program], env=env, capture_output=True, text=True, check=False
    )
    # then
    assert done.returncode == 0, done.stderr


def test_a_rate_limited_request_has_its_own_outcome() -> None:
    assert outcome_of(["RATE_LIMITED"]) == "rate_limited"
