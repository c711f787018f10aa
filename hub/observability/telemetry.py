"""OpenTelemetry: one span per HTTP request, one per GraphQL operation and one per SQL
statement (``hub.observability.telemetry_db``); the metrics are in ``hub.observability.metrics``.

Off unless ``HUB_OTEL_EXPORTER`` is ``console`` or ``otlp`` (the OTLP exporter reads the
standard ``OTEL_EXPORTER_OTLP_*`` variables). Argument values are never recorded.

The server span follows OpenTelemetry's HTTP conventions: it continues the caller's trace
(``traceparent`` and ``tracestate``, or whatever ``OTEL_PROPAGATORS`` names), is named after
the method and the route's template (``POST /t/{tenant}/graphql``, never a tenant's slug)
and carries the stable attribute names; each request is also timed in
``http.server.request.duration``. Health and readiness checks are neither traced nor timed.
"""

from __future__ import annotations

import time
from collections.abc import Collection, Iterator, Sequence
from typing import Any

from opentelemetry import propagate, trace
from opentelemetry.sdk.metrics.export import MetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from starlette.routing import BaseRoute, Match
from starlette.types import ASGIApp, Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from hub import __version__
from hub.core.config import OtelExporter, Settings
from hub.core.document_ids import document_id
from hub.core.http import HttpMiddleware, StartTracking
from hub.core.request_state import RequestState
from hub.observability.metrics import (
    flush_metrics,
    http_server_duration,
    metrics_enabled,
    setup_metrics,
)
from hub.observability.telemetry_db import instrument_database

tracer = trace.get_tracer("hub")
_provider: TracerProvider | None = None


SERVICE_NAME = "network-engagement-hub"


def resource() -> Resource:
    """Our name and version, unless OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES name us."""
    detected = Resource.create({"service.version": __version__})
    if str(detected.attributes.get("service.name", "")).startswith("unknown_service"):
        return detected.merge(Resource({"service.name": SERVICE_NAME}))
    return detected


def setup_telemetry(
    settings: Settings,
    exporter: SpanExporter | None = None,
    *,
    span_processor: SpanProcessor | None = None,
    metric_reader: MetricReader | None = None,
) -> None:
    """Install tracing and metrics once per process when an exporter is configured.

    Tests and benchmarks bring their own span ``exporter`` (exported as each span ends),
    ``span_processor`` or ``metric_reader`` in place of the configured exporter.
    """
    _setup_tracing(settings, exporter, span_processor)
    setup_metrics(settings, resource(), metric_reader)
    if tracing_enabled() or metrics_enabled():
        instrument_database()


def _setup_tracing(
    settings: Settings, exporter: SpanExporter | None, span_processor: SpanProcessor | None
) -> None:
    global _provider
    given: list[SpanProcessor] = []
    if exporter is not None:
        given.append(SimpleSpanProcessor(exporter))
    if span_processor is not None:
        given.append(span_processor)
    if _provider is not None:
        # A second in-process exporter (tests) joins the installed provider.
        for processor in given:
            _provider.add_span_processor(processor)
        return
    if not given and settings.otel_exporter is OtelExporter.NONE:
        return
    if not given and settings.otel_exporter is OtelExporter.CONSOLE:
        given.append(SimpleSpanProcessor(ConsoleSpanExporter()))
    elif not given:
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        given.append(BatchSpanProcessor(OTLPSpanExporter()))
    provider = TracerProvider(resource=resource())
    for processor in given:
        provider.add_span_processor(processor)
    trace.set_tracer_provider(provider)
    _provider = provider


def tracing_enabled() -> bool:
    return _provider is not None


def shutdown_telemetry() -> None:
    if _provider is not None:
        _provider.force_flush()
    flush_metrics()


# The methods HTTP defines; any other is recorded as "_OTHER", so that a caller cannot grow
# the number of span names and metric series.
KNOWN_METHODS = frozenset(
    ("CONNECT", "DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT", "TRACE")
)
DEFAULT_PORTS = {"http": 80, "https": 443, "ws": 80, "wss": 443}


def route_template(routes: Sequence[BaseRoute], scope: Scope) -> str | None:
    """The template of the route that will answer (``/t/{tenant}/graphql``), matched as the
    router matches: the first full match, else the first partial one (a method it does not
    allow). None when no route matches."""
    partial: str | None = None
    for route in routes:
        match, _ = route.matches(scope)
        if match is Match.FULL:
            return getattr(route, "path", None)
        if match is Match.PARTIAL and partial is None:
            partial = getattr(route, "path", None)
    return partial


def _host_and_port(host: str, scheme: str) -> tuple[str, int | None]:
    if host.startswith("["):  # an IPv6 address: [::1]:8000
        address, _, rest = host[1:].partition("]")
        port = rest[1:] if rest.startswith(":") else ""
    else:
        address, _, port = host.partition(":")
    if port.isdigit():
        return address, int(port)
    return address, DEFAULT_PORTS.get(scheme)


