"""Stakeholder queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.node import node_id_of
from hub.graphql.pagination import Connection
from hub.stakeholders import service
from hub.stakeholders.types import (
    Contact,
    ContactFilter,
    Organisation,
    OrganisationFilter,
    OrganisationOrder,
)

BY_NAME = Ordering("name", OrderDirection.ASC)


@strawberry.type
class StakeholderQuery:
    @strawberry.field(
        **guarded(
            Resource.ORGANISATION,
            Action.READ,
            "Organisations of this tenant and the tenants below it that you may see.",
        )
    )
    async def organisations(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[OrganisationFilter | None, FILTER] = None,
        order_by: Annotated[OrganisationOrder | None, ORDER_BY] = None,
    ) -> Connection[Organisation]:
        flt = filter or OrganisationFilter()
        page = await service.OrganisationService(info.context).page(
            service.OrganisationFilter(
                kinds=flt.kind or (),
                themes=flt.theme or (),
                country=flt.country,
                search=flt.search,
                tenant_slug=flt.tenant,
                include_archived=flt.include_archived,
            ),
            order_by.ordering() if order_by else BY_NAME,
            first,
            after,
        )
        if page is None:
            return Connection[Organisation].empty()
        return Connection[Organisation].from_page(page, Organisation.from_model)

    @strawberry.field(
        **guarded(Resource.CONTACT, Action.READ, "Contact people you may see, by name.")
    )
    async def contacts(
        self,
        info: strawberry.Info[Context, None],
        first: First = None,
        after: After = None,
        filter: Annotated[ContactFilter | None, FILTER] = None,
    ) -> Connection[Contact]:
        flt = filter or ContactFilter()
        organisation = None
        if flt.organisation is not None:
            organisation = node_id_of(flt.organisation, "Organisation")
        page = await service.ContactService(info.context).page(
            organisation, flt.search, BY_NAME, first, after
        )
        if page is None:
            return Connection[Contact].empty()
        return Connection[Contact].from_page(page, Contact.from_model)
