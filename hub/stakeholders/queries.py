"""Stakeholder queries."""

from __future__ import annotations

from collections.abc import Awaitable

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering, Page
from hub.graphql.list_fields import list_field, service_pages
from hub.graphql.service_input import id_or_none
from hub.stakeholders import models
from hub.stakeholders.service import ContactService, OrganisationService
from hub.stakeholders.types import (
    Contact,
    ContactFilter,
    Organisation,
    OrganisationFilter,
    OrganisationOrder,
)

BY_NAME = Ordering("name", OrderDirection.ASC)


def _contacts(
    ctx: Context, flt: ContactFilter, order: Ordering, first: int | None, after: str | None
) -> Awaitable[Page[models.Contact] | None]:
    organisation = id_or_none(flt.organisation, "Organisation")
    return ContactService(ctx).page(organisation, flt.search, order, first, after)


@strawberry.type
class StakeholderQuery:
    organisations = list_field(
        Organisation,
        service_pages(OrganisationService),
        filter_input=OrganisationFilter,
        order_input=OrganisationOrder,
        default_order=BY_NAME,
        **guarded(
            Resource.ORGANISATION,
            Action.READ,
            "Organisations of this tenant and the tenants below it that you may see.",
        ),
    )
    contacts = list_field(
        Contact,
        _contacts,
        filter_input=ContactFilter,
        default_order=BY_NAME,
        **guarded(Resource.CONTACT, Action.READ, "Contact people you may see, by name."),
    )
