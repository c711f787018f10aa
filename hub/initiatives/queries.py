"""Initiative queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.graphql.list_fields import list_field, service_pages
from hub.initiatives.service import InitiativeService
from hub.initiatives.types import INITIATIVES


@strawberry.type
class InitiativeQuery:
    initiatives = list_field(
        INITIATIVES,
        service_pages(InitiativeService),
        **guarded(
            Resource.INITIATIVE,
            Action.READ,
            "Initiatives of this tenant and the tenants below it that you may see, latest "
            "start first unless ordered otherwise; archived ones only when asked for.",
        ),
    )
