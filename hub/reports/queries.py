"""The report query."""

from __future__ import annotations

import strawberry

from hub.core.context import Context
from hub.graphql.arguments import InTenant, ListScope, Scope
from hub.reports.types import Report


@strawberry.type
class ReportQuery:
    @strawberry.field(
        description="The network's figures over the records you may read, as your lists "
        "show them: this tenant and those below it, with `scope: NETWORK` what reaches it "
        "too, and of one tenant with `tenant`. Archived records are not counted."
    )
    def report(
        self,
        info: strawberry.Info[Context, None],
        tenant: InTenant = None,
        scope: Scope = ListScope.SUBTREE,
    ) -> Report:
        return Report.of(info.context, network=scope is ListScope.NETWORK, tenant_slug=tenant)
