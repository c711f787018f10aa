"""The front-end operations of schema/operations, and a way to run them as a front end
does: the whole document over HTTP, with an operation name."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import DocumentNode, OperationDefinitionNode, parse

from hub.config import PROJECT_ROOT
from hub.graphql.limits import LIMITS
from tests.conftest import Client, Response

OPERATIONS_DIR = PROJECT_ROOT / "schema" / "operations"


def operation_files() -> list[Path]:
    return sorted(OPERATIONS_DIR.glob("*.graphql"))


def parse_file(path: Path) -> DocumentNode:
    return parse(path.read_text(encoding="utf-8"), max_tokens=LIMITS.tokens)


def operations_of(document: DocumentNode) -> list[OperationDefinitionNode]:
    return [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]


def declared_operations() -> set[tuple[str, str]]:
    """(file name, operation name) of every named operation in schema/operations."""
    return {
        (path.name, operation.name.value)
        for path in operation_files()
        for operation in operations_of(parse_file(path))
        if operation.name is not None
    }


@dataclass
class Operations:
    client: Client

    async def run(
        self,
        file: str,
        operation: str,
        variables: dict[str, Any] | None = None,
        *,
        user: str,
        tenant: str | None = None,
    ) -> Response:
        headers = {"Authorization": f"Bearer {self.client.token(user)}"}
        if tenant is not None:
            headers["X-Hub-Tenant"] = tenant
        reply = await self.client.http.post(
            "/graphql",
            json={
                "query": (OPERATIONS_DIR / file).read_text(encoding="utf-8"),
                "operationName": operation,
                "variables": variables or {},
            },
            headers=headers,
        )
        return Response(status=reply.status_code, body=reply.json())

    async def data(
        self,
        file: str,
        operation: str,
        variables: dict[str, Any] | None = None,
        *,
        user: str,
        tenant: str | None = None,
    ) -> Any:
        """The answer's data, after checking that it carries no error."""
        reply = await self.run(file, operation, variables, user=user, tenant=tenant)
        assert reply.status == 200, reply.body
        assert reply.errors == [], reply.errors
        return reply.data


RunCase = Callable[[Operations], Awaitable[None]]
CASES: dict[tuple[str, str], RunCase] = {}


def runs(file: str, operation: str) -> Callable[[RunCase], RunCase]:
    """Register the case that runs ``operation`` of ``file`` against the demo network."""

    def register(case: RunCase) -> RunCase:
        assert (file, operation) not in CASES, f"two cases for {operation} in {file}"
        CASES[(file, operation)] = case
        return case

    return register


def nodes(connection: dict[str, Any]) -> list[dict[str, Any]]:
    return [edge["node"] for edge in connection["edges"]]
