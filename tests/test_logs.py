"""Log lines carry their request (id, trace, tenant, user) and never a token or variables."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import Iterator
from datetime import timedelta

import pytest
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter

from hub.auth.tokens import issue_dev_token
from hub.core.config import Environment, LogFormat, Settings
from hub.observability.logs import JsonFormatter, RequestFields, TextFormatter
from hub.observability.telemetry import setup_telemetry
from hub.workplan.service import WorkStreamService
from tests.conftest import SECRET_KEY, Client

USER = "team.bangladesh@network.example.org"
QUERY = "query Find($q: String) { workStreams(filter: {search: $q}) { totalCount } }"
SECRET_SEARCH = "needle-that-must-not-be-logged"


@pytest.fixture
def tracing() -> None:
    setup_telemetry(Settings(), exporter=InMemorySpanExporter())


def _capture(formatter: logging.Formatter) -> Iterator[io.StringIO]:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestFields())
    handler.setFormatter(formatter)
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        yield stream
    finally:
        root.removeHandler(handler)


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    yield from _capture(JsonFormatter())


@pytest.fixture
def text_log() -> Iterator[io.StringIO]:
    yield from _capture(TextFormatter())


def _broken(*args: object, **kwargs: object) -> object:
    raise RuntimeError("the work streams could not be listed")


async def _failing_request(client: Client, monkeypatch: pytest.MonkeyPatch) -> tuple[str, str]:
    """A request whose resolver fails, so that the hub logs an error while handling it."""
    monkeypatch.setattr(WorkStreamService, "search", _broken)
    token = issue_dev_token(SECRET_KEY, USER, None, timedelta(hours=1))
    reply = await client.http.post(
        "/graphql",
        json={"query": QUERY, "variables": {"q": SECRET_SEARCH}},
        headers={"Authorization": f"Bearer {token}", "X-Hub-Tenant": "dhaka"},
    )
    assert reply.json()["errors"][0]["extensions"]["code"] == "INTERNAL"
    return reply.headers["x-request-id"], token


@pytest.mark.usefixtures("tracing")
async def test_json_lines_carry_the_request(
    client: Client, json_log: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    # when
    request_id, token = await _failing_request(client, monkeypatch)
    # then every line is one JSON object, and the error's names its request
    lines = [json.loads(line) for line in json_log.getvalue().splitlines() if line.startswith("{")]
    errors = [line for line in lines if line["logger"] == "hub.errors"]
    assert len(errors) == 1
    error = errors[0]
    assert error["level"] == "ERROR"
    assert error["request_id"] == request_id
    assert error["tenant"] == "dhaka"
    assert error["user"] == USER
    assert len(error["trace_id"]) == 32
    assert "RuntimeError: the work streams could not be listed" in error["exception"]
    # and neither the token nor the variables reach the log
    assert token not in json_log.getvalue()
    assert SECRET_SEARCH not in json_log.getvalue()


async def test_text_lines_carry_the_request_too(
    client: Client, text_log: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    # when
    request_id, token = await _failing_request(client, monkeypatch)
    # then
    first = text_log.getvalue().splitlines()[0]
    assert "ERROR   hub.errors: unexpected error" in first
    assert f"request_id={request_id}" in first
    assert f"tenant=dhaka user={USER}" in first
    assert token not in text_log.getvalue()


async def test_work_left_behind_by_a_request_logs_without_its_fields(
    client: Client, json_log: io.StringIO, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a request that leaves work behind which logs once the request has been answered
    logged = asyncio.Event()

    left: list[asyncio.TimerHandle] = []

    def leave_work(*args: object, **kwargs: object) -> object:
        def later() -> None:
            logging.getLogger("hub.test").warning("left behind")
            logged.set()

        # Once, though the list is asked for by the compiled path before the resolvers.
        if not left:
            left.append(asyncio.get_running_loop().call_later(0.05, later))
        raise RuntimeError("the work streams could not be listed")

    monkeypatch.setattr(WorkStreamService, "search", leave_work)
    token = issue_dev_token(SECRET_KEY, USER, None, timedelta(hours=1))
    reply = await client.http.post(
        "/graphql", json={"query": QUERY}, headers={"Authorization": f"Bearer {token}"}
    )

    # when that work logs
    await asyncio.wait_for(logged.wait(), timeout=5)

    # then its line names no request, while the request's own error line does
    lines = [json.loads(line) for line in json_log.getvalue().splitlines() if line.startswith("{")]
    (left,) = [line for line in lines if line["message"] == "left behind"]
    assert not set(left) & {"request_id", "tenant", "user", "trace_id"}
    (error,) = [line for line in lines if line["logger"] == "hub.errors"]
    assert error["request_id"] == reply.headers["x-request-id"]


async def test_a_well_formed_request_id_is_kept_and_others_replaced(client: Client) -> None:
    # when
    kept = await client.http.get("/healthz", headers={"X-Request-Id": "abc-123"})
    forged = await client.http.get("/healthz", headers={"X-Request-Id": 'x" "level": "ERROR'})
    # then
    assert kept.headers["x-request-id"] == "abc-123"
    assert len(forged.headers["x-request-id"]) == 32


@pytest.mark.parametrize(
    ("environment", "chosen", "expected"),
    [
        (Environment.DEVELOPMENT, None, LogFormat.TEXT),
        (Environment.PRODUCTION, None, LogFormat.JSON),
        (Environment.DEVELOPMENT, LogFormat.JSON, LogFormat.JSON),
        (Environment.PRODUCTION, LogFormat.TEXT, LogFormat.TEXT),
    ],
)
def test_json_in_production_unless_chosen(
    environment: Environment, chosen: LogFormat | None, expected: LogFormat
) -> None:
    settings = Settings(environment=environment, log_format=chosen)
    assert settings.effective_log_format is expected
