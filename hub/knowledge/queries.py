"""Knowledge platform queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.listing import connection, list_options, ordering
from hub.graphql.pagination import Connection
from hub.knowledge import service
from hub.knowledge.types import (
    NEWEST_FIRST,
    KnowledgeResource,
    KnowledgeResourceFilter,
    KnowledgeResourceOrder,
)


@strawberry.type
class KnowledgeQuery:
    @strawberry.field(
        **guarded(
            Resource.KNOWLEDGE_RESOURCE,
            Action.READ,
            "Knowledge resources of this tenant and the tenants below it that you may see, "
            "latest published first unless ordered otherwise; archived ones only when asked "
            "for.",
        )
    )
    async def knowledge_resources(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[KnowledgeResourceFilter | None, FILTER] = None,
        order_by: Annotated[KnowledgeResourceOrder | None, ORDER_BY] = None,
    ) -> Connection[KnowledgeResource]:
        flt = filter or KnowledgeResourceFilter()
        chosen = service.KnowledgeFilter(
            **list_options(flt),
            kinds=flt.kind or (),
            themes=flt.theme or (),
            languages=flt.language or (),
            classifications=flt.classification or (),
        )
        order = ordering(order_by, NEWEST_FIRST)
        page = await service.KnowledgeService(info.context).page(chosen, order, first, after)
        return connection(page, KnowledgeResource.from_model)
