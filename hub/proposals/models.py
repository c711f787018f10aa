"""Proposals that stakeholders put to the network, and their review."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields

from hub.consultations.models import Consultation, WorkingSession
from hub.core.model_mixins import (
    Archivable,
    Classified,
    Created,
    TenantOwned,
    Transition,
    Translatable,
    Updated,
    optional_reference,
    reference,
    tenant_key,
)
from hub.directory.models import Organisation
from hub.workplan.models import WorkStream


class ProposalTarget(StrEnum):
    """What a proposal asks to change."""

    WORK_PLAN = "work_plan"
    WORK_STREAM = "work_stream"
    IMRF = "imrf"
    FUND = "fund"
    OPEN_CALL = "open_call"


class ProposalScope(StrEnum):
    """The consultation invited proposals "whether situation-specific or thematic"."""

    THEMATIC = "thematic"
    SITUATION_SPECIFIC = "situation_specific"


class ProposalStatus(StrEnum):
    SUBMITTED = "submitted"
    UNDER_REVIEW = "under_review"
    ACCEPTED = "accepted"
    # Taken into account, e.g. reflected in the work plan or a terms of reference.
    REFLECTED = "reflected"
    DECLINED = "declined"
    # Taken back by its authors before review.
    WITHDRAWN = "withdrawn"


class Proposal(TenantOwned, Translatable, Classified, Updated, Archivable):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("proposals")
    organisation: fields.ForeignKeyRelation[Organisation] = reference(
        "hub.Organisation", "proposals"
    )
    target = fields.CharEnumField(ProposalTarget, max_length=16)
    work_stream: fields.ForeignKeyNullableRelation[WorkStream] = optional_reference(
        "hub.WorkStream", "proposals"
    )
    # The consultation, and its working session, that the proposal came from.
    consultation: fields.ForeignKeyNullableRelation[Consultation] = optional_reference(
        "hub.Consultation", "proposals"
    )
    # A session removed as recorded by mistake leaves its proposals with the consultation.
    session: fields.ForeignKeyNullableRelation[WorkingSession] = fields.ForeignKeyField(
        "hub.WorkingSession", related_name="proposals", null=True, on_delete=fields.SET_NULL
    )
    scope = fields.CharEnumField(ProposalScope, max_length=24, default=ProposalScope.THEMATIC)
    title = fields.CharField(max_length=300)
    body = fields.TextField(default="")
    themes: list[str] = fields.JSONField(default=list)
    status = fields.CharEnumField(ProposalStatus, max_length=16, default=ProposalStatus.SUBMITTED)
    response_note = fields.TextField(default="")
    submitted_at = fields.DatetimeField(auto_now_add=True)

    organisation_id: str
    work_stream_id: str | None
    consultation_id: str | None
    session_id: str | None

    class Meta:
        table = "proposal"
        indexes = (
            ("tenant_id", "submitted_at"),
            ("tenant_id", "title"),
            ("work_stream_id", "submitted_at"),
            ("organisation_id", "submitted_at"),
            # A subtree of many tenants (tenant_id=ANY(...)) is read in this order, stopping
            # after a page, where (tenant_id, submitted_at) serves one tenant's alone.
            ("submitted_at", "id"),
        )


class ProposalTransition(TenantOwned, Transition):
    """One step of a proposal's review: who moved it, when, from where to where, and why."""

    id = fields.BigIntField(primary_key=True)
    tenant = tenant_key("proposal_transitions")
    proposal: fields.ForeignKeyRelation[Proposal] = reference("hub.Proposal", "transitions")
    # None for the submission itself.
    from_status = fields.CharEnumField(ProposalStatus, max_length=16, null=True)
    to_status = fields.CharEnumField(ProposalStatus, max_length=16)

    proposal_id: str

    class Meta:
        table = "proposal_transition"
        indexes = (("proposal_id", "at"),)


class Endorsement(TenantOwned, Classified, Created):
    """An organisation's support for a proposal, given by one of its members.

    It lives with the proposal (its tenant, its classification) and travels as far."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("proposal_endorsements")
    proposal: fields.ForeignKeyRelation[Proposal] = reference("hub.Proposal", "endorsements")
    organisation: fields.ForeignKeyRelation[Organisation] = reference(
        "hub.Organisation", "endorsements"
    )
    endorsed_by = fields.CharField(max_length=254)

    proposal_id: str
    organisation_id: str

    class Meta:
        table = "proposal_endorsement"
        unique_together = (("proposal_id", "organisation_id"),)


class ProposalComment(TenantOwned, Classified, Created):
    """A comment on a proposal, with a classification of its own.

    Reviewers among themselves, or with the organisation that made it; never more widely
    shared than its proposal."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("proposal_comments")
    proposal: fields.ForeignKeyRelation[Proposal] = reference("hub.Proposal", "comments")
    author = fields.CharField(max_length=254)
    body = fields.TextField()

    proposal_id: str

    class Meta:
        table = "proposal_comment"
        indexes = (("proposal_id", "created_at"),)
