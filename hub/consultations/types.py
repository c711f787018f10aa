"""GraphQL types of consultations."""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from datetime import UTC, date, datetime

import strawberry
from strawberry import relay

from hub.consultations import models, service
from hub.consultations.loaders import ParticipantsLoader, PlacesTakenLoader, SessionsLoader
from hub.consultations.service import ConsultationService
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.enums import described_enum
from hub.graphql.filters import PeriodFilter, any_of, condition, service_filter_of, switch
from hub.graphql.inputs import BY_TRANSLATED_TITLE, SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelNode, column, get_many, or_none
from hub.graphql.record_fields import Recorded, when_archived
from hub.graphql.related import row_named_in, rows_under
from hub.i18n.fields import translated
from hub.stakeholders.loaders import ContactByIdLoader
from hub.stakeholders.service import ContactService
from hub.stakeholders.types import Contact, organisation_in
from hub.tenancy.types import TenantRecord, lives_in

CK = models.ConsultationKind
described_enum(
    CK,
    "What kind of consultation it is.",
    {
        CK.MULTI_STAKEHOLDER: "Open to every kind of stakeholder.",
        CK.REGIONAL: "For a region.",
        CK.NATIONAL: "For one country.",
        CK.LOCAL: "For a city or district.",
        CK.THEMATIC: "On one theme.",
        CK.MEETING: "A meeting held in person.",
        CK.WEBINAR: "Held online.",
    },
)
described_enum(
    models.ConsultationStatus,
    "PLANNED, then ANNOUNCED, then HELD; CANCELLED until it is held.",
    {
        models.ConsultationStatus.PLANNED: "Being prepared, not yet announced.",
        models.ConsultationStatus.ANNOUNCED: "Announced to those invited.",
        models.ConsultationStatus.HELD: "Took place.",
        models.ConsultationStatus.CANCELLED: "Called off before it was held.",
    },
)
described_enum(
    models.Gender,
    "A participant's gender, as they gave it.",
    {
        models.Gender.WOMAN: "A woman.",
        models.Gender.MAN: "A man.",
        models.Gender.ANOTHER: "Another gender.",
    },
)
described_enum(
    models.ParticipantRole,
    "How someone takes part.",
    {
        models.ParticipantRole.PARTICIPANT: "Takes part in the discussion.",
        models.ParticipantRole.SPEAKER: "Speaks or presents.",
        models.ParticipantRole.OBSERVER: "Attends without taking part.",
    },
)


def _sessions(ctx: Context, ids: list[str]) -> Awaitable[Sequence[models.WorkingSession | None]]:
    return ConsultationService(ctx).sessions_by_ids(ids)


@strawberry.type(description="A working session of a consultation.")
class WorkingSession(ModelNode[models.WorkingSession]):
    id: relay.NodeID[str]
    number: int = strawberry.field(description="Its place in the programme.")
    framing_questions: list[str] = strawberry.field(description="The questions put to it.")
    key_recommendations: list[str] = strawberry.field(description="What it recommended.")
    row: strawberry.Private[models.WorkingSession]

    title = translated("title", "Its title.")

    model_map = ModelMap(
        models.WorkingSession,
        fetch=_sessions,
        framing_questions=column("framing_questions", convert=list),
        key_recommendations=column("key_recommendations", convert=list),
    )


def _participants(ctx: Context, ids: list[str]) -> Awaitable[Sequence[models.Participant | None]]:
    return ConsultationService(ctx).participants_by_ids(ids)


