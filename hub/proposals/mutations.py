"""Proposal mutations: submission, review and archiving."""

from __future__ import annotations

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.graphql.mutation_inputs import optional
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input, id_or_none, texts
from hub.i18n.languages import Language
from hub.i18n.types import TranslationInput
from hub.proposals.comments import CommentService
from hub.proposals.models import Proposal as ProposalModel
from hub.proposals.models import ProposalScope, ProposalStatus, ProposalTarget
from hub.proposals.service import NewProposal, ProposalChanges, ProposalService
from hub.proposals.types import Endorsement, Proposal, ProposalComment
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import PLAIN_TEXTS, VersionInput, localized_versions, sensitivity
from hub.shared.target_mutations import MutationTarget
from hub.themes.taxonomy import Theme

# The texts a proposal is written in, each taken as a list of translations.
TEXTS = ("title", "body")


@strawberry.input(description="A proposal's title and body in one more language.")
class ProposalTranslationInput(VersionInput):
    title: str = strawberry.field(description="The title in it.")
    body: str = strawberry.field(default="", description="The body in it.")


@strawberry.input(description="A proposal from an organisation, recorded in the request's tenant.")
class SubmitProposalInput:
    organisation: relay.GlobalID = strawberry.field(
        description="The organisation making it: one you belong to, unless you review proposals."
    )
    target: ProposalTarget = strawberry.field(description="What it asks to change.")
    work_stream: relay.GlobalID | None = optional(
        "The work stream, when the target is WORK_STREAM."
    )
    localized_title: list[TranslationInput] | None = optional(
        "Its title by language, each at most 300 characters; its language is `language`, "
        "else the first given."
    )
    localized_body: list[TranslationInput] | None = optional(
        "The proposal in full, by language; a language given a body needs a title."
    )
    title: str | None = strawberry.field(
        default=None,
        description="Short title, at most 300 characters, in `language`.",
        deprecation_reason=PLAIN_TEXTS,
    )
    body: str = strawberry.field(
        default="", description="The proposal in full.", deprecation_reason=PLAIN_TEXTS
    )
    scope: ProposalScope = strawberry.field(
        default=ProposalScope.THEMATIC, description="Thematic or situation-specific."
    )
    themes: list[Theme] = strawberry.field(default_factory=list, description="Themes.")
    classification: Classification = sensitivity(Classification.NETWORK)
    language: Language | None = optional(
        "The language of title and body; the tenant's default if omitted."
    )
    translations: list[ProposalTranslationInput] = strawberry.field(
        default_factory=list,
        description="Title and body in other languages.",
        deprecation_reason=PLAIN_TEXTS,
    )
    consultation: relay.GlobalID | None = optional("The consultation it came from.")
    session: relay.GlobalID | None = optional(
        "The working session it came from (of that consultation; alone, it names it)."
    )


@strawberry.input(
    description="Its authors' changes to a proposal before review; omitted fields stay."
)
class UpdateProposalInput:
    id: relay.GlobalID = strawberry.field(description="The proposal, still SUBMITTED.")
    localized_title: list[TranslationInput] | None = optional(
        "Titles to set, by language (its own among them); the others stay."
    )
    localized_body: list[TranslationInput] | None = optional(
        "Bodies to set, by language; a language given a body needs a title."
    )
    title: str | None = strawberry.field(
        default=None,
        description="Short title, at most 300 characters.",
        deprecation_reason=PLAIN_TEXTS,
    )
    body: str | None = strawberry.field(
        default=None, description="The proposal in full.", deprecation_reason=PLAIN_TEXTS
    )
    scope: ProposalScope | None = optional("Thematic or situation-specific.")
    themes: list[Theme] | None = optional("Themes, all of them.")
    consultation: relay.GlobalID | None = optional("The consultation it came from.")
    session: relay.GlobalID | None = optional("The working session it came from.")


@strawberry.input(description="A proposal its authors take back before review.")
class WithdrawProposalInput:
    id: relay.GlobalID = strawberry.field(description="The proposal, still SUBMITTED.")
    note: str | None = optional("Why, for the record.")


@strawberry.input(description="One step of a proposal's review.")
class ReviewProposalInput:
    id: relay.GlobalID = strawberry.field(description="The proposal.")
    status: ProposalStatus = strawberry.field(
        description="The next status: UNDER_REVIEW from SUBMITTED; ACCEPTED, REFLECTED or "
        "DECLINED from UNDER_REVIEW."
    )
    note: str | None = optional(
        "Why; required with a decision, and then shown as the response note."
    )


@strawberry.input(description="The proposal to archive.")
class ArchiveProposalInput:
    id: relay.GlobalID = strawberry.field(description="The proposal.")


@strawberry.type(description="Result of a proposal mutation.")
class ProposalPayload(MutationPayload, present=Proposal.from_model):
    proposal: Proposal | None = strawberry.field(description="The proposal, as it now is.")


PROPOSAL = MutationTarget(Resource.PROPOSAL, ProposalService, "Proposal", ProposalPayload)


@strawberry.input(description="An organisation's support for a proposal, or its withdrawal.")
class EndorsementInput:
    proposal: relay.GlobalID = strawberry.field(description="The proposal.")
    organisation: relay.GlobalID = strawberry.field(
        description="The organisation, one you belong to."
    )


