"""OpenTelemetry: one span per HTTP request, one per GraphQL operation and one per SQL
statement (``hub.observability.telemetry_db``); the metrics are in ``hub.observability.metrics``.

Off unless ``HUB_OTEL_EXPORTER`` is ``console`` or ``otlp`` (the OTLP exporter reads the
standard ``OTEL_EXPORTER_OTLP_*`` variables). Argument values are never recorded.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from opentelemetry import trace
from opentelemetry.sdk.metrics.export import MetricReader
from opentelemetry.sdk.resources import Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import (
    BatchSpanProcessor,
    ConsoleSpanExporter,
    SimpleSpanProcessor,
    SpanExporter,
)
from starlette.types import Message, Receive, Scope, Send
from strawberry.extensions import SchemaExtension

from hub import __version__
from hub.core.config import OtelExporter, Settings
from hub.core.document_ids import document_id
from hub.core.http import HttpMiddleware, StartTracking
from hub.core.request_state import RequestState
from hub.observability.metrics import flush_metrics, setup_metrics
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
    instrument_database()
    _provider = provider


def shutdown_telemetry() -> None:
    if _provider is not None:
        _provider.force_flush()
    flush_metrics()


class RequestSpanMiddleware(HttpMiddleware):
    """Pure ASGI middleware: a server span around each HTTP request."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        name = f"{scope['method']} {scope['path']}"
        with tracer.start_as_current_span(name, kind=trace.SpanKind.SERVER) as span:
            span.set_attribute("http.request.method", scope["method"])
            span.set_attribute("url.path", scope["path"])

            def record_status(message: Message) -> None:
                span.set_attribute("http.response.status_code", message["status"])

            await self.app(scope, receive, StartTracking(send, record_status))


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
