"""Requests still running when the shutdown grace ends are answered 503, not a bare 500.

At the end of ``HUB_SHUTDOWN_GRACE_SECONDS`` uvicorn cancels the requests still in flight;
left alone, each became a ``text/plain`` 500 and a long traceback in the log. Here a request
cancelled before its answer started gets 503 ``UNAVAILABLE`` with ``Retry-After`` and one log
line: what it had not committed was rolled back, and another replica can take the retry.
"""

from __future__ import annotations

import asyncio
import logging

from starlette.types import Receive, Scope, Send

from hub.core.errors import Unavailable
from hub.core.http import HttpMiddleware, StartTracking, send_retry_later

log = logging.getLogger("hub.shutdown")  # the name logs have always had

MESSAGE = "The server is shutting down and stopped this request; nothing of it was kept. Retry."


class CancelledRequestMiddleware(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        tracked = StartTracking(send)
        try:
            await self.app(scope, receive, tracked)
        except asyncio.CancelledError:
            if tracked.started:
                raise
            # The cancellation has done its work (the request stopped, its transaction
            # rolled back); the task now ends with an answer instead of uvicorn's 500.
            log.warning("request stopped at shutdown: answered 503")
            await send_retry_later(Unavailable(MESSAGE), scope, receive, send)
