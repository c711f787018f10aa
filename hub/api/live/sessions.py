"""Who is on a live connection, checked when it opens and again for every event."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass, field
from uuid import UUID

from starlette.datastructures import Headers
from starlette.websockets import WebSocket

from hub.access.decisions import Decisions
from hub.access.enforcer import AccessControl
from hub.access.middleware import request_tenant
from hub.auth.oidc import OidcVerifier
from hub.auth.service import authenticate
from hub.core.config import Settings
from hub.core.context import Context
from hub.core.principal import Principal
from hub.core.tenant_naming import TENANT_HEADER
from hub.live.fanout import Fanout, in_process
from hub.live.listener import Listener
from hub.observability.logs import request_id
from hub.tenancy.models import Tenant


def _authorization(scope_headers: Headers, payload: Mapping[str, object]) -> str | None:
    """The ``Authorization`` of ``connection_init``'s payload (browsers cannot set headers
    on a WebSocket), else of the upgrade request."""
    for key, value in payload.items():
        if key.lower() == "authorization":
            return value if isinstance(value, str) else ""
    return scope_headers.get("authorization")


@dataclass
class Session:
    """An authenticated WebSocket: what it presented and what that gave it."""

    live: Live
    websocket: WebSocket
    authorization: str | None
    from_path: str | None
    from_header: str | None
    principal: Principal
    tenant: Tenant
    decisions: Decisions

    async def context(self) -> Context:
        """A fresh request context, as if the caller had just sent an HTTP request: the
        token is checked again (revoked, expired, user deactivated) and the rights are
        those of the policies loaded now."""
        principal = await authenticate(
            self.authorization, self.live.settings.secret_key, self.live.oidc
        )
        tenant, decisions = await request_tenant(
            principal, self.live.access, self.tenant.slug, None
        )
        return Context(
            request=self.websocket,  # type: ignore[arg-type]
            settings=self.live.settings,
            principal=principal,
            tenant=tenant,
            decisions=decisions,
            request_id=request_id(self.websocket.scope),
        )

    async def sees_tenant(self, tenant_id: UUID) -> bool:
        path = await self.live.tenant_path(tenant_id)
        return path is not None and self.decisions.receives_from(path)


@dataclass
class Live:
    """The live side of one app: its fan-out, and on PostgreSQL its listener."""

    settings: Settings
    access: AccessControl
    oidc: OidcVerifier | None
    listen_dsn: str | None
    fanout: Fanout = field(default_factory=Fanout)
    listener: Listener | None = None
    # Tenants do not move (the manifests refuse it), so their paths can be kept.
    _paths: dict[UUID, str] = field(default_factory=dict)

    async def open(self, websocket: WebSocket, payload: Mapping[str, object]) -> Session:
        """Authenticate a new connection like an HTTP request, or raise the HubError that
        HTTP would answer with."""
        headers = Headers(scope=websocket.scope)
        authorization = _authorization(headers, payload)
        principal = await authenticate(authorization, self.settings.secret_key, self.oidc)
        from_path = websocket.scope.get("path_params", {}).get("tenant")
        from_header = headers.get(TENANT_HEADER) or None
        tenant, decisions = await request_tenant(principal, self.access, from_path, from_header)
        return Session(
            self, websocket, authorization, from_path, from_header, principal, tenant, decisions
        )

    def state(self) -> dict[str, object]:
        """For ``/readyz``: whether this process hears other processes' events (None when
        there are no others to hear), and how many subscriptions it serves."""
        listening = None
        if self.listen_dsn is not None:
            listening = self.listener is not None and self.listener.connected.is_set()
        return {"listening": listening, "subscriptions": self.fanout.subscribers}

    async def tenant_path(self, tenant_id: UUID) -> str | None:
        if tenant_id not in self._paths:
            tenant = await Tenant.get_or_none(id=tenant_id)
            if tenant is None:
                return None
            self._paths[tenant_id] = tenant.path
        return self._paths[tenant_id]

    @contextlib.asynccontextmanager
    async def running(self) -> AsyncIterator[None]:
        if self.listen_dsn is None:
            in_process.add(self.fanout)
            try:
                yield
            finally:
                in_process.discard(self.fanout)
            return
        self.listener = Listener(self.listen_dsn, self.fanout)
        async with self.listener.running():
            yield
