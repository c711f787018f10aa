"""OpenTelemetry metrics: requests, their latency, statements, the database pool, policy
reloads and subscriptions.

Off unless ``HUB_OTEL_EXPORTER`` is ``console`` or ``otlp`` (the OTLP exporter reads the
standard ``OTEL_EXPORTER_OTLP_*`` and ``OTEL_METRIC_EXPORT_INTERVAL`` variables). While off,
the instruments below are the API's no-op proxies and the request middleware is not
installed.

| instrument | kind | attributes |
|---|---|---|
| ``http.server.request.duration`` | histogram, s | the HTTP conventions' (below) |
| ``db.client.operation.duration`` | histogram, s | the database conventions' (below) |
| ``hub.requests`` | counter | ``graphql.operation.name``, ``graphql.operation.type``, ``outcome`` |
| ``hub.request.duration`` | histogram, s | the same |
| ``hub.db.pool`` | observable gauge | ``state``: ``used`` or ``idle`` (asyncpg pools only) |
| ``hub.db.pool.max`` | observable gauge | the pool's maximum size |
| ``hub.policy.reloads`` | counter | ``outcome``: ``ok`` or ``error`` |
| ``hub.policy.reload.duration`` | histogram, s | ``outcome`` |
| ``hub.subscriptions`` | up-down counter | ``graphql.operation.name`` |

The two standard histograms carry OpenTelemetry's attributes: ``http.request.method``,
``http.route``, ``http.response.status_code``, ``url.scheme`` (and ``error.type`` for a 5xx
or an exception) for HTTP; ``db.system.name``, ``db.operation.name``,
``db.collection.name`` (and ``error.type``) for statements. ``hub.request.duration`` stays
beside the HTTP one: it tells GraphQL operations and outcomes apart, which a route and a
status (a GraphQL error is answered with 200) cannot.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from opentelemetry import metrics
from opentelemetry.metrics import CallbackOptions, Histogram, Observation
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import (
    ConsoleMetricExporter,
    MetricReader,
    PeriodicExportingMetricReader,
)
from opentelemetry.sdk.resources import Resource
from starlette.types import Receive, Scope, Send

from hub.core.config import OtelExporter, Settings
from hub.core.errors import ErrorCode
from hub.core.http import HttpMiddleware, StartTracking
from hub.core.request_state import RequestState

# Latency buckets in seconds (those OpenTelemetry advises for HTTP server durations).
DURATION_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10)
# Those OpenTelemetry advises for database client operations.
DB_DURATION_BUCKETS = (0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10)
RELOAD_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60)
# Operation names come from callers: past this many distinct ones, new names count as
# "other", so that a client cannot grow the number of series without bound.
OPERATION_NAMES_KEPT = 500
OPERATION_NAME_LIMIT = 100

# The most severe error of a response decides its outcome.
_OUTCOMES = (
    (ErrorCode.INTERNAL, "internal"),
    (ErrorCode.UNAVAILABLE, "unavailable"),
    (ErrorCode.RATE_LIMITED, "rate_limited"),
    (ErrorCode.UNAUTHENTICATED, "unauthenticated"),
    (ErrorCode.FORBIDDEN, "forbidden"),
    (ErrorCode.NOT_FOUND, "not_found"),
    (ErrorCode.BAD_USER_INPUT, "bad_input"),
    (ErrorCode.LIMIT_EXCEEDED, "bad_input"),
)
_STATUS_OUTCOMES = {
    401: "unauthenticated",
    403: "forbidden",
    404: "not_found",
    429: "rate_limited",
    503: "unavailable",
}

_provider: MeterProvider | None = None
_pools: dict[str, Any] = {}
_operation_names: set[str] = set()


def _observe_pool(options: CallbackOptions) -> Iterable[Observation]:
    for name, client in list(_pools.items()):
        # Tortoise keeps its asyncpg pool private; SQLite clients have none.
        pool = getattr(client, "_pool", None)
        if pool is None or not hasattr(pool, "get_idle_size"):
            continue
        idle = pool.get_idle_size()
        yield Observation(pool.get_size() - idle, {"db.pool": name, "state": "used"})
        yield Observation(idle, {"db.pool": name, "state": "idle"})


def _observe_pool_max(options: CallbackOptions) -> Iterable[Observation]:
    for name, client in list(_pools.items()):
        pool = getattr(client, "_pool", None)
        if pool is not None and hasattr(pool, "get_max_size"):
            yield Observation(pool.get_max_size(), {"db.pool": name})


meter = metrics.get_meter("hub")


def _seconds(name: str, description: str, buckets: Sequence[float]) -> Histogram:
    """A histogram of durations, in seconds, with bucket bounds fitted to what it times
    (the SDK's default bounds are for milliseconds)."""
    return meter.create_histogram(
        name, unit="s", description=description, explicit_bucket_boundaries_advisory=buckets
    )


# The standard instruments (OpenTelemetry's HTTP and database conventions), recorded by the
# server span middleware (hub.observability.telemetry) and around each statement
# (hub.observability.telemetry_db).
http_server_duration = _seconds(
    "http.server.request.duration", "Duration of HTTP server requests.", DURATION_BUCKETS
)
db_operation_duration = _seconds(
    "db.client.operation.duration",
    "Duration of database client operations.",
    DB_DURATION_BUCKETS,
)
requests = meter.create_counter(
    "hub.requests", unit="{request}", description="GraphQL requests by operation and outcome"
)
request_duration = _seconds(
    "hub.request.duration", "Time to answer a GraphQL request", DURATION_BUCKETS
)
db_pool = meter.create_observable_gauge(
    "hub.db.pool",
    callbacks=[_observe_pool],
    unit="{connection}",
    description="Open database connections of the pool, in use or idle",
)
db_pool_max = meter.create_observable_gauge(
    "hub.db.pool.max",
    callbacks=[_observe_pool_max],
    unit="{connection}",
    description="The most connections the pool opens",
)
policy_reloads = meter.create_counter(
    "hub.policy.reloads", unit="{reload}", description="Policy snapshots loaded"
)
policy_reload_duration = _seconds(
    "hub.policy.reload.duration",
    "Time to read the rules and build a policy snapshot",
    RELOAD_BUCKETS,
)
# Federation: the last figures a hub read of its links (hub.federation.watch), by slot
# (a peer's subscription to this hub) and by this hub's own subscription.
_links: dict[str, dict[str, float]] = {"lag": {}, "received": {}}


def record_links(lag_by_slot: dict[str, float], received_age: dict[str, float]) -> None:
    """Keep the figures the federation gauges report until the next reading."""
    _links["lag"] = dict(lag_by_slot)
    _links["received"] = dict(received_age)


def _observe_links(kind: str, attribute: str) -> Any:
    def observe(options: CallbackOptions) -> Iterable[Observation]:
        return [Observation(value, {attribute: name}) for name, value in _links[kind].items()]

    return observe


federation_lag = meter.create_observable_gauge(
    "hub.federation.lag",
    callbacks=[_observe_links("lag", "slot")],
    unit="By",
    description="WAL a peer hub subscribed to this one has not confirmed yet, by slot",
)
federation_received_age = meter.create_observable_gauge(
    "hub.federation.received.age",
    callbacks=[_observe_links("received", "subscription")],
    unit="s",
    description="Time since this hub last heard from a peer it subscribes to",
)
subscriptions = meter.create_up_down_counter(
    "hub.subscriptions", unit="{subscription}", description="GraphQL subscriptions open"
)


def setup_metrics(
    settings: Settings, resource: Resource, reader: MetricReader | None = None
) -> None:
    """Install a meter provider once per process when an exporter is configured.

    ``reader`` (tests, benchmarks) replaces the configured exporter. A provider's readers
    are fixed when it is made, so only the first call may bring one.
    """
    global _provider
    if _provider is not None:
        if reader is not None:
            raise RuntimeError("a meter provider is installed already")
        return
    if reader is None:
        if settings.otel_exporter is OtelExporter.NONE:
            return
        if settings.otel_exporter is OtelExporter.CONSOLE:
            reader = PeriodicExportingMetricReader(ConsoleMetricExporter())
        else:
            from opentelemetry.exporter.otlp.proto.http.metric_exporter import (
                OTLPMetricExporter,
            )

            reader = PeriodicExportingMetricReader(OTLPMetricExporter())
    provider = MeterProvider(metric_readers=[reader], resource=resource)
    metrics.set_meter_provider(provider)
    _provider = provider


def metrics_enabled() -> bool:
    return _provider is not None


def flush_metrics() -> None:
    if _provider is not None:
        _provider.force_flush()


def watch_pool(name: str, client: Any) -> None:
    """Report the connection pool of a Tortoise client (asyncpg) in ``hub.db.pool``."""
    _pools[name] = client


def unwatch_pool(name: str) -> None:
    _pools.pop(name, None)


def record_policy_reload(seconds: float, ok: bool = True) -> None:
    attributes = {"outcome": "ok" if ok else "error"}
    policy_reloads.add(1, attributes)
    policy_reload_duration.record(seconds, attributes)


@contextmanager
def subscription_open(operation_name: str | None) -> Iterator[None]:
    """Count a GraphQL subscription in ``hub.subscriptions`` for as long as it is open.

    The hub has no subscriptions yet; the code that serves them wraps each one's lifetime
    in this, so that the gauge goes up when a client subscribes and down however the
    subscription ends.

    Example::

        async def work_stream_changed(...) -> AsyncGenerator[WorkStream, None]:
            with subscription_open(info.operation.name.value if info.operation.name else None):
                async for change in changes(...):
                    yield change
    """
    attributes = {"graphql.operation.name": metric_operation_name(operation_name)}
    subscriptions.add(1, attributes)
    try:
        yield
    finally:
        subscriptions.add(-1, attributes)


def metric_operation_name(name: str | None) -> str:
    """The operation's name as metrics record it: names beyond the first few hundred are
    counted as one, so that clients cannot grow the metrics without bound."""
    if not name:
        return "anonymous"
    name = name[:OPERATION_NAME_LIMIT]
    if name not in _operation_names:
        if len(_operation_names) >= OPERATION_NAMES_KEPT:
            return "other"
        _operation_names.add(name)
    return name


def outcome_of(codes: Iterable[object]) -> str:
    """A response's outcome from the ``extensions.code`` of its errors."""
    present = set(codes)
    for code, outcome in _OUTCOMES:
        if code in present:
            return outcome
    return "internal" if present else "ok"


def _outcome_of_status(status: int) -> str:
    if status < 400:
        return "ok"
    if status in _STATUS_OUTCOMES:
        return _STATUS_OUTCOMES[status]
    return "bad_input" if status < 500 else "internal"


@dataclass(slots=True)
class Operation:
    name: str
    type: str
    outcome: str


class RequestMetricsMiddleware(HttpMiddleware):
    """Pure ASGI middleware: counts and times each GraphQL request.

    The outcome comes from the operation's errors, or, for a request refused before it
    reached GraphQL (no token, unknown tenant, database away), from the HTTP status.
    """

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = time.perf_counter()
        tracked = StartTracking(send)
        try:
            await self.app(scope, receive, tracked)
        finally:
            status = 500 if tracked.status is None else tracked.status
            operation = RequestState.of(scope).operation.measured
            if operation is None:
                operation = Operation("anonymous", "unknown", _outcome_of_status(status))
            outcome = operation.outcome
            if outcome == "ok" and status >= 500:
                outcome = _outcome_of_status(status)
            attributes = {
                "graphql.operation.name": operation.name,
                "graphql.operation.type": operation.type,
                "outcome": outcome,
            }
            requests.add(1, attributes)
            request_duration.record(time.perf_counter() - started, attributes)
