from __future__ import annotations

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from hub import __version__
from hub.core.config import Settings
from hub.observability.telemetry import resource, setup_telemetry
from hub.observability.telemetry_db import STATEMENT_LIMIT, describe
from tests.conftest import BACKEND, Client

NAMED_QUERY = "query Dashboard($n: Int) { viewer { email } workStreams(first: $n) { totalCount } }"
STREAMS = """
query Streams($search: String) {
  workStreams(first: 20, filter: {search: $search}) {
    totalCount
    edges { node { id title proposals(first: 5) { edges { node { id title } } } } }
  }
}
"""
# A value no statement or span could hold unless a variable leaked into it.
NEEDLE = "Mig"


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
    spans = {
        span.name: span for span in exporter.get_finished_spans() if not span.name.startswith("db ")
    }
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


async def test_a_request_traces_its_operation_and_statements_but_no_field(
    exporter: InMemorySpanExporter, client: Client
) -> None:
    # given
    exporter.clear()
    # when
    reply = await client.gql(STREAMS, {"search": NEEDLE}, user="coordinator@network.example.org")
    # then
    assert reply.errors == []
    streams = reply.data["workStreams"]["edges"]
    assert streams
    spans = exporter.get_finished_spans()
    [http] = [s for s in spans if s.name == "POST /graphql"]
    [operation] = [s for s in spans if s.name == "query Streams"]
    statements = [s for s in spans if s.name.startswith("db ")]
    # nothing else: no span per field or per row
    assert len(spans) == 2 + len(statements)
    assert operation.parent is not None
    assert operation.parent.span_id == http.context.span_id
    assert operation.attributes is not None
    assert operation.attributes["graphql.operation.name"] == "Streams"
    assert operation.attributes["graphql.operation.type"] == "query"
    checks, denied = (operation.attributes[f"hub.authz.{n}"] for n in ("checks", "denied"))
    assert isinstance(checks, int)
    assert isinstance(denied, int)
    assert checks > 0
    # statements hang under the operation (or, for authentication, under the request)
    assert {s.parent.span_id for s in statements if s.parent} <= {
        http.context.span_id,
        operation.context.span_id,
    }
    under_operation = [
        s for s in statements if s.parent and s.parent.span_id == operation.context.span_id
    ]
    assert "db SELECT work_stream" in {s.name for s in under_operation}
    assert "db SELECT proposal" in {s.name for s in under_operation}
    system = "postgresql" if BACKEND == "postgres" else "sqlite"
    for span in statements:
        attributes = span.attributes or {}
        assert attributes["db.system"] == system
        assert attributes["db.operation"] == span.name.split()[1]
        assert len(str(attributes["db.statement"])) <= STATEMENT_LIMIT
    # the variable's value is in no span, though the statements filtered on it
    recorded = " ".join(
        f"{s.name} {' '.join(str(v) for v in (s.attributes or {}).values())}" for s in spans
    )
    assert NEEDLE.lower() not in recorded.lower()


def test_a_statement_is_named_after_its_operation_and_table() -> None:
    select = describe(
        'SELECT "id",(SELECT COUNT(*) FROM "proposal" WHERE "x"=$1) "n" '
        'FROM "work_stream" WHERE "tenant_id"=$2'
    )
    assert (select.span_name, select.table) == ("db SELECT work_stream", "work_stream")
    assert describe('INSERT INTO "audit_log" ("a") VALUES (?)').span_name == "db INSERT audit_log"
    assert describe('UPDATE "proposal" SET "title"=$1').span_name == "db UPDATE proposal"
    assert describe('DELETE FROM "pledge" WHERE "id"=$1').span_name == "db DELETE pledge"
    assert describe("SET LOCAL ROLE hub_app").span_name == "db SET"
    assert describe("SELECT set_config($1, $2, true)").span_name == "db SELECT"
    derived = describe('SELECT * FROM (SELECT "id" FROM "proposal" WHERE "x"=$1) AS ranked')
    assert derived.span_name == "db SELECT proposal"
    long = describe("SELECT " + "x," * 2000 + "1")
    assert len(long.attributes["db.statement"]) == STATEMENT_LIMIT


def test_the_service_is_named_after_the_hub_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
    monkeypatch.delenv("OTEL_RESOURCE_ATTRIBUTES", raising=False)
    assert resource().attributes["service.name"] == "network-engagement-hub"
    assert resource().attributes["service.version"] == __version__


def test_otel_service_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_SERVICE_NAME", "hub-asia-pacific")
    assert resource().attributes["service.name"] == "hub-asia-pacific"
