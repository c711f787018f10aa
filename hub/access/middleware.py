"""Pure ASGI middleware that fixes the tenant a request acts in."""

from __future__ import annotations

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from hub.access.decisions import Decisions
from hub.access.enforcer import AccessControl
from hub.core.config import Settings
from hub.core.context import Context
from hub.core.errors import BadUserInput, Forbidden, HubError
from hub.core.http import HttpMiddleware, send_error
from hub.core.principal import Principal
from hub.core.request_state import RequestState
from hub.core.tenant_naming import tenant_in_header, tenant_in_path
from hub.observability.logs import request_id
from hub.tenancy.models import Tenant
from hub.tenancy.service import resolve_request_tenant


async def request_tenant(
    principal: Principal,
    access: AccessControl,
    from_path: str | None,
    from_header: str | None,
    kind: type[Decisions] = Decisions,
) -> tuple[Tenant, Decisions]:
    """The tenant a request (or a WebSocket) acts in and the caller's decisions there.

    Raises ``BadUserInput`` when the path and the header disagree, ``NotFound`` for an
    unknown tenant and ``Forbidden`` without a role in it.
    """
    if from_path and from_header and from_path != from_header:
        raise BadUserInput(
            f"The path names tenant '{from_path}' but X-Hub-Tenant names '{from_header}'; name one."
        )
    found = await resolve_request_tenant(principal, from_path or from_header)
    tenant = found.tenant
    decisions = kind(access, principal.subject, tenant.path, found.subtree)
    if not decisions.is_member:
        raise Forbidden(f"You have no role in the tenant '{tenant.slug}'.")
    return tenant, decisions


class TenantMiddleware(HttpMiddleware):
    def __init__(
        self, app: ASGIApp, access: AccessControl, decisions: type[Decisions] = Decisions
    ) -> None:
        super().__init__(app)
        self.access = access
        # Another kind only for benchmarks (scripts/bench_lib/switches.py).
        self.decisions = decisions

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        state = RequestState.of(scope)
        if state.principal is None:
            raise RuntimeError("the tenant middleware runs after authentication")
        try:
            state.tenant, state.decisions = await request_tenant(
                state.principal,
                self.access,
                tenant_in_path(scope),
                tenant_in_header(scope),
                self.decisions,
            )
        except HubError as error:
            await send_error(error, scope, receive, send)
            return
        await self.app(scope, receive, send)


def request_context(request: Request, settings: Settings, what: str) -> Context:
    """The context of a GET request to an endpoint (``what``, as an error names it) behind
    authentication and this middleware: who asks, where, with which rights."""
    state = RequestState.of(request.scope)
    if state.principal is None or state.tenant is None or state.decisions is None:
        raise RuntimeError(f"{what} runs after authentication and the tenant's lookup")
    if request.method != "GET":
        raise BadUserInput(f"{what[0].upper()}{what[1:]} is read with GET.")
    return Context(
        request=request,
        settings=settings,
        principal=state.principal,
        tenant=state.tenant,
        decisions=state.decisions,
        request_id=request_id(request.scope),
    )


def asks_network(request: Request, default: str) -> bool:
    """Whether a download's ``?scope=`` (``default`` when left out) asks for what reaches
    the tenant too (``network``) rather than its subtree (``subtree``)."""
    scope = request.query_params.get("scope", default).lower()
    if scope not in ("subtree", "network"):
        raise BadUserInput("scope is subtree or network.")
    return scope == "network"
