"""A small ``graphql-transport-ws`` client and an in-process uvicorn server for tests."""

from __future__ import annotations

import asyncio
import json
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

import uvicorn
from starlette.applications import Starlette
from websockets.asyncio.client import ClientConnection, connect
from websockets.exceptions import ConnectionClosed
from websockets.typing import Subprotocol

PROTOCOL = "graphql-transport-ws"
# Generous: a slow shared machine must not fail a test; no test waits this long when it passes.
WAIT_SECONDS = 20.0


async def eventually(check: Callable[[], bool], what: str) -> None:
    """Wait for a condition of the server that no message announces."""
    for _ in range(int(WAIT_SECONDS / 0.01)):
        if check():
            return
        await asyncio.sleep(0.01)
    raise AssertionError(f"never happened: {what}")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@asynccontextmanager
async def serving(app: Starlette) -> AsyncIterator[str]:
    """Serve an app whose lifespan already runs (the ``app`` fixture) on a free port."""
    port = free_port()
    config = uvicorn.Config(
        app,
        host="127.0.0.1",
        port=port,
        lifespan="off",
        log_level="warning",
        ws="websockets-sansio",
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    try:
        yield f"ws://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


class Live:
    def __init__(self, ws: ClientConnection) -> None:
        self.ws = ws

    async def send(self, message: dict[str, Any]) -> None:
        await self.ws.send(json.dumps(message))

    async def receive(self) -> dict[str, Any]:
        message = await asyncio.wait_for(self.ws.recv(), WAIT_SECONDS)
        return dict(json.loads(message))

    async def subscribe(
        self, query: str, variables: dict[str, Any] | None = None, id: str = "1"
    ) -> None:
        await self.send(
            {"id": id, "type": "subscribe", "payload": {"query": query, "variables": variables}}
        )

    async def next_message(self) -> dict[str, Any]:
        """The next message of an operation, ``next`` or ``error``, with its id."""
        message = await self.receive()
        while message["type"] in {"ping", "pong"}:
            message = await self.receive()
        assert message["type"] in {"next", "error"}, message
        return message

    async def next_payload(self) -> dict[str, Any]:
        """The payload of the next message of an operation, ``next`` or ``error``."""
        message = await self.next_message()
        return {"type": message["type"], "payload": message["payload"]}

    async def complete(self, id: str) -> None:
        await self.send({"id": id, "type": "complete"})

    async def closed_with(self) -> tuple[int, str]:
        """The close code and reason, once the server closes the socket."""
        try:
            while True:
                await asyncio.wait_for(self.ws.recv(), WAIT_SECONDS)
        except ConnectionClosed as closed:
            if closed.rcvd is None:
                raise AssertionError("the connection dropped without a close frame") from None
            return closed.rcvd.code, closed.rcvd.reason


@asynccontextmanager
async def opened(
    base: str,
    path: str = "/graphql",
    *,
    token: str | None = None,
    headers: dict[str, str] | None = None,
    payload: dict[str, Any] | None = None,
    acknowledged: bool = True,
) -> AsyncIterator[Live]:
    """A socket after ``connection_init`` (and its ``connection_ack`` when expected)."""
    init: dict[str, Any] = dict(payload or {})
    if token is not None:
        init["Authorization"] = f"Bearer {token}"
    async with connect(
        base + path,
        subprotocols=[Subprotocol(PROTOCOL)],
        additional_headers=headers,
    ) as ws:
        live = Live(ws)
        await live.send({"type": "connection_init", "payload": init})
        if acknowledged:
            ack = await live.receive()
            assert ack["type"] == "connection_ack", ack
        yield live
