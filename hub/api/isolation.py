"""Every GraphQL operation runs inside its tenant's database scope."""

from __future__ import annotations

from collections.abc import AsyncIterator

from strawberry.extensions import SchemaExtension

from hub.tenancy.isolation import tenant_scope


class TenantIsolation(SchemaExtension):
    async def on_execute(self) -> AsyncIterator[None]:
        if self.execution_context.result is not None:
            yield  # answered from the result cache: nothing runs
            return
        context = self.execution_context.context
        async with tenant_scope(context.tenant.path, context.decisions.reach_setting):
            yield
