"""A TCP link to PostgreSQL that a test can cut: real connections, real failures.

Every connection through the link is relayed to the server until the test cuts it: at once
(``cut_all``), or the next time the client sends a chosen statement (``cut_at``), so that
exactly that statement fails as it would when the server or the network went away; or the
statement is lost on the way and never answered (``lose``), as on a network that stalls.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator


class FaultyLink:
    def __init__(self, host: str, port: int) -> None:
        self.host = host
        self.port = port
        self.listen_port = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()
        self._cut_at: bytes | None = None
        self._lose: bytes | None = None
        self.cuts = 0
        self.lost = 0
        self.down = False

    def cut_at(self, statement: bytes | None) -> None:
        """Cut the next connections that send ``statement`` as they send it (None: never)."""
        self._cut_at = statement

    def lose(self, statement: bytes | None) -> None:
        """Drop ``statement`` whenever it is sent, keeping the connection open (None: never)."""
        self._lose = statement

    def go_down(self, down: bool = True) -> None:
        """Cut every connection and refuse new ones until the link is up again, as a network
        that is down would."""
        self.down = down
        if down:
            self.cut_all()

    def cut_all(self) -> None:
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()

    async def _relay(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, watch: bool
    ) -> None:
        try:
            while chunk := await reader.read(65536):
                if watch and self._cut_at is not None and self._cut_at in chunk:
                    self.cuts += 1
                    break
                if watch and self._lose is not None and self._lose in chunk:
                    self.lost += 1
                    continue
                writer.write(chunk)
                await writer.drain()
        except (ConnectionError, asyncio.CancelledError):
            pass
        finally:
            writer.close()

    async def _connect(
        self, client_reader: asyncio.StreamReader, client_writer: asyncio.StreamWriter
    ) -> None:
        if self.down:
            client_writer.close()
            return
        server_reader, server_writer = await asyncio.open_connection(self.host, self.port)
        self._writers |= {client_writer, server_writer}
        upstream = self._relay(client_reader, server_writer, watch=True)
        downstream = self._relay(server_reader, client_writer, watch=False)
        await asyncio.gather(upstream, downstream)
        # One side ended: end both, as a dropped TCP connection would.
        client_writer.close()
        server_writer.close()
        self._writers -= {client_writer, server_writer}

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[FaultyLink]:
        self._server = await asyncio.start_server(self._connect, "127.0.0.1", 0)
        self.listen_port = self._server.sockets[0].getsockname()[1]
        try:
            yield self
        finally:
            self.cut_all()
            self._server.close()
            await self._server.wait_closed()
