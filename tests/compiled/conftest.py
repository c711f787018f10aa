"""Two apps on one database: one answering reads with compiled SQL, one with resolvers."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import pytest

from hub.app import create_app
from hub.audit.models import AuditEntry
from hub.core.config import Settings
from tests.conftest import BACKEND, Client, Response, started

# Compiled reads build their JSON with PostgreSQL's functions; on SQLite every operation
# is the resolvers', so there is nothing to compare.
ONLY_ON_POSTGRES = pytest.mark.skipif(
    BACKEND != "postgres", reason="compiled reads run on PostgreSQL only"
)


def built_json(statements: list[str]) -> list[str]:
    """The statements that had PostgreSQL build an answer's JSON: the compiled path's."""
    return [s for s in statements if "json_build_object" in s]


Audited = list[tuple[str, str, str, str, str]]


async def audited_answer(
    client: Client,
    document: str,
    variables: dict[str, Any],
    user: str,
    tenant: str,
    operation_name: str | None = None,
) -> tuple[Response, Audited]:
    """The answer, and the audit entries the request appended (only those are read: the
    log grows with every request of a test)."""
    last = await AuditEntry.all().order_by("-id").first().values_list("id", flat=True)
    reply = await client.gql(
        document, variables, user=user, tenant=tenant, operation_name=operation_name
    )
    rows = await AuditEntry.filter(id__gt=last or 0).order_by("id")
    return reply, [(r.actor, r.tenant_path, r.action, r.object, r.decision) for r in rows]


def same(compiled: Response, resolved: Response) -> None:
    # Key order too: the compiled JSON keeps the selection's order, as execution does.
    assert json.dumps(compiled.body) == json.dumps(resolved.body)
    assert compiled.status == resolved.status


@dataclass(frozen=True)
class Answers:
    compiled: Response
    resolved: Response
    # Every statement the compiled path's request sent.
    statements: list[str]


@dataclass
class Paths:
    compiled: Client
    resolved: Client
    sql_log: list[str]

    async def ask(
        self, document: str, variables: dict[str, Any] | None = None, *, user: str
    ) -> Answers:
        """The same request through both paths, the compiled one first."""
        self.sql_log.clear()
        compiled = await self.compiled.gql(document, variables, user=user)
        statements = list(self.sql_log)
        resolved = await self.resolved.gql(document, variables, user=user)
        return Answers(compiled, resolved, statements)


@pytest.fixture
async def paths(settings: Settings, network: None, sql_log: list[str]) -> AsyncIterator[Paths]:
    # The result cache off: each answer is computed, by the path under test.
    base = settings.model_copy(update={"result_cache_entries": 0, "compiled_reads": False})
    compiled_settings = base.model_copy(update={"compiled_reads": True})
    async with (
        started(create_app(compiled_settings, manage_orm=False)) as compiled,
        started(create_app(base, manage_orm=False)) as resolved,
    ):
        yield Paths(compiled, resolved, sql_log)
