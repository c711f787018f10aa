"""Stakeholder queries."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.listing import connection, list_options, ordering
from hub.graphql.pagination import Connection
from hub.graphql.service_input import id_or_none
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
        chosen = service.OrganisationFilter(
            **list_options(flt), kinds=flt.kind or (), themes=flt.theme or (), country=flt.country
        )
        order = ordering(order_by, BY_NAME)
        page = await service.OrganisationService(info.context).page(chosen, order, first, after)
        return connection(page, Organisation.from_model)

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
        organisation = id_or_none(flt.organisation, "Organisation")
        contacts = service.ContactService(info.context)
        page = await contacts.page(organisation, flt.search, BY_NAME, first, after)
        return connection(page, Contact.from_model)