def _request_attributes(
    scope: Scope, measured: dict[str, str | int]
) -> tuple[dict[str, Any], dict[str, str]]:
    """The server span's attributes known before the answer, and the headers the
    propagators read (``traceparent``, ``tracestate``), from one pass over the headers."""
    fields = propagate.get_global_textmap().fields
    carrier: dict[str, str] = {}
    host = user_agent = None
    for raw_name, raw_value in scope["headers"]:
        if raw_name == b"host":
            host = raw_value.decode("latin-1")
        elif raw_name == b"user-agent":
            user_agent = raw_value.decode("latin-1")
        else:
            header = raw_name.decode("latin-1")
            if header in fields:
                carrier[header] = raw_value.decode("latin-1")
    attributes: dict[str, Any] = {**measured, "url.path": scope["path"]}
    server = scope.get("server")
    if host:
        address, port = _host_and_port(host, str(measured["url.scheme"]))
    elif server:
        address, port = str(server[0]), server[1]
    else:
        address, port = "", None
    if address:
        attributes["server.address"] = address
    if port is not None:
        attributes["server.port"] = port
    client = scope.get("client")
    if client:
        attributes["client.address"] = client[0]
    if user_agent:
        attributes["user_agent.original"] = user_agent
    version = scope.get("http_version")
    if version:
        attributes["network.protocol.version"] = version
    return attributes, carrier


class RequestSpanMiddleware(HttpMiddleware):
    """Pure ASGI middleware: a server span around each HTTP request, continuing the caller's
    trace, and its duration in ``http.server.request.duration``.

    ``routes`` are the app's, whose templates name the spans; requests for the ``untraced``
    paths (health checks, polled every few seconds) pass untouched.
    """

    def __init__(
        self, app: ASGIApp, routes: Sequence[BaseRoute], untraced: Collection[str] = ()
    ) -> None:
        super().__init__(app)
        self.routes = routes
        self.untraced = frozenset(untraced)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] in self.untraced or not (_provider is not None or metrics_enabled()):
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        method = scope["method"]
        route = route_template(self.routes, scope)
        known = method if method in KNOWN_METHODS else None
        name = f"{known or 'HTTP'} {route}" if route else known or "HTTP"
        scheme = scope.get("scheme", "http")
        measured: dict[str, str | int] = {
            "http.request.method": known or "_OTHER",
            "url.scheme": scheme,
        }
        if route is not None:
            measured["http.route"] = route
        attributes, carrier = _request_attributes(scope, measured)
        if known is None:
            attributes["http.request.method_original"] = method
        parent = propagate.extract(carrier) if carrier else None
        with tracer.start_as_current_span(
            name,
            context=parent,
            kind=trace.SpanKind.SERVER,
            attributes=attributes,
            record_exception=False,
            set_status_on_exception=False,
        ) as span:

            def record_status(message: Message) -> None:
                span.set_attribute("http.response.status_code", message["status"])

            tracked = StartTracking(send, record_status)
            error_type: str | None = None
            try:
                await self.app(scope, receive, tracked)
            except Exception as exc:
                # Its message may quote a value: its type only.
                error_type = type(exc).__qualname__
                raise
            finally:
                status = tracked.status
                if status is not None:
                    measured["http.response.status_code"] = status
                    if status >= 500 and error_type is None:
                        error_type = str(status)
                if error_type is not None:
                    measured["error.type"] = error_type
                    span.set_attribute("error.type", error_type)
                    span.set_status(trace.StatusCode.ERROR)
                http_server_duration.record(time.perf_counter() - started, measured)


class OperationSpan(SchemaExtension):
    """A span per GraphQL operation, named after it; never a span per field."""

    def on_operation(self) -> Iterator[None]:
        ctx = self.execution_context
        with tracer.start_as_current_span("graphql.operation") as span:
            yield
            try:
                operation_type = ctx.operation_type.value
            except RuntimeError:  # the document did not parse
                operation_type = "unknown"
            name = ctx.operation_name or "anonymous"
            span.update_name(f"{operation_type} {name}")
            span.set_attribute("graphql.operation.type", operation_type)
            span.set_attribute("graphql.operation.name", name)
            decisions = getattr(ctx.context, "decisions", None)
            if decisions is not None:
                span.set_attribute("hub.authz.checks", decisions.checks)
                span.set_attribute("hub.authz.denied", decisions.denied)
            errors = getattr(ctx.result, "errors", None)
            span.set_attribute("graphql.errors", len(errors or []))
            if span.is_recording():  # hashing the text is wasted when nothing is traced
                span.set_attributes(document_attributes(ctx.context, ctx.query))


def document_attributes(context: Any, query: str | None) -> dict[str, str | bool]:
    """Span attributes naming the operation's document; computed from its text when the
    request did not have it looked up, so that every traced operation can be grouped by
    document."""
    request = getattr(context, "request", None)
    known = RequestState.of(request.scope).operation.document if request is not None else None
    if known is not None:
        return {"graphql.document.id": known.id, "hub.document.registered": known.registered}
    if query is None:
        return {}
    return {"graphql.document.id": document_id(query), "hub.document.registered": False}
