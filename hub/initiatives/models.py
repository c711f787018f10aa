"""Initiatives: actions that stakeholders report on implementing the compact, and advance
notice of events, shared with the network both ways."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields

from hub.core.model_mixins import (
    Archivable,
    Classified,
    MultilingualTitle,
    TenantOwned,
    Timestamped,
    optional_reference,
    tenant_key,
)
from hub.directory.models import Organisation
from hub.i18n.text import Translations


class InitiativeKind(StrEnum):
    """An action implementing the compact, or an event announced ahead."""

    ACTION = "action"
    EVENT = "event"


class InitiativeStatus(StrEnum):
    PLANNED = "planned"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    DISCONTINUED = "discontinued"


class Initiative(TenantOwned, MultilingualTitle, Classified, Timestamped, Archivable):
    """An action or event that an organisation, or the network itself, reports.

    The consultation invited stakeholders to share their actions on implementing the compact,
    and the network will share advance notice of its events and welcomes the same from them.
    """

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("initiatives")
    # The reporting organisation, or None when the network itself gives notice.
    organisation: fields.ForeignKeyNullableRelation[Organisation] = optional_reference(
        "hub.Organisation", "initiatives"
    )
    # Translatable texts are held as {language: text}, as for consultations.
    summary: Translations = fields.JSONField(default=dict)
    kind = fields.CharEnumField(InitiativeKind, max_length=8)
    status = fields.CharEnumField(InitiativeStatus, max_length=16, default=InitiativeStatus.PLANNED)
    # ISO 3166 alpha-2, or "" for an initiative across countries.
    country = fields.CharField(max_length=2, default="")
    themes: list[str] = fields.JSONField(default=list)
    starts_on = fields.DateField()
    ends_on = fields.DateField(null=True)
    # Events only: the day it is held, where, and when notice of it was given.
    event_on = fields.DateField(null=True)
    venue = fields.CharField(max_length=300, default="")
    online = fields.BooleanField(default=False)
    advance_notice_on = fields.DateField(null=True)

    organisation_id: str | None

    class Meta:
        table = "initiative"
        indexes = (
            ("tenant_id", "starts_on"),
            ("tenant_id", "title_index"),
            ("tenant_id", "created_at"),
            ("organisation_id", "starts_on"),
        )
