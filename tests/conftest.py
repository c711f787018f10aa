"""Fixtures: a real database per test session (SQLite or PostgreSQL), the real app over
ASGI, and the demo network."""

from __future__ import annotations

import contextlib
import logging
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from starlette.applications import Starlette

from hub.access.models import CasbinRule
from hub.advocacy.models import AdvocacyNote, Statement, StatementTransition
from hub.app import create_app
from hub.auth.models import ApiToken, User
from hub.auth.tokens import issue_dev_token
from hub.consultations.models import Consultation, Participant, WorkingSession
from hub.core.config import PROJECT_ROOT, Settings
from hub.core.db import close_orm, init_orm, migrate
from hub.demo import load_demo
from hub.directory.models import Contact, Organisation
from hub.fund.models import (
    Allocation,
    ExchangeRate,
    Fund,
    FundProject,
    Mou,
    Pledge,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.idempotency.models import IdempotentAnswer
from hub.initiatives.models import Initiative
from hub.knowledge.models import KnowledgeResource
from hub.mail.models import MailMessage
from hub.observability.telemetry import setup_telemetry
from hub.proposals.models import Endorsement, Proposal, ProposalComment, ProposalTransition
from hub.tenancy.models import Tenant
from hub.themes.models import ThemeTag
from hub.trusted.models import TrustedDocument
from hub.workplan.models import Priority, WorkStream, WorkStreamMembership
from tests.database_state import DatabaseState, PostgresState, SqliteState

BACKEND = os.environ.get("HUB_TEST_BACKEND", "sqlite")
# Each app the suite starts would run a full collection of the whole test process first
# (hub.serving.heap); tests/test_heap.py starts its own with freezing on.
os.environ.setdefault("HUB_FREEZE_HEAP", "false")
SECRET_KEY = "test-secret-key-for-the-hub-suite"


def pytest_report_header() -> str:
    return f"hub backend: {BACKEND}"


async def _create_postgres_database() -> tuple[str, str]:
    admin_url = os.environ.get("HUB_TEST_POSTGRES_URL")
    if not admin_url:
        pytest.fail("HUB_TEST_BACKEND=postgres needs HUB_TEST_POSTGRES_URL")
    name = f"hub_test_{uuid.uuid4().hex[:12]}"
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    parts = urlsplit(admin_url)
    return admin_url, urlunsplit(parts._replace(path=f"/{name}"))


async def _drop_postgres_database(admin_url: str, url: str) -> None:
    name = urlsplit(url).path.lstrip("/")
    conn = await asyncpg.connect(admin_url)
    try:
        await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    finally:
        await conn.close()


@pytest.fixture
async def empty_database_url(tmp_path: Path) -> AsyncIterator[str]:
    """A new database of the suite's backend, not migrated, dropped after the test."""
    if BACKEND != "postgres":
        yield f"sqlite://{tmp_path / 'empty.sqlite3'}"
        return
    admin_url, url = await _create_postgres_database()
    try:
        yield url
    finally:
        await _drop_postgres_database(admin_url, url)


@pytest.fixture(scope="session")
async def database_url(tmp_path_factory: pytest.TempPathFactory) -> AsyncIterator[str]:
    if BACKEND == "postgres":
        admin_url, url = await _create_postgres_database()
        try:
            await migrate(url)
            yield url
        finally:
            await _drop_postgres_database(admin_url, url)
    elif BACKEND == "sqlite":
        url = f"sqlite://{tmp_path_factory.mktemp('db') / 'hub.sqlite3'}"
        await migrate(url)
        yield url
    else:
        pytest.fail(f"unknown HUB_TEST_BACKEND {BACKEND!r}: sqlite or postgres")


@pytest.fixture(scope="session")
async def orm(database_url: str) -> AsyncIterator[None]:
    await init_orm(database_url)
    yield
    await close_orm()


# Children before parents, the order in which a test's tables are emptied.
_TABLES_OF_A_TEST = (
    MailMessage,
    IdempotentAnswer,
    TrustedDocument,
    KnowledgeResource,
    Initiative,
    WorkStreamMembership,
    Priority,
    StatementTransition,
    Statement,
    Endorsement,
    ProposalComment,
    ProposalTransition,
    Proposal,
    Participant,
    WorkingSession,
    Consultation,
    Pledge,
    Allocation,
    ExchangeRate,
    FundProject,
    ThematicArea,
    Mou,
    SteeringCommitteeMember,
    Fund,
    ThemeTag,
    AdvocacyNote,
    WorkStream,
    Contact,
    Organisation,
    ApiToken,
    CasbinRule,
    User,
    Tenant,
)


@pytest.fixture(scope="session")
async def database_state(database_url: str, orm: None) -> AsyncIterator[DatabaseState]:
    """The demo network, loaded once per run; each test gets its rows back from a copy."""
    tables = [model._meta.db_table for model in _TABLES_OF_A_TEST]
    state: DatabaseState
    if BACKEND == "postgres":
        state = await PostgresState.connect(database_url, tables)
    else:
        state = SqliteState(database_url.removeprefix("sqlite://"), tables)
    try:
        await state.ensure("empty")
        await load_demo(
            PROJECT_ROOT / "tenants", PROJECT_ROOT / "policies", Settings().master_key_bytes
        )
        await state.remember_network()
        yield state
    finally:
        await state.close()


@pytest.fixture
async def db(database_state: DatabaseState) -> None:
    """An empty database for one test."""
    await database_state.ensure("empty")


@pytest.fixture
async def network(database_state: DatabaseState) -> None:
    """The demo network: tenants, baseline policies, users with roles, work streams."""
    await database_state.ensure("network")


@pytest.fixture
def settings(database_url: str) -> Settings:
    # Tests reload policies and read federation links explicitly; a background poller
    # would add to SQL counts.
    return Settings(
        database_url=database_url,
        secret_key=SECRET_KEY,
        policy_poll_seconds=0,
        federation_poll_seconds=0,
    )


@pytest.fixture
async def app(settings: Settings, network: None) -> AsyncIterator[Starlette]:
    application = create_app(settings, manage_orm=False)
    async with application.router.lifespan_context(application):
        yield application


@dataclass
class Response:
    status: int
    body: dict[str, Any]

    @property
    def data(self) -> Any:
        return self.body.get("data")

    @property
    def errors(self) -> list[dict[str, Any]]:
        return list(self.body.get("errors") or [])

    @property
    def codes(self) -> list[str]:
        return [e.get("extensions", {}).get("code") for e in self.errors]


@dataclass
class Client:
    http: httpx.AsyncClient
    app: Starlette
    statements: list[str] = field(default_factory=list)

    async def reload_policies(self) -> None:
        await self.app.state.access.load()

    async def warm(self, user: str, tenant: str | None = None) -> None:
        """One request, so that the caller's user and tenant are in the process's cache and
        the statements counted next are those of every later request."""
        reply = await self.gql("{ viewer { email } }", user=user, tenant=tenant)
        assert reply.status == 200, reply.body

    def token(self, email: str, tenant: str | None = None) -> str:
        return issue_dev_token(SECRET_KEY, email, tenant, timedelta(hours=1))

    async def gql(
        self,
        query: str,
        variables: dict[str, Any] | None = None,
        *,
        user: str | None = None,
        tenant: str | None = None,
        token: str | None = None,
        headers: dict[str, str] | None = None,
        operation_name: str | None = None,
    ) -> Response:
        headers = dict(headers or {})
        bearer = token if token is not None else (self.token(user) if user else None)
        if bearer is not None:
            headers["Authorization"] = f"Bearer {bearer}"
        if tenant is not None:
            headers["X-Hub-Tenant"] = tenant
        body: dict[str, Any] = {"query": query, "variables": variables or {}}
        if operation_name is not None:
            body["operationName"] = operation_name
        reply = await self.http.post("/graphql", json=body, headers=headers)
        return Response(status=reply.status_code, body=reply.json())


class _StatementCounter(logging.Handler):
    def __init__(self, sink: list[str]) -> None:
        super().__init__(logging.DEBUG)
        self.sink = sink

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if "connection pool" not in message:
            self.sink.append(message)


@contextlib.asynccontextmanager
async def started(application: Starlette) -> AsyncIterator[Client]:
    """A client of ``application``, started (its lifespan run) for the client's time."""
    async with (
        application.router.lifespan_context(application),
        httpx.AsyncClient(
            transport=httpx.ASGITransport(app=application), base_url="http://hub.test"
        ) as http,
    ):
        yield Client(http, application)


@pytest.fixture
async def client(app: Starlette) -> AsyncIterator[Client]:
    async with httpx.AsyncClient(
        transport=httpx.ASGITransport(app=app), base_url="http://hub.test"
    ) as http:
        yield Client(http, app)


@pytest.fixture
def sql_log() -> Iterator[list[str]]:
    """Every SQL statement the ORM sends while the test runs."""
    statements: list[str] = []
    logger = logging.getLogger("tortoise.db_client")
    handler = _StatementCounter(statements)
    previous = logger.level
    logger.setLevel(logging.DEBUG)
    logger.addHandler(handler)
    yield statements
    logger.removeHandler(handler)
    logger.setLevel(previous)


def relay_id(type_name: str, pk: object) -> str:
    import base64

    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


@pytest.fixture
def project_root() -> Path:
    return PROJECT_ROOT


@pytest.fixture(scope="session")
def reader() -> InMemoryMetricReader:
    """The process's metrics, read in memory: a process installs one meter provider."""
    memory = InMemoryMetricReader()
    setup_telemetry(Settings(), metric_reader=memory)
    return memory
