"""Fund queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.fund.service import FundService
from hub.fund.types import FUNDS
from hub.graphql.list_fields import Deprecated, list_field, service_pages


@strawberry.type
class FundQuery:
    funds = list_field(
        FUNDS,
        service_pages(FundService),
        deprecated=(
            Deprecated("search", str | None, "search", "Text the name contains."),
            Deprecated("tenant", str | None, "tenant", "Only funds of this tenant (slug)."),
        ),
        **guarded(
            Resource.FUND,
            Action.READ,
            "Pooled funds of this tenant and the tenants below it that you may see, by name "
            "unless ordered otherwise.",
        ),
    )
