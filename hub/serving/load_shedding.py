"""Load shedding: past so many requests in progress, a server refuses more at once.

A server whose requests wait (for the database, for a lock) lets new ones queue behind
them, each holding memory and a client, until everything is slow. Past
``HUB_MAX_REQUESTS_IN_FLIGHT`` GraphQL requests in progress in one process, the next is
answered 503 ``UNAVAILABLE`` with ``Retry-After`` before any work: the client retries, maybe
on another replica, and the requests in progress finish sooner.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from hub.core.errors import Unavailable
from hub.core.http import HttpMiddleware, send_retry_later

MESSAGE = "The server has too many requests in progress; retry shortly."


class LoadSheddingMiddleware(HttpMiddleware):
    def __init__(self, app: ASGIApp, max_in_flight: int) -> None:
        super().__init__(app)
        self.max_in_flight = max_in_flight
        self.in_flight = 0

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.in_flight >= self.max_in_flight:
            refused = Unavailable(MESSAGE, limit="requestsInFlight", value=self.max_in_flight)
            await send_retry_later(refused, scope, receive, send)
            return
        self.in_flight += 1
        try:
            await self.app(scope, receive, send)
        finally:
            self.in_flight -= 1
