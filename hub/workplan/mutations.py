"""Work-plan mutations."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.graphql.mutation_inputs import optional
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input, ids_of, texts
from hub.i18n.languages import Language
from hub.i18n.types import TranslationInput
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import PLAIN_TEXTS, VersionInput, localized_versions, sensitivity
from hub.shared.target_mutations import MutationTarget
from hub.themes.taxonomy import Theme
from hub.workplan.members import MembershipService
from hub.workplan.models import Horizon, MemberRole, PriorityStatus, WorkStreamStatus
from hub.workplan.models import WorkStream as WorkStreamModel
from hub.workplan.priorities import PriorityDraft, PriorityService
from hub.workplan.service import WorkStreamChanges, WorkStreamService
from hub.workplan.types import Priority, WorkStream, WorkStreamMember

# The texts a work stream is written in, each taken as a list of translations.
TEXTS = ("title", "description")


@strawberry.input(description="A work stream's title and description in one more language.")
class WorkStreamTranslationInput(VersionInput):
    title: str = strawberry.field(description="The title in it, at most 300 characters.")
    description: str = strawberry.field(default="", description="The description in it.")


@strawberry.input(description="A new work stream, recorded in the request's tenant.")
class CreateWorkStreamInput:
    localized_title: list[TranslationInput] | None = optional(
        "Its title by language, each at most 300 characters; its language is `language`, "
        "else the first given."
    )
    localized_description: list[TranslationInput] | None = optional(
        "What it is about, by language; a language given a description needs a title."
    )
    title: str | None = strawberry.field(
        default=None,
        description="Title, at most 300 characters.",
        deprecation_reason=PLAIN_TEXTS,
    )
    description: str = strawberry.field(
        default="", description="What it is about.", deprecation_reason=PLAIN_TEXTS
    )
    status: WorkStreamStatus = strawberry.field(
        default=WorkStreamStatus.PROPOSED, description="Initial status."
    )
    language: Language | None = optional(
        "The language of title and description; the tenant's default if omitted."
    )
    translations: list[WorkStreamTranslationInput] = strawberry.field(
        default_factory=list,
        description="Title and description in other languages.",
        deprecation_reason=PLAIN_TEXTS,
    )
    classification: Classification = sensitivity(Classification.NETWORK)


@strawberry.type(description="Result of createWorkStream.")
class CreateWorkStreamPayload(MutationPayload, present=WorkStream.from_model):
    work_stream: WorkStream | None = strawberry.field(description="The new work stream.")


@strawberry.input(description="Changes to a work stream; omitted fields stay as they are.")
class UpdateWorkStreamInput:
    id: relay.GlobalID = strawberry.field(description="The work stream to change.")
    localized_title: list[TranslationInput] | None = optional(
        "Titles to set, by language (its own among them); the others stay."
    )
    localized_description: list[TranslationInput] | None = optional(
        "Descriptions to set, by language; a language given a description needs a title."
    )
    title: str | None = strawberry.field(
        default=None, description="New title.", deprecation_reason=PLAIN_TEXTS
    )
    description: str | None = strawberry.field(
        default=None, description="New description.", deprecation_reason=PLAIN_TEXTS
    )
    status: WorkStreamStatus | None = optional("New status.")
    classification: Classification | None = optional("New sensitivity.")
    translations: list[WorkStreamTranslationInput] | None = strawberry.field(
        default=None,
        description="Versions to set, by language; the others stay.",
        deprecation_reason=PLAIN_TEXTS,
    )


@strawberry.type(description="Result of updateWorkStream.")
class UpdateWorkStreamPayload(MutationPayload, present=WorkStream.from_model):
    work_stream: WorkStream | None = strawberry.field(description="The changed work stream.")


WORK_STREAM = MutationTarget(
    Resource.WORK_STREAM, WorkStreamService, "WorkStream", UpdateWorkStreamPayload
)


def _work_stream_changes(input: UpdateWorkStreamInput) -> WorkStreamChanges:
    localized = localized_versions(input, TEXTS)
    return from_input(
        WorkStreamChanges,
        input,
        versions=texts(input.translations) if localized is None else localized,
    )


@strawberry.input(description="A priority of the work plan, recorded in the request's tenant.")
class CreatePriorityInput:
    title: list[TranslationInput] = strawberry.field(description="Its title, by language.")
    horizon: Horizon = strawberry.field(description="Immediate, short-to-medium or long term.")
    summary: list[TranslationInput] = strawberry.field(
        default_factory=list, description="What it involves, by language."
    )
    status: PriorityStatus = strawberry.field(
        default=PriorityStatus.PROPOSED, description="Where it stands."
    )
    themes: list[Theme] = strawberry.field(default_factory=list, description="Themes.")
    work_streams: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="The work streams that carry it."
    )
    classification: Classification = sensitivity(Classification.NETWORK)


@strawberry.input(description="Changes to a priority; omitted fields stay as they are.")
class UpdatePriorityInput:
    id: relay.GlobalID = strawberry.field(description="The priority.")
    title: list[TranslationInput] | None = optional("Titles to set, by language; others stay.")
    summary: list[TranslationInput] | None = optional("Summaries to set, by language; others stay.")
    horizon: Horizon | None = optional("Horizon.")
    status: PriorityStatus | None = optional("Status.")
    themes: list[Theme] | None = optional("Themes (replaces the list).")
    work_streams: list[relay.GlobalID] | None = optional("Work streams (replaces the list).")


@strawberry.type(description="Result of a priority mutation.")
class PriorityPayload(MutationPayload, present=Priority.from_model):
    priority: Priority | None = strawberry.field(description="The priority as it now is.")


PRIORITY = MutationTarget(Resource.WORK_PLAN, PriorityService, "Priority", PriorityPayload)


@strawberry.input(description="An organisation joining a work stream.")
class AddWorkStreamMemberInput:
    work_stream: relay.GlobalID = strawberry.field(description="The work stream.")
    organisation: relay.GlobalID = strawberry.field(description="The organisation.")
    role: MemberRole = strawberry.field(default=MemberRole.MEMBER, description="Its role.")
    since: date | None = optional("From; today if omitted.")


@strawberry.input(description="The end of an organisation's part in a work stream.")
class EndWorkStreamMembershipInput:
    id: relay.GlobalID = strawberry.field(description="The membership (a WorkStreamMember).")
    until: date | None = optional("Until; today if omitted.")


@strawberry.type(description="Result of a membership mutation.")
class WorkStreamMemberPayload(MutationPayload, present=WorkStreamMember.from_model):
    member: WorkStreamMember | None = strawberry.field(description="The membership.")


def _draft(input: CreatePriorityInput | UpdatePriorityInput) -> PriorityDraft:
    return from_input(
        PriorityDraft, input, work_stream_ids=ids_of(input.work_streams, "WorkStream")
    )


@strawberry.type
class WorkplanMutation:
    @guarded_mutation(Resource.WORK_STREAM, Action.CREATE, "Record a work stream in this tenant.")
    async def create_work_stream(
        self,
        info: Info,
        input: Input[CreateWorkStreamInput],
    ) -> CreateWorkStreamPayload | None:
        async def create() -> WorkStreamModel:
            localized = localized_versions(input, TEXTS, new=True)
            return await WorkStreamService(info.context).create(
                input.title,
                input.description,
                input.status,
                input.classification,
                input.language,
                texts(input.translations) if localized is None else localized,
            )

        return await CreateWorkStreamPayload.answer(create())

    update_work_stream = WORK_STREAM.update_mutation(
        "Change a work stream you may see.", UpdateWorkStreamInput, _work_stream_changes
    )
    archive_work_stream = WORK_STREAM.archive_mutation(
        "Archive a work stream: it leaves lists; its proposals and members stay."
    )

    @guarded_mutation(Resource.WORK_PLAN, Action.CREATE, "Add a priority to the work plan.")
    async def create_priority(
        self, info: Info, input: Input[CreatePriorityInput]
    ) -> PriorityPayload | None:
        return await PriorityPayload.answer(PriorityService(info.context).create(_draft(input)))

    update_priority = PRIORITY.update_mutation(
        "Change a priority of the work plan.", UpdatePriorityInput, _draft
    )
    archive_priority = PRIORITY.archive_mutation("Archive a priority of the work plan.")

    @guarded_mutation(
        Resource.WORK_STREAM, Action.UPDATE, "An organisation joins a work stream you may change."
    )
    async def add_work_stream_member(
        self,
        info: Info,
        input: Input[AddWorkStreamMemberInput],
    ) -> WorkStreamMemberPayload | None:
        return await WorkStreamMemberPayload.answer(
            MembershipService(info.context).add(
                node_id_of(input.work_stream, "WorkStream"),
                node_id_of(input.organisation, "Organisation"),
                input.role,
                input.since,
            )
        )

    @guarded_mutation(
        Resource.WORK_STREAM,
        Action.UPDATE,
        "End an organisation's part in a work stream; the record of it stays.",
    )
    async def end_work_stream_membership(
        self,
        info: Info,
        input: Input[EndWorkStreamMembershipInput],
    ) -> WorkStreamMemberPayload | None:
        return await WorkStreamMemberPayload.answer(
            MembershipService(info.context).end(
                node_id_of(input.id, "WorkStreamMember"), input.until
            )
        )
