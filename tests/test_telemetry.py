from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence

import pytest
from opentelemetry import trace
from opentelemetry.sdk.trace import ReadableSpan
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind
from starlette.applications import Starlette

from hub import __version__
from hub.auth.oidc import OidcVerifier
from hub.core.config import OidcSettings, Settings
from hub.core.errors import Unauthenticated
from hub.directory.models import Organisation
from hub.observability.telemetry import resource, setup_telemetry
from hub.observability.telemetry_db import STATEMENT_LIMIT, describe
from tests.conftest import BACKEND, Client, relay_id
from tests.json_server import serving_json
from tests.live.wsclient import eventually, opened, serving

COORDINATOR = "coordinator@network.example.org"
BANGLADESH_ORGANISATION = "Migrant workers' rights network (demo)"
SUBMIT = """
mutation Submit($input: SubmitProposalInput!) {
  submitProposal(input: $input) { proposal { id } errors { code message } }
}
"""
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
# A caller's trace: W3C trace-context headers as a front end or gateway sends them.
CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736"
CALLER_SPAN = "00f067aa0ba902b7"
TRACEPARENT = f"00-{CALLER_TRACE}-{CALLER_SPAN}-01"
# The attribute names OpenTelemetry's conventions replaced.
OLD_NAMES = {"db.statement", "db.system", "db.operation", "db.sql.table", "http.method"}


@pytest.fixture(scope="session")
def exporter() -> InMemorySpanExporter:
    memory = InMemorySpanExporter()
    setup_telemetry(Settings(), exporter=memory)
    return memory


def is_sql(span: ReadableSpan) -> bool:
    return "db.system.name" in (span.attributes or {})


def only(spans: Sequence[ReadableSpan], name: str) -> ReadableSpan:
    [span] = [s for s in spans if s.name == name]
    return span


async def test_one_span_per_request_and_per_operation(
    exporter: InMemorySpanExporter, client: Client
) -> None:
    # given
    exporter.clear()
    # when
    reply = await client.gql(NAMED_QUERY, {"n": 3}, user="team.bangladesh@network.example.org")
    # then
    assert reply.status == 200
    spans = {span.name: span for span in exporter.get_finished_spans() if not is_sql(span)}
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
    reply = await client.gql(STREAMS, {"search": NEEDLE}, user=COORDINATOR)
    # then
    assert reply.errors == []
    streams = reply.data["workStreams"]["edges"]
    assert streams
    spans = exporter.get_finished_spans()
    [http] = [s for s in spans if s.name == "POST /graphql"]
    [operation] = [s for s in spans if s.name == "query Streams"]
    statements = [s for s in spans if is_sql(s)]
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
    assert "SELECT work_stream" in {s.name for s in under_operation}
    # On PostgreSQL the page and its proposals are one compiled statement, named after the
    # page's table; on SQLite the resolvers read the proposals in a statement of their own.
    nested = "work_stream" if BACKEND == "postgres" else "proposal"
    assert f"SELECT {nested}" in {s.name for s in under_operation}
    system = "postgresql" if BACKEND == "postgres" else "sqlite"
    for span in statements:
        attributes = span.attributes or {}
        assert span.kind is SpanKind.CLIENT
        assert attributes["db.system.name"] == system
        assert attributes["db.operation.name"] == span.name.split()[0]
        assert len(str(attributes["db.query.text"])) <= STATEMENT_LIMIT
        assert not OLD_NAMES & set(attributes)
    tables = {(s.attributes or {}).get("db.collection.name") for s in under_operation}
    assert {"work_stream", nested} <= tables
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
    assert (select.span_name, select.table) == ("SELECT work_stream", "work_stream")
    assert describe('INSERT INTO "audit_log" ("a") VALUES (?)').span_name == "INSERT audit_log"
    assert describe('UPDATE "proposal" SET "title"=$1').span_name == "UPDATE proposal"
    assert describe('DELETE FROM "pledge" WHERE "id"=$1').span_name == "DELETE pledge"
    assert describe("SET LOCAL ROLE hub_app").span_name == "SET"
    assert describe("SELECT set_config($1, $2, true)").span_name == "SELECT"
    derived = describe('SELECT * FROM (SELECT "id" FROM "proposal" WHERE "x"=$1) AS ranked')
    assert derived.span_name == "SELECT proposal"
    assert derived.attributes == {
        "db.operation.name": "SELECT",
        "db.collection.name": "proposal",
        "db.query.text": 'SELECT * FROM (SELECT "id" FROM "proposal" WHERE "x"=$1) AS ranked',
    }
    long = describe("SELECT " + "x," * 2000 + "1")
    assert len(long.attributes["db.query.text"]) == STATEMENT_LIMIT


