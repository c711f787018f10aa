"""Consultation queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.consultations.service import ConsultationService
from hub.consultations.types import (
    LATEST_FIRST,
    Consultation,
    ConsultationFilter,
    ConsultationOrder,
)
from hub.graphql.list_fields import list_field, service_pages


@strawberry.type
class ConsultationQuery:
    consultations = list_field(
        Consultation,
        service_pages(ConsultationService),
        filter_input=ConsultationFilter,
        order_input=ConsultationOrder,
        default_order=LATEST_FIRST,
        **guarded(
            Resource.CONSULTATION,
            Action.READ,
            "Consultations of this tenant and the tenants below it that you may see, latest "
            "first unless ordered otherwise; archived ones only when asked for.",
        ),
    )
