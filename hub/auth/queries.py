"""The ``viewer`` query: who the caller is and where the request acts."""

from __future__ import annotations

import strawberry

from hub.core.context import Context
from hub.tenancy.types import Tenant


@strawberry.type(description="The caller, in the tenant the request acts in.")
class Viewer:
    email: str = strawberry.field(description="The caller's email address.")
    name: str = strawberry.field(description="The caller's name.")
    tenant: Tenant = strawberry.field(description="The tenant this request acts in.")
    roles: list[str] = strawberry.field(
        description="The caller's roles in this tenant, including those granted on an "
        "ancestor tenant; all of them apply together."
    )


@strawberry.type
class AuthQuery:
    @strawberry.field(description="Who is calling, in which tenant, with which roles.")
    def viewer(self, info: strawberry.Info[Context, None]) -> Viewer:
        ctx = info.context
        return Viewer(
            email=ctx.principal.email,
            name=ctx.principal.name,
            tenant=Tenant.from_model(ctx.tenant),
            roles=ctx.decisions.roles,
        )
