"""Under the published development key, the API answers only on a loopback address.

``Settings.check`` refuses to start with that key on another address (``HUB_HOST``,
``hub serve --host``). A server started some other way (uvicorn's own ``--host 0.0.0.0``)
cannot be seen from the settings, so each request is checked too: one that reached the
server on an address beyond this machine is refused, since whoever sent it could sign a
token for any user with the published key, and GraphiQL would hand them one.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

from hub.core.config import GENERATE_SECRET_KEY, is_loopback
from hub.core.errors import Forbidden
from hub.core.http import send_error

MESSAGE = (
    "This hub runs under the published development secret key and answers only on a "
    f"loopback address. Its operator must set HUB_SECRET_KEY (e.g. from `{GENERATE_SECRET_KEY}`)."
)


class LoopbackOnlyMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        server = scope.get("server")
        if scope["type"] in ("http", "websocket") and server and not is_loopback(server[0]):
            await send_error(Forbidden(MESSAGE), scope, receive, send)
            return
        await self.app(scope, receive, send)