@strawberry.type(description="An organisation at a consultation, through one of its people.")
class Participant(ModelNode[models.Participant]):
    id: relay.NodeID[str]
    tenant = lives_in()
    role: models.ParticipantRole = strawberry.field(description="Participant, speaker, observer.")
    attended: bool | None = strawberry.field(
        description="Whether they came; null until attendance is recorded."
    )
    self_registered: bool = strawberry.field(
        description="Whether the organisation registered itself (else the organisers added it)."
    )
    row: strawberry.Private[models.Participant]

    organisation = organisation_in(
        "organisation_id", "The organisation; null if you may not see it."
    )

    contact = row_named_in(
        Contact,
        ContactByIdLoader,
        "contact_id",
        "The person, if recorded; null if you may not see contacts.",
        rows=lambda ctx: ContactService(ctx).visible(network=True),
    )

    model_map = ModelMap(
        models.Participant,
        fetch=_participants,
        self_registered=column("registered_by", convert=bool),
    )


@strawberry.type(
    description="A consultation of the network with civil society and other stakeholders."
)
class Consultation(TenantRecord, Recorded, ModelNode[models.Consultation]):
    id: relay.NodeID[str]
    kind: models.ConsultationKind = strawberry.field(description="What kind it is.")
    status: models.ConsultationStatus = strawberry.field(description="Where it stands.")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date = strawberry.field(description="Last day.")
    venue: str = strawberry.field(description="Where it takes place; empty if online only.")
    online: bool = strawberry.field(description="Whether one can take part online.")
    advance_notice_on: date | None = strawberry.field(
        description="When notice of it was given to stakeholders."
    )
    recording_url: str | None = strawberry.field(description="A recording, once held.")
    open_for_registration: bool = strawberry.field(
        description="Whether partners may register their organisations themselves once it "
        "is announced (see `registrationOpen`)."
    )
    registration_deadline: date | None = strawberry.field(
        description="The last day to register; null: until it starts."
    )
    capacity: int | None = strawberry.field(
        description="How many organisations may take part; null: no limit."
    )
    archived_at: datetime | None = when_archived("consultations")
    row: strawberry.Private[models.Consultation]

    @strawberry.field(description="Places left for organisations; null when there is no limit.")
    async def places_left(self, info: strawberry.Info[Context, None]) -> int | None:
        if self.row.capacity is None:
            return None
        taken = await PlacesTakenLoader.of(info.context).load(str(self.row.id))
        return max(self.row.capacity - taken, 0)

    @strawberry.field(
        description="Whether an organisation can register now: open for registration, "
        "announced, the deadline not passed and places left."
    )
    async def registration_open(self, info: strawberry.Info[Context, None]) -> bool:
        taken = await PlacesTakenLoader.of(info.context).load(str(self.row.id))
        return service.registration_refusal(self.row, taken, datetime.now(UTC).date()) is None

    title = translated("title", "Its title.")
    summary = translated("summary", "Summary of its outcomes; null before one is written.")

    sessions = rows_under(WorkingSession, SessionsLoader, "Its working sessions, in order.")
    participants = rows_under(
        Participant, ParticipantsLoader, "Who was invited or took part, in the order recorded."
    )

    model_map = ModelMap(
        models.Consultation,
        recording_url=column("recording_url", convert=or_none),
        fetch=get_many(ConsultationService),
    )


@sort_fields("Fields consultations can be sorted by.")
class ConsultationOrderField(SortField):
    STARTS_ON = "starts_on", "By the day it starts."
    TITLE = "title_index", "By title."
    CREATED_AT = "created_at", "By when it was recorded."


ConsultationOrder = sort_order(
    ConsultationOrderField, "Sort order of a consultation list.", BY_TRANSLATED_TITLE
)


LATEST_FIRST = Ordering("starts_on", OrderDirection.DESC)


@strawberry.input(description="Narrows a consultation list; all given conditions apply.")
class ConsultationFilter(PeriodFilter):
    status: list[models.ConsultationStatus] | None = any_of("statuses", "Any of these statuses.")
    kind: list[models.ConsultationKind] | None = any_of("kinds", "Any of these kinds.")
    search: str | None = condition("Text the title contains, in any language.")
    include_archived: bool = switch("Include archived consultations.")

    service_filter = service_filter_of(service.ConsultationFilter)


CONSULTATIONS = ListOf(Consultation, ConsultationFilter, LATEST_FIRST, ConsultationOrder)
