"""The front-end operations of schema/operations, and a way to run them as a front end
does: the whole document with an operation name, over HTTP, or over a WebSocket for a
subscription."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import DocumentNode, OperationDefinitionNode, parse

from hub.api.limits import LIMITS
from hub.core.config import PROJECT_ROOT
from hub.directory.models import Organisation
from tests.conftest import Client, Response, relay_id
from tests.live.wsclient import WAIT_SECONDS, Live, eventually, opened, serving

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


def _request(file: str, operation: str, variables: dict[str, Any] | None) -> dict[str, Any]:
    """A front end's request: the whole document, the operation it names, its variables."""
    return {
        "query": (OPERATIONS_DIR / file).read_text(encoding="utf-8"),
        "operationName": operation,
        "variables": variables or {},
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
            json=_request(file, operation, variables),
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

    @asynccontextmanager
    async def subscribe(
        self,
        file: str,
        operation: str,
        variables: dict[str, Any] | None = None,
        *,
        user: str,
        tenant: str | None = None,
    ) -> AsyncIterator[Subscription]:
        """A subscription ``operation`` of ``file``, listening over a real WebSocket to the
        app served on a free port, as a front end opens one."""
        app = self.client.app
        async with serving(app) as base:
            if app.state.live.listener is not None:
                await asyncio.wait_for(app.state.live.listener.connected.wait(), WAIT_SECONDS)
            path = "/graphql" if tenant is None else f"/t/{tenant}/graphql"
            listening = app.state.live.fanout.subscribers
            async with opened(base, path, token=self.client.token(user)) as live:
                await live.send(
                    {
                        "id": "1",
                        "type": "subscribe",
                        "payload": _request(file, operation, variables),
                    }
                )
                # An event sent before the subscription listens would reach nobody.
                await eventually(
                    lambda: app.state.live.fanout.subscribers > listening, "subscribed"
                )
                yield Subscription(live)


@dataclass
class Subscription:
    live: Live

    async def next(self) -> Any:
        """The data of the next event, after checking that it carries no error."""
        message = await self.live.next_message()
        assert message["type"] == "next", message
        assert "errors" not in message["payload"], message
        return message["payload"]["data"]


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


# The demo users the operations are written for.
COORDINATOR = "coordinator@network.example.org"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
PARTNER = "partner@civil-society.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"
FUND_MANAGER = "fund.manager@network.example.org"
STEERING = "steering@network.example.org"
DONOR = "donor@donor-a.example.org"
OFFICER = "advocacy@network.example.org"

GENEVA = "Consultation of the UN Network on Migration with civil society and other stakeholders"
MAYORS = "Meeting of mayors and local authorities convened by the IMRF co-facilitators"
RIGHTS_NETWORK = "Migrant workers' rights network (demo)"
HUB_STREAM = "Connection hub and knowledge platform"
PUBLISHED = "The Network welcomes the participation of all stakeholders in the IMRF (demo)"
PRESSURE_NOTE = "Pressure on a migrant workers' rights network"


async def organisation_id(name: str) -> str:
    return relay_id("Organisation", (await Organisation.get(name=name)).id)
