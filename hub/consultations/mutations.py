"""Consultation mutations."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.consultations.models import (
    ConsultationKind,
    ConsultationStatus,
    Gender,
    ParticipantRole,
)
from hub.consultations.service import (
    ConsultationChanges,
    ConsultationService,
    NewConsultation,
    NewSession,
    SessionChanges,
)
from hub.consultations.types import Consultation, Participant, WorkingSession
from hub.core.classification import Classification
from hub.graphql.mutation_inputs import optional
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input, id_or_none
from hub.i18n.types import TranslationInput
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import TitleChangesInput, TitledInput, sensitivity
from hub.shared.target_mutations import MutationTarget


@strawberry.input(description="A new consultation, recorded in the request's tenant.")
class CreateConsultationInput(TitledInput):
    kind: ConsultationKind = strawberry.field(description="What kind it is.")
    starts_on: date = strawberry.field(description="First day.")
    ends_on: date = strawberry.field(description="Last day, not before the first.")
    summary: list[TranslationInput] = strawberry.field(
        default_factory=list, description="A summary, in one or more UN languages."
    )
    venue: str = strawberry.field(default="", description="Where; required unless online.")
    online: bool = strawberry.field(default=False, description="Whether one can join online.")
    advance_notice_on: date | None = optional("When notice was given; not after the first day.")
    status: ConsultationStatus = strawberry.field(
        default=ConsultationStatus.PLANNED, description="PLANNED or ANNOUNCED."
    )
    classification: Classification = sensitivity(Classification.NETWORK)
    open_for_registration: bool = strawberry.field(
        default=False,
        description="Whether partners may register their organisations themselves once "
        "it is announced.",
    )
    registration_deadline: date | None = optional("The last day to register; not after startsOn.")
    capacity: int | None = optional("How many organisations may take part; null: no limit.")


@strawberry.input(description="Changes to a consultation; omitted fields stay as they are.")
class UpdateConsultationInput(TitleChangesInput):
    id: relay.GlobalID = strawberry.field(description="The consultation.")
    summary: list[TranslationInput] | None = optional(
        "Outcome summaries to set, by language; others stay."
    )
    status: ConsultationStatus | None = optional(
        "PLANNED -> ANNOUNCED -> HELD; CANCELLED until held."
    )
    starts_on: date | None = optional("First day.")
    ends_on: date | None = optional("Last day.")
    venue: str | None = optional("Venue.")
    online: bool | None = optional("Online or not.")
    advance_notice_on: date | None = optional("When notice was given.")
    recording_url: str | None = optional("An http(s) link to a recording; empty to remove it.")
    open_for_registration: bool | None = optional(
        "Whether partners may register their organisations themselves."
    )
    registration_deadline: date | None = optional("The last day to register.")
    capacity: int | None = optional(
        "How many organisations may take part; not fewer than take part already."
    )


@strawberry.type(description="Result of a consultation mutation.")
class ConsultationPayload(MutationPayload, present=Consultation.from_model):
    consultation: Consultation | None = strawberry.field(description="As it now is.")


CONSULTATION = MutationTarget(
    Resource.CONSULTATION, ConsultationService, "Consultation", ConsultationPayload
)


@strawberry.input(description="A working session of a consultation.")
class AddWorkingSessionInput:
    consultation: relay.GlobalID = strawberry.field(description="The consultation.")
    number: int = strawberry.field(description="Its place in the programme (1-99), unique.")
    title: list[TranslationInput] = strawberry.field(description="Its title, by language.")
    framing_questions: list[str] = strawberry.field(
        default_factory=list, description="The questions put to it."
    )
    key_recommendations: list[str] = strawberry.field(
        default_factory=list, description="What it recommended."
    )


@strawberry.input(description="Changes to a working session; omitted fields stay as they are.")
class UpdateWorkingSessionInput:
    id: relay.GlobalID = strawberry.field(description="The working session.")
    number: int | None = optional("Its place in the programme (1-99), unique.")
    title: list[TranslationInput] | None = optional("Titles to set, by language; others stay.")
    framing_questions: list[str] | None = optional("The questions put to it, all of them.")
    key_recommendations: list[str] | None = optional(
        "What it recommended, all of it: recorded once the session was held."
    )


@strawberry.input(description="A working session or participant to remove.")
class RemoveInput:
    id: relay.GlobalID = strawberry.field(description="What to remove.")


@strawberry.type(description="Result of a working session mutation.")
class WorkingSessionPayload(MutationPayload, present=WorkingSession.from_model):
    session: WorkingSession | None = strawberry.field(
        description="The session as it now is; as it was, when removed."
    )


@strawberry.input(description="An organisation (and optionally one of its people) invited.")
class AddParticipantInput:
    consultation: relay.GlobalID = strawberry.field(description="The consultation.")
    organisation: relay.GlobalID = strawberry.field(description="The organisation.")
    contact: relay.GlobalID | None = optional("A contact person of that organisation.")
    role: ParticipantRole = strawberry.field(
        default=ParticipantRole.PARTICIPANT, description="How they take part."
    )


@strawberry.input(description="An organisation one belongs to, registered for a consultation.")
class RegisterForConsultationInput:
    consultation: relay.GlobalID = strawberry.field(description="The consultation.")
    organisation: relay.GlobalID = strawberry.field(
        description="The organisation, one you belong to."
    )
    contact: relay.GlobalID | None = optional("Who of it will come, if recorded as a contact.")


@strawberry.input(description="Whether a participant came, once the consultation was held.")
class RecordAttendanceInput:
    participant: relay.GlobalID = strawberry.field(description="The participant.")
    attended: bool = strawberry.field(description="Whether they came.")
    gender: Gender | None = optional(
        "Their gender, as they gave it: counted in the gender balance of reports, shown "
        "nowhere by person."
    )


@strawberry.type(description="Result of a participant mutation.")
class ParticipantPayload(MutationPayload, present=Participant.from_model):
    participant: Participant | None = strawberry.field(
        description="The participant; as it was, when removed."
    )


@strawberry.type
class ConsultationMutation:
    @guarded_mutation(Resource.CONSULTATION, Action.CREATE, "Record a consultation.")
    async def create_consultation(
        self, info: Info, input: Input[CreateConsultationInput]
    ) -> ConsultationPayload | None:
        new = from_input(NewConsultation, input)
        return await ConsultationPayload.answer(ConsultationService(info.context).create(new))

    update_consultation = CONSULTATION.update_mutation(
        "Change a consultation: its status, dates, venue, texts, recording.",
        UpdateConsultationInput,
        lambda input: from_input(ConsultationChanges, input),
    )
    archive_consultation = CONSULTATION.archive_mutation(
        "Archive a consultation: it leaves lists, and nothing of it is deleted."
    )

    @guarded_mutation(Resource.CONSULTATION, Action.UPDATE, "Add a working session.")
    async def add_working_session(
        self, info: Info, input: Input[AddWorkingSessionInput]
    ) -> WorkingSessionPayload | None:
        new = from_input(
            NewSession,
            input,
            consultation_id=node_id_of(input.consultation, "Consultation"),
        )
        return await WorkingSessionPayload.answer(
            ConsultationService(info.context).add_session(new)
        )

    @guarded_mutation(
        Resource.CONSULTATION,
        Action.UPDATE,
        "Correct a working session, or record what it recommended.",
    )
    async def update_working_session(
        self, info: Info, input: Input[UpdateWorkingSessionInput]
    ) -> WorkingSessionPayload | None:
        changes = from_input(SessionChanges, input)
        return await WorkingSessionPayload.answer(
            ConsultationService(info.context).update_session(
                node_id_of(input.id, "WorkingSession"), changes
            )
        )

    @guarded_mutation(Resource.CONSULTATION, Action.UPDATE, "Remove a working session.")
    async def remove_working_session(
        self, info: Info, input: Input[RemoveInput]
    ) -> WorkingSessionPayload | None:
        return await WorkingSessionPayload.answer(
            ConsultationService(info.context).remove_session(node_id_of(input.id, "WorkingSession"))
        )

    @guarded_mutation(
        Resource.CONSULTATION,
        Action.UPDATE,
        "Invite an organisation or a person; an organisation takes part once (DUPLICATE).",
    )
    async def add_participant(
        self, info: Info, input: Input[AddParticipantInput]
    ) -> ParticipantPayload | None:
        return await ParticipantPayload.answer(
            ConsultationService(info.context).add_participant(
                node_id_of(input.consultation, "Consultation"),
                node_id_of(input.organisation, "Organisation"),
                id_or_none(input.contact, "Contact"),
                input.role,
            )
        )

    @guarded_mutation(
        Resource.CONSULTATION,
        Action.REGISTER,
        "Register an organisation you belong to for a consultation open for registration: "
        "NOT_OPEN, DEADLINE_PASSED, FULL or DUPLICATE on `consultation` or `organisation` "
        "when it cannot.",
    )
    async def register_for_consultation(
        self, info: Info, input: Input[RegisterForConsultationInput]
    ) -> ParticipantPayload | None:
        return await ParticipantPayload.answer(
            ConsultationService(info.context).register(
                node_id_of(input.consultation, "Consultation"),
                node_id_of(input.organisation, "Organisation"),
                id_or_none(input.contact, "Contact"),
            )
        )

    @guarded_mutation(Resource.CONSULTATION, Action.UPDATE, "Record whether a participant came.")
    async def record_attendance(
        self, info: Info, input: Input[RecordAttendanceInput]
    ) -> ParticipantPayload | None:
        return await ParticipantPayload.answer(
            ConsultationService(info.context).record_attendance(
                node_id_of(input.participant, "Participant"), input.attended, input.gender
            )
        )

    @guarded_mutation(
        Resource.CONSULTATION, Action.UPDATE, "Remove a participant, attendance and all."
    )
    async def remove_participant(
        self, info: Info, input: Input[RemoveInput]
    ) -> ParticipantPayload | None:
        return await ParticipantPayload.answer(
            ConsultationService(info.context).remove_participant(
                node_id_of(input.id, "Participant")
            )
        )
