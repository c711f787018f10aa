from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from hub import __version__
from hub.config import Settings
from hub.telemetry import resource, setup_telemetry
from tests.conftest import Client

NAMED_QUERY = "query Dashboard($n: Int) { viewer { email } workStreams(first: $n) { totalCount } }"


@pytest.fixture(scope="session")
def exporter() -> InMemorySpanExporter:
    memory = InMemorySpanExporter()
    setup_telemetry(Settings(), exporter=memory)
    return memory


async def test_one_span_per_request_and_per_operation(
    exporter: InMemorySpanExporter, client: Client
) -> None:
    # given
    exporter.clear()
    # when
    reply = await client.gql(NAMED_QUERY, {"n": 3}, user="team.bangladesh@network.example.org")
    # then
    assert reply.status == 200
    spans = {span.name: span for span in exporter.get_finished_spans()}
    assert set(spans) == {"POST /graphql", "query Dashboard"}
    http, operation = spans["POST /graphql"], spans["query Dashboard"]
    assert operation.parent is not None
    assert operation.parent.span_id == http.context.span_id
    assert http.attributes is not None
    assert http.attributes["http.response.status_code"] == 200
    assert operation.attributes is not None
    assert operation.attributes["graphql.operation.type"] == "query"
    checks = operation.attributes["hub.authz.checks"]
    assert isinstance(checks, int)
    assert checks > 0
    recorded = " ".join(str(v) for s in spans.values() for v in (s.attributes or {}).values())
    assert "team.bangladesh" not in recorded


def test_the_service_is_named_after_the_hub_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
    monkeypatch.delenv("OTEL_RESOURCE_ATTRIBUTES", raising=False)
    assert resource().attributes["service.name"] == "network-engagement-hub"
    assert resource().attributes["service.version"] == __version__


def test_otel_service_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_SERVICE_NAME", "hub-asia-pacific")
    assert resource().attributes["service.name"] == "hub-asia-pacific"