@strawberry.type(description="Result of endorseProposal.")
class EndorsementPayload(MutationPayload, present=Endorsement.from_model):
    endorsement: Endorsement | None = strawberry.field(description="The endorsement.")


@strawberry.input(description="A comment on a proposal.")
class AddProposalCommentInput:
    proposal: relay.GlobalID = strawberry.field(description="The proposal.")
    body: str = strawberry.field(description="The comment, at most 5,000 characters.")
    classification: Classification = strawberry.field(
        default=Classification.NETWORK,
        description="Who may read it: not more widely than the proposal (BELOW_PROPOSAL).",
    )


@strawberry.type(description="Result of addProposalComment.")
class ProposalCommentPayload(MutationPayload, present=ProposalComment.from_model):
    comment: ProposalComment | None = strawberry.field(description="The comment.")


@strawberry.type
class ProposalMutation:
    @guarded_mutation(
        Resource.PROPOSAL, Action.CREATE, "Submit a proposal on an organisation's behalf."
    )
    async def submit_proposal(
        self, info: Info, input: Input[SubmitProposalInput]
    ) -> ProposalPayload | None:
        async def submit() -> ProposalModel:
            localized = localized_versions(input, TEXTS, new=True)
            new = from_input(
                NewProposal,
                input,
                organisation_id=node_id_of(input.organisation, "Organisation"),
                work_stream_id=id_or_none(input.work_stream, "WorkStream"),
                versions=texts(input.translations) if localized is None else localized,
                consultation_id=id_or_none(input.consultation, "Consultation"),
                session_id=id_or_none(input.session, "WorkingSession"),
            )
            return await ProposalService(info.context).submit(new)

        return await ProposalPayload.answer(submit())

    @guarded_mutation(
        Resource.PROPOSAL,
        Action.CREATE,
        "Change a proposal of your organisation before review (NOT_EDITABLE once taken up).",
    )
    async def update_proposal(
        self, info: Info, input: Input[UpdateProposalInput]
    ) -> ProposalPayload | None:
        async def revise() -> ProposalModel:
            changes = from_input(
                ProposalChanges,
                input,
                consultation_id=id_or_none(input.consultation, "Consultation"),
                session_id=id_or_none(input.session, "WorkingSession"),
                versions=localized_versions(input, TEXTS),
            )
            proposal_id = node_id_of(input.id, "Proposal")
            return await ProposalService(info.context).revise(proposal_id, changes)

        return await ProposalPayload.answer(revise())

    @guarded_mutation(
        Resource.PROPOSAL,
        Action.CREATE,
        "Withdraw a proposal of your organisation before review: it stays on record.",
    )
    async def withdraw_proposal(
        self, info: Info, input: Input[WithdrawProposalInput]
    ) -> ProposalPayload | None:
        return await ProposalPayload.answer(
            ProposalService(info.context).withdraw(node_id_of(input.id, "Proposal"), input.note)
        )

    @guarded_mutation(
        Resource.PROPOSAL,
        Action.REVIEW,
        "Take a proposal one step through its review; the step is recorded with you and the time.",
    )
    async def review_proposal(
        self, info: Info, input: Input[ReviewProposalInput]
    ) -> ProposalPayload | None:
        return await ProposalPayload.answer(
            ProposalService(info.context).move(
                node_id_of(input.id, "Proposal"), input.status, input.note
            )
        )

    archive_proposal = PROPOSAL.archive_mutation(
        "Archive a proposal: it leaves lists, and nothing of it is deleted.",
        input=ArchiveProposalInput,
    )

    @guarded_mutation(
        Resource.PROPOSAL,
        Action.ENDORSE,
        "Endorse a proposal in the name of an organisation you belong to: once (DUPLICATE), "
        "not its own (OWN_PROPOSAL), not one withdrawn.",
    )
    async def endorse_proposal(
        self, info: Info, input: Input[EndorsementInput]
    ) -> EndorsementPayload | None:
        return await EndorsementPayload.answer(
            ProposalService(info.context).endorse(
                node_id_of(input.proposal, "Proposal"),
                node_id_of(input.organisation, "Organisation"),
            )
        )

    @guarded_mutation(
        Resource.PROPOSAL, Action.ENDORSE, "Withdraw your organisation's endorsement."
    )
    async def withdraw_endorsement(
        self, info: Info, input: Input[EndorsementInput]
    ) -> ProposalPayload | None:
        return await ProposalPayload.answer(
            ProposalService(info.context).withdraw_endorsement(
                node_id_of(input.proposal, "Proposal"),
                node_id_of(input.organisation, "Organisation"),
            )
        )

    @guarded_mutation(
        Resource.PROPOSAL_COMMENT,
        Action.CREATE,
        "Comment on a proposal; the comment has a classification of its own, and is audited.",
    )
    async def add_proposal_comment(
        self, info: Info, input: Input[AddProposalCommentInput]
    ) -> ProposalCommentPayload | None:
        return await ProposalCommentPayload.answer(
            CommentService(info.context).add(
                node_id_of(input.proposal, "Proposal"), input.body, input.classification
            )
        )