def test_the_service_is_named_after_the_hub_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("OTEL_SERVICE_NAME", raising=False)
    monkeypatch.delenv("OTEL_RESOURCE_ATTRIBUTES", raising=False)
    assert resource().attributes["service.name"] == "network-engagement-hub"
    assert resource().attributes["service.version"] == __version__


def test_otel_service_name_wins(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OTEL_SERVICE_NAME", "hub-asia-pacific")
    assert resource().attributes["service.name"] == "hub-asia-pacific"


async def test_a_callers_trace_continues_through_the_hub_to_its_statements(
    exporter: InMemorySpanExporter, client: Client
) -> None:
    # given a caller that traces its request
    exporter.clear()
    headers = {"traceparent": TRACEPARENT, "tracestate": "gateway=7"}
    # when
    reply = await client.gql(STREAMS, {"search": NEEDLE}, user=COORDINATOR, headers=headers)
    # then the server span is the caller's span's child, in the caller's trace
    assert reply.errors == []
    spans = exporter.get_finished_spans()
    http, operation = only(spans, "POST /graphql"), only(spans, "query Streams")
    assert format(http.context.trace_id, "032x") == CALLER_TRACE
    assert http.parent is not None
    assert http.parent.is_remote
    assert format(http.parent.span_id, "016x") == CALLER_SPAN
    assert http.context.trace_state.get("gateway") == "7"
    # and the chain goes on: server span, operation span, statements
    assert operation.parent is not None
    assert operation.parent.span_id == http.context.span_id
    statements = [s for s in spans if is_sql(s)]
    assert any(s.parent and s.parent.span_id == operation.context.span_id for s in statements)
    assert {format(s.context.trace_id, "032x") for s in spans} == {CALLER_TRACE}


async def test_the_server_span_is_named_by_route_with_the_stable_attributes(
    exporter: InMemorySpanExporter, client: Client
) -> None:
    # given
    exporter.clear()
    headers = {"Authorization": f"Bearer {client.token(COORDINATOR)}", "User-Agent": "probe/1"}
    # when a tenant's endpoint is asked, its slug in the path
    reply = await client.http.post(
        "/t/bangladesh/graphql", json={"query": NAMED_QUERY}, headers=headers
    )
    # then the span is named by the route's template, never by the slug
    assert reply.status_code == 200
    spans = exporter.get_finished_spans()
    http = only(spans, "POST /t/{tenant}/graphql")
    assert not [s for s in spans if "bangladesh" in s.name]
    assert http.kind is SpanKind.SERVER
    attributes = dict(http.attributes or {})
    assert attributes.pop("client.address")
    assert attributes == {
        "http.request.method": "POST",
        "http.route": "/t/{tenant}/graphql",
        "url.scheme": "http",
        "url.path": "/t/bangladesh/graphql",
        "server.address": "hub.test",
        "server.port": 80,
        "user_agent.original": "probe/1",
        "network.protocol.version": "1.1",
        "http.response.status_code": 200,
    }


async def test_an_unknown_path_or_method_names_no_span_after_the_caller(
    exporter: InMemorySpanExporter, client: Client
) -> None:
    # given
    exporter.clear()
    # when
    await client.http.get("/no/such/path")
    await client.http.request("BREW", "/graphql")
    # then
    names = [span.name for span in exporter.get_finished_spans()]
    assert names == ["GET", "HTTP /graphql"]
    brew = exporter.get_finished_spans()[1].attributes or {}
    assert brew["http.request.method"] == "_OTHER"
    assert brew["http.request.method_original"] == "BREW"


async def test_health_checks_are_not_traced(exporter: InMemorySpanExporter, client: Client) -> None:
    # given
    exporter.clear()
    # when
    healthy = await client.http.get("/healthz")
    ready = await client.http.get("/readyz")
    # then
    assert (healthy.status_code, ready.status_code) == (200, 200)
    assert exporter.get_finished_spans() == ()


@pytest.fixture
def identity_provider() -> Iterator[tuple[str, list[dict[str, str]]]]:
    """A real HTTP server serving an empty key set, which records each request's headers."""
    received: list[dict[str, str]] = []

    def answer(headers: Mapping[str, str]) -> object:
        received.append(dict(headers))
        return {"keys": []}

    with serving_json(answer) as base:
        yield f"{base}/jwks.json?tenant=x", received


async def test_the_key_fetch_carries_the_trace_context(
    exporter: InMemorySpanExporter, identity_provider: tuple[str, list[dict[str, str]]]
) -> None:
    # given
    url, received = identity_provider
    verifier = OidcVerifier(OidcSettings(issuer="https://idp", audience="hub", jwks_url=url))
    token = "eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIn0.e30.c2ln"  # {"alg":"RS256","kid":"k1"}
    exporter.clear()
    # when a traced request verifies a token, which fetches the provider's keys
    with (
        trace.get_tracer("test").start_as_current_span("caller") as caller,
        pytest.raises(Unauthenticated),
    ):
        await verifier.verify(token)
    await verifier.close()
    # then each fetch carried the context of its client span, in the caller's trace
    assert received
    fetches = [s for s in exporter.get_finished_spans() if s.kind is SpanKind.CLIENT]
    assert len(fetches) == len(received)
    for headers, fetch in zip(received, fetches, strict=True):
        trace_id = format(caller.get_span_context().trace_id, "032x")
        version, sent_trace, sent_parent, _flags = headers["traceparent"].split("-")
        assert (version, sent_trace, sent_parent) == (
            "00",
            trace_id,
            f"{fetch.context.span_id:016x}",
        )
        assert fetch.name == "GET"
        assert fetch.parent is not None
        assert fetch.parent.span_id == caller.get_span_context().span_id
        attributes = fetch.attributes or {}
        assert attributes["http.response.status_code"] == 200
        assert attributes["url.full"] == url.split("?")[0]
        assert attributes["server.address"] == "127.0.0.1"


async def test_a_live_events_delivery_links_to_the_writers_trace(
    exporter: InMemorySpanExporter, app: Starlette, client: Client
) -> None:
    # given a subscriber
    async with serving(app) as base:
        if app.state.live.listener is not None:
            await eventually(app.state.live.listener.connected.is_set, "listening")
        async with opened(base, token=client.token(COORDINATOR)) as subscriber:
            await subscriber.subscribe("subscription S { proposalSubmitted { title } }")
            await eventually(lambda: app.state.live.fanout.subscribers >= 1, "subscribed")
            exporter.clear()
            # when a traced write publishes an event
            organisation = await Organisation.get(name=BANGLADESH_ORGANISATION)
            variables = {
                "input": {
                    "organisation": relay_id("Organisation", organisation.id),
                    "target": "WORK_PLAN",
                    "title": "Traced proposal",
                    "classification": "NETWORK",
                }
            }
            reply = await client.gql(
                SUBMIT,
                variables,
                user=COORDINATOR,
                tenant="bangladesh",
                headers={"traceparent": TRACEPARENT},
            )
            assert reply.data["submitProposal"]["errors"] == []
            message = await subscriber.next_payload()
            assert message["payload"]["data"]["proposalSubmitted"]["title"] == "Traced proposal"

            def delivered() -> list[ReadableSpan]:
                spans = exporter.get_finished_spans()
                return [s for s in spans if s.name == "process proposal_submitted"]

            await eventually(lambda: bool(delivered()), "delivery span ended")
    # then the delivery's span starts a trace of its own, linked to the writer's
    [delivery] = delivered()
    spans = exporter.get_finished_spans()
    writer = only(spans, "mutation Submit")
    assert delivery.kind is SpanKind.CONSUMER
    assert delivery.parent is None
    assert [link.context.span_id for link in delivery.links] == [writer.context.span_id]
    assert format(delivery.links[0].context.trace_id, "032x") == CALLER_TRACE
    assert (delivery.attributes or {})["hub.live.delivered"] is True
    # and the statements that read and sent the event's object hang under it
    reads = [s for s in spans if is_sql(s) and s.context.trace_id == delivery.context.trace_id]
    assert reads
    assert {s.parent.span_id for s in reads if s.parent} == {delivery.context.span_id}
