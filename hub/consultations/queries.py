"""Consultation queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.consultations.service import ConsultationService
from hub.consultations.types import CONSULTATIONS
from hub.graphql.list_fields import list_field, service_pages


@strawberry.type
class ConsultationQuery:
    consultations = list_field(
        CONSULTATIONS,
        service_pages(ConsultationService),
        **guarded(
            Resource.CONSULTATION,
            Action.READ,
            "Consultations of this tenant and the tenants below it that you may see, latest "
            "first unless ordered otherwise; archived ones only when asked for.",
        ),
    )
