"""Trace context beyond the hub's own requests: what the hub sends carries it, what it
receives continues or links to it.

- Outgoing HTTP requests (the identity provider's keys) go through ``TracedTransport``: a
  client span each, whose context the request carries in ``traceparent`` and
  ``tracestate`` (or whatever ``OTEL_PROPAGATORS`` names).
- A live event keeps the context of the write that published it (``current_carrier``), so
  that the span delivering it to a subscriber (``start_delivery_span``) links to the writer's trace
  across processes (through PostgreSQL ``NOTIFY``) as within one.

Off when tracing is: the spans are non-recording and nothing is injected.
"""

from __future__ import annotations

import httpx
from opentelemetry import propagate, trace
from opentelemetry.context import Context
from opentelemetry.trace import Link, Span, SpanKind, StatusCode

tracer = trace.get_tracer("hub.trace_context")

Carrier = tuple[tuple[str, str], ...]


class TracedTransport(httpx.AsyncBaseTransport):
    """An httpx transport that traces each request as a client span after OpenTelemetry's
    HTTP conventions and passes the span's context on to the server it calls.

    The URL is recorded without its query string or credentials, which may hold secrets.
    """

    def __init__(self, inner: httpx.AsyncBaseTransport | None = None) -> None:
        self._inner = inner or httpx.AsyncHTTPTransport()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        url = request.url
        port = url.port or (443 if url.scheme == "https" else 80)
        with tracer.start_as_current_span(
            request.method,
            kind=SpanKind.CLIENT,
            attributes={
                "http.request.method": request.method,
                "server.address": url.host,
                "server.port": port,
                "url.full": f"{url.scheme}://{url.netloc.decode('ascii')}{url.path}",
            },
            record_exception=False,
            set_status_on_exception=False,
        ) as span:
            propagate.inject(request.headers)
            try:
                response = await self._inner.handle_async_request(request)
            except Exception as exc:
                # Its message may quote the URL: its type only.
                span.set_attribute("error.type", type(exc).__qualname__)
                span.set_status(StatusCode.ERROR)
                raise
            span.set_attribute("http.response.status_code", response.status_code)
            if response.status_code >= 400:
                span.set_attribute("error.type", str(response.status_code))
                span.set_status(StatusCode.ERROR)
            return response

    async def aclose(self) -> None:
        await self._inner.aclose()


def current_carrier() -> Carrier:
    """The current trace context as the propagators write it (``traceparent``,
    ``tracestate``); empty outside a traced span."""
    carrier: dict[str, str] = {}
    propagate.inject(carrier)
    return tuple(carrier.items())


def start_delivery_span(kind: str, carrier: Carrier) -> Span:
    """A consumer span for handing one live event to one subscriber, after OpenTelemetry's
    messaging conventions: it starts a trace of its own, linked to the trace of the write
    that published the event. The caller makes it current while it reads and sends the
    event's object, so that the statements hang under it, and ends it.

    A trace of its own, not a child of the writer's: one write reaches any number of
    subscribers, each sampled on its own, and a subscriber's deliveries are no part of the
    writer's request.
    """
    links = []
    if carrier:
        writer = trace.get_current_span(propagate.extract(dict(carrier))).get_span_context()
        if writer.is_valid:
            links.append(Link(writer))
    return tracer.start_span(
        f"process {kind}",
        context=Context(),
        kind=SpanKind.CONSUMER,
        links=links,
        attributes={
            "messaging.operation.type": "process",
            "messaging.destination.name": kind,
        },
    )
