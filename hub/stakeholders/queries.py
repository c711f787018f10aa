"""Stakeholder queries."""

from __future__ import annotations

from collections.abc import Awaitable

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.pagination import Ordering, Page, Window
from hub.directory import models
from hub.graphql.list_fields import list_field, service_pages
from hub.graphql.service_input import id_or_none
from hub.stakeholders import service
from hub.stakeholders.types import CONTACTS, ORGANISATIONS, ContactFilter


def _contacts(
    ctx: Context,
    flt: ContactFilter,
    order: Ordering,
    window: Window,
    network: bool,
) -> Awaitable[Page[models.Contact] | None]:
    organisation = id_or_none(flt.organisation, "Organisation")
    contacts = service.ContactFilter(
        search=flt.search, tenant_slug=flt.tenant, organisation_id=organisation
    )
    return service.ContactService(ctx).page(
        contacts,
        order,
        window.first,
        window.after,
        network=network,
        last=window.last,
        before=window.before,
    )


@strawberry.type
class StakeholderQuery:
    organisations = list_field(
        ORGANISATIONS,
        service_pages(service.OrganisationService),
        **guarded(
            Resource.ORGANISATION,
            Action.READ,
            "Organisations of this tenant and the tenants below it that you may see.",
        ),
    )
    contacts = list_field(
        CONTACTS,
        _contacts,
        **guarded(Resource.CONTACT, Action.READ, "Contact people you may see, by name."),
    )
