"""Consultations of the network with civil society and other stakeholders: their working
sessions and who took part."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields

from hub.core.model_mixins import (
    Archivable,
    Classified,
    Created,
    MultilingualTitle,
    TenantOwned,
    Timestamped,
    optional_reference,
    reference,
    tenant_key,
)
from hub.directory.models import Contact, Organisation
from hub.i18n.text import Translations


class ConsultationKind(StrEnum):
    MULTI_STAKEHOLDER = "multi_stakeholder"
    REGIONAL = "regional"
    NATIONAL = "national"
    LOCAL = "local"
    THEMATIC = "thematic"
    MEETING = "meeting"
    WEBINAR = "webinar"


class ConsultationStatus(StrEnum):
    PLANNED = "planned"
    ANNOUNCED = "announced"
    HELD = "held"
    CANCELLED = "cancelled"


class ParticipantRole(StrEnum):
    PARTICIPANT = "participant"
    SPEAKER = "speaker"
    OBSERVER = "observer"


class Gender(StrEnum):
    """A participant's gender, as they gave it, for the gender balance the network reports."""

    WOMAN = "woman"
    MAN = "man"
    ANOTHER = "another"


class Consultation(TenantOwned, MultilingualTitle, Classified, Timestamped, Archivable):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("consultations")
    # Held as {language: text}, as the title is.
    summary: Translations = fields.JSONField(default=dict)
    kind = fields.CharEnumField(ConsultationKind, max_length=24)
    status = fields.CharEnumField(
        ConsultationStatus, max_length=16, default=ConsultationStatus.PLANNED
    )
    starts_on = fields.DateField()
    ends_on = fields.DateField()
    venue = fields.CharField(max_length=300, default="")
    online = fields.BooleanField(default=False)
    advance_notice_on = fields.DateField(null=True)
    recording_url = fields.CharField(max_length=2000, default="")
    # Self-registration: partners register their organisations while it is open, until
    # the deadline (inclusive) and while places are left (None: no limit).
    open_for_registration = fields.BooleanField(default=False)
    registration_deadline = fields.DateField(null=True)
    capacity = fields.IntField(null=True)

    class Meta:
        table = "consultation"
        indexes = (
            ("tenant_id", "starts_on"),
            ("tenant_id", "title_index"),
            ("tenant_id", "created_at"),
        )


class WorkingSession(TenantOwned, Classified):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("working_sessions")
    consultation: fields.ForeignKeyRelation[Consultation] = reference(
        "hub.Consultation", "sessions"
    )
    number = fields.SmallIntField()
    title: Translations = fields.JSONField(default=dict)
    framing_questions: list[str] = fields.JSONField(default=list)
    key_recommendations: list[str] = fields.JSONField(default=list)

    consultation_id: str

    class Meta:
        table = "consultation_session"
        unique_together = (("consultation_id", "number"),)


class Participant(TenantOwned, Classified, Created):
    """An organisation at a consultation, through one of its people or as a whole."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("participants")
    consultation: fields.ForeignKeyRelation[Consultation] = reference(
        "hub.Consultation", "participants"
    )
    organisation: fields.ForeignKeyRelation[Organisation] = reference(
        "hub.Organisation", "participations"
    )
    contact: fields.ForeignKeyNullableRelation[Contact] = optional_reference(
        "hub.Contact", "participations"
    )
    role = fields.CharEnumField(ParticipantRole, max_length=16, default=ParticipantRole.PARTICIPANT)
    # None until the consultation has been held and attendance recorded.
    attended = fields.BooleanField(null=True)
    # As the participant gave it when attendance was recorded; None where not recorded.
    gender = fields.CharEnumField(Gender, max_length=8, null=True)
    # Who registered the organisation themselves; empty when the organisers added it.
    registered_by = fields.CharField(max_length=254, default="")

    consultation_id: str
    organisation_id: str
    contact_id: str | None

    class Meta:
        table = "consultation_participant"
        indexes = (("consultation_id", "created_at"),)
        # An organisation takes part in a consultation once, through whichever of its people.
        unique_together = (("consultation_id", "organisation_id"),)
