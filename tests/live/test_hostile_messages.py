"""Messages that are not what the protocol allows close the socket with 4400, the code the
protocol gives them, and never break the server's handling of other sockets."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from starlette.applications import Starlette

from tests.conftest import Client
from tests.live.wsclient import opened, serving

COORDINATOR = "coordinator@network.example.org"
SUBMITTED = "subscription { proposalSubmitted { id } }"

HOSTILE: list[tuple[str, Any]] = [
    ("a payload that is text", {"id": "1", "type": "subscribe", "payload": "x"}),
    ("a payload that is a list", {"id": "1", "type": "subscribe", "payload": [SUBMITTED]}),
    ("no query", {"id": "1", "type": "subscribe", "payload": {}}),
    ("a query that is a number", {"id": "1", "type": "subscribe", "payload": {"query": 5}}),
    (
        "variables that are text",
        {"id": "1", "type": "subscribe", "payload": {"query": SUBMITTED, "variables": "x"}},
    ),
    (
        "an operation name that is a number",
        {"id": "1", "type": "subscribe", "payload": {"query": SUBMITTED, "operationName": 5}},
    ),
    ("an id that is a number", {"id": 1, "type": "subscribe", "payload": {"query": SUBMITTED}}),
    ("no id", {"type": "subscribe", "payload": {"query": SUBMITTED}}),
    ("a message that is a list", [1, 2]),
    ("a message that is text", "subscribe"),
    ("a binary message", b"\x00\xff"),
    ("an unknown type", {"type": "explode"}),
    ("a complete without an id", {"type": "complete"}),
]


@pytest.fixture
async def base(app: Starlette) -> AsyncIterator[str]:
    async with serving(app) as url:
        yield url


@pytest.mark.parametrize(("name", "message"), HOSTILE, ids=[name for name, _ in HOSTILE])
async def test_a_malformed_message_closes_the_socket_with_4400(
    base: str, client: Client, name: str, message: Any
) -> None:
    async with opened(base, token=client.token(COORDINATOR)) as socket:
        await socket.ws.send(message if isinstance(message, (str, bytes)) else json.dumps(message))
        code, _ = await socket.closed_with()
    assert code == 4400, name
    # and the server goes on serving other sockets
    async with opened(base, token=client.token(COORDINATOR)) as other:
        await other.subscribe("{ viewer { email } }")
        refused = await other.next_payload()
    assert refused["type"] == "error"
