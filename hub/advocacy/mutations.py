"""Advocacy mutations."""

from __future__ import annotations

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.advocacy.models import NoteStatus, RecommendedAction, RiskLevel, StatementStatus
from hub.advocacy.service import AdvocacyService, NewNote, NoteChanges
from hub.advocacy.statements import NewStatement, StatementService
from hub.advocacy.types import AdvocacyNote, Statement
from hub.core.classification import Classification
from hub.graphql.mutation_inputs import optional
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input, ids_of, texts
from hub.i18n.types import TranslationInput
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import sensitivity
from hub.shared.target_mutations import MutationTarget


@strawberry.input(description="A new advocacy note, recorded in the request's tenant.")
class CreateAdvocacyNoteInput:
    title: str = strawberry.field(description="Short title.")
    body: str = strawberry.field(description="The situation; stored encrypted.")
    country: str = strawberry.field(default="", description="ISO country code.")
    organisations: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Organisations concerned."
    )
    risk_level: RiskLevel = strawberry.field(default=RiskLevel.MEDIUM, description="Risk.")
    recommended_action: RecommendedAction = strawberry.field(
        default=RecommendedAction.MONITOR, description="What the network should do."
    )
    classification: Classification = sensitivity(Classification.CONFIDENTIAL)


@strawberry.type(description="Result of createAdvocacyNote.")
class CreateAdvocacyNotePayload(MutationPayload, present=AdvocacyNote.from_model):
    advocacy_note: AdvocacyNote | None = strawberry.field(description="The new note.")


@strawberry.type
class AdvocacyMutation:
    @guarded_mutation(Resource.ADVOCACY_NOTE, Action.CREATE, "Record an advocacy note.")
    async def create_advocacy_note(
        self,
        info: Info,
        input: Input[CreateAdvocacyNoteInput],
    ) -> CreateAdvocacyNotePayload | None:
        new = from_input(
            NewNote, input, organisation_ids=ids_of(input.organisations, "Organisation")
        )
        return await CreateAdvocacyNotePayload.answer(AdvocacyService(info.context).create(new))


@strawberry.input(description="Changes to an advocacy note; omitted fields stay as they are.")
class UpdateAdvocacyNoteInput:
    id: relay.GlobalID = strawberry.field(description="The note.")
    title: str | None = optional("Short title.")
    body: str | None = optional("The situation; encrypted afresh.")
    country: str | None = optional("ISO country code.")
    organisations: list[relay.GlobalID] | None = optional(
        "Organisations concerned (replaces the list)."
    )
    risk_level: RiskLevel | None = optional("Risk.")
    recommended_action: RecommendedAction | None = optional("What the network should do.")
    status: NoteStatus | None = optional("The next status (see NoteStatus).")


@strawberry.type(description="Result of a note mutation.")
class AdvocacyNotePayload(MutationPayload, present=AdvocacyNote.from_model):
    advocacy_note: AdvocacyNote | None = strawberry.field(description="The note as it now is.")


ADVOCACY_NOTE = MutationTarget(
    Resource.ADVOCACY_NOTE, AdvocacyService, "AdvocacyNote", AdvocacyNotePayload
)


@strawberry.input(description="A statement of the network, drafted in the request's tenant.")
class DraftStatementInput:
    title: list[TranslationInput] = strawberry.field(description="Its title, by language.")
    body: list[TranslationInput] = strawberry.field(description="Its text, by language.")
    notes: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="The advocacy notes that prompted it."
    )
    classification: Classification = strawberry.field(
        default=Classification.NETWORK, description="Sensitivity until published."
    )


@strawberry.input(description="Changes to a statement not yet approved.")
class ReviseStatementInput:
    id: relay.GlobalID = strawberry.field(description="The statement.")
    title: list[TranslationInput] | None = optional("Titles to set, by language; others stay.")
    body: list[TranslationInput] | None = optional("Texts to set, by language; others stay.")
    notes: list[relay.GlobalID] | None = optional("The notes that prompted it (replaces the list).")


@strawberry.input(description="One step of a statement towards publication.")
class MoveStatementInput:
    id: relay.GlobalID = strawberry.field(description="The statement.")
    status: StatementStatus = strawberry.field(
        description="IN_REVIEW or back to DRAFT (needs update), APPROVED (needs approve), "
        "PUBLISHED (needs publish)."
    )
    note: str | None = optional("Why.")


@strawberry.type(description="Result of a statement mutation.")
class StatementPayload(MutationPayload, present=Statement.from_model):
    statement: Statement | None = strawberry.field(description="The statement as it now is.")


STATEMENT = MutationTarget(Resource.STATEMENT, StatementService, "Statement", StatementPayload)


def _note_changes(input: UpdateAdvocacyNoteInput) -> NoteChanges:
    return from_input(
        NoteChanges, input, organisation_ids=ids_of(input.organisations, "Organisation")
    )


@strawberry.type
class StatementMutation:
    update_advocacy_note = ADVOCACY_NOTE.update_mutation(
        "Change an advocacy note.", UpdateAdvocacyNoteInput, _note_changes
    )
    archive_advocacy_note = ADVOCACY_NOTE.archive_mutation(
        "Archive an advocacy note: it leaves lists, and nothing of it is deleted."
    )

    @guarded_mutation(Resource.STATEMENT, Action.CREATE, "Draft a statement.")
    async def draft_statement(
        self, info: Info, input: Input[DraftStatementInput]
    ) -> StatementPayload | None:
        new = from_input(NewStatement, input, note_ids=ids_of(input.notes, "AdvocacyNote"))
        return await StatementPayload.answer(StatementService(info.context).draft(new))

    @guarded_mutation(Resource.STATEMENT, Action.UPDATE, "Revise a statement not yet approved.")
    async def revise_statement(
        self, info: Info, input: Input[ReviseStatementInput]
    ) -> StatementPayload | None:
        return await StatementPayload.answer(
            StatementService(info.context).revise(
                node_id_of(input.id, "Statement"),
                texts(input.title),
                texts(input.body),
                ids_of(input.notes, "AdvocacyNote"),
            )
        )

    @strawberry.mutation(
        description="Take a statement one step: to review, back to draft, approved, "
        "published. Each step needs its own permission on `statement` (see MoveStatementInput)."
    )
    async def move_statement(
        self, info: Info, input: Input[MoveStatementInput]
    ) -> StatementPayload | None:
        return await StatementPayload.answer(
            StatementService(info.context).move(
                node_id_of(input.id, "Statement"), input.status, input.note
            )
        )

    archive_statement = STATEMENT.archive_mutation("Archive a statement.")
