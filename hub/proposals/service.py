"""Reads and writes of proposals: scope, submission, review, archiving."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from tortoise.expressions import Q
from tortoise.functions import Count
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.access.listing import ClassifiedFilter, any_of, check_period, containing, where
from hub.access.resources import Action, Resource
from hub.access.scoped import RecordNames, set_given
from hub.consultations.service import ConsultationService
from hub.core.classification import Classification
from hub.core.errors import Forbidden
from hub.core.lookup import parse_id, parse_ids
from hub.core.pagination import Listing
from hub.core.validation import InvalidInput, Problem, check_text, raise_if_any
from hub.directory.models import Organisation
from hub.i18n.languages import Language
from hub.i18n.text import Version, Versions, check_versions, own_texts, split_source
from hub.live.events import EventKind
from hub.live.outbox import transaction_with_outbox
from hub.proposals import notices, workflow
from hub.proposals.leading import Leading, leading
from hub.proposals.models import (
    Endorsement,
    Proposal,
    ProposalScope,
    ProposalStatus,
    ProposalTarget,
    ProposalTransition,
)
from hub.stakeholders.service import OrganisationService
from hub.themes.service import ThemedFilter, ThemedService
from hub.themes.taxonomy import Theme, stored
from hub.workplan.service import WorkStreamService

TAG_SUBJECT = "proposal"
TITLE_MAX = 300
BODY_MAX = 20_000
NOTE_MAX = 5_000


@dataclass(frozen=True)
class ProposalFilter(ThemedFilter, ClassifiedFilter):
    statuses: Sequence[ProposalStatus] = ()
    targets: Sequence[ProposalTarget] = ()
    scopes: Sequence[ProposalScope] = ()
    organisation_id: str | None = None
    work_stream_id: str | None = None
    submitted_from: date | None = None
    submitted_to: date | None = None


@dataclass(frozen=True)
class NewProposal:
    organisation_id: str
    target: ProposalTarget
    # None when every text comes in ``versions``, the source language's among them.
    title: str | None
    body: str | None = ""
    work_stream_id: str | None = None
    scope: ProposalScope = ProposalScope.THEMATIC
    themes: Sequence[Theme] = field(default_factory=list)
    classification: Classification = Classification.NETWORK
    language: Language | None = None
    versions: Sequence[Version] = ()
    consultation_id: str | None = None
    session_id: str | None = None


@dataclass(frozen=True)
class ProposalChanges:
    """Its authors' changes before review; None leaves a field as it is."""

    title: str | None = None
    body: str | None = None
    scope: ProposalScope | None = None
    themes: Sequence[Theme] | None = None
    consultation_id: str | None = None
    session_id: str | None = None
    # By language, the proposal's own language among them; the others stay.
    versions: Sequence[Version] | None = None


TEXT_LIMITS = {"title": TITLE_MAX, "body": BODY_MAX}


def _search_text(versions: Versions) -> str:
    return "\n".join(v.get("title", "") for v in versions.values())


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=UTC)


class ProposalService(ThemedService[Proposal, ProposalFilter]):
    model = Proposal
    resource = Resource.PROPOSAL
    tag_subject = TAG_SUBJECT
    names = RecordNames("proposal", "proposals")

    def search(self, flt: ProposalFilter) -> Listing[Proposal] | None:
        """The visible proposals that pass ``flt``; None when nothing could."""
        check_period(flt.submitted_from, flt.submitted_to, "submittedFrom", "submittedTo")
        of: list[Q] = []
        for column, raw_id in (
            ("organisation_id", flt.organisation_id),
            ("work_stream_id", flt.work_stream_id),
        ):
            if raw_id is None:
                continue
            if (uid := parse_id(raw_id)) is None:
                return None
            of.append(where(column, uid))
        submitted_from = submitted_to = None
        if flt.submitted_from is not None:
            submitted_from = Q(submitted_at__gte=_day_start(flt.submitted_from))
        if flt.submitted_to is not None:
            # The whole of the last day counts.
            submitted_to = Q(submitted_at__lt=_day_start(flt.submitted_to) + timedelta(days=1))
        return self._listed(
            flt,
            any_of("status", flt.statuses),
            any_of("target", flt.targets),
            any_of("scope", flt.scopes),
            flt.classified(),
            self._tagged(flt.themes),
            *of,
            containing(flt.search, "title", "search_text"),
            submitted_from,
            submitted_to,
        )

    def of_work_streams(self) -> QuerySet[Proposal] | None:
        """The proposals a work stream shows: visible, with those that travel, unarchived."""
        queryset = self.visible(network=True)
        return None if queryset is None else queryset.filter(archived_at__isnull=True)

    async def first_of_work_streams(
        self, work_stream_ids: Sequence[str], first: int
    ) -> dict[str, Leading]:
        """Each work stream's first ``first`` visible, unarchived proposals, oldest first,
        and their total, in one statement; those of a work stream that reached the caller
        as far as they travel too."""
        queryset = self.of_work_streams()
        wanted = parse_ids(work_stream_ids)
        if queryset is None or not wanted:
            return {}
        found = await leading(queryset, wanted, first)
        shown = [row for stream in found.values() for row in stream.rows]
        await self._audit("read", *shown)
        return found

    async def submit(self, new: NewProposal) -> Proposal:
        """Record a proposal from an organisation: its members submit it, and reviewers
        may record one received by other means."""
        problems: list[Problem] = []
        source, given, versions = own_texts(
            problems,
            new.language,
            new.versions,
            plain=new.title is not None,
            default=self.ctx.tenant.default_language,
        )
        title = check_text(
            problems,
            "title",
            given.get("title", new.title),
            max_length=TITLE_MAX,
            required=True,
            allow_blank=False,
        )
        body = check_text(problems, "body", given.get("body", new.body), max_length=BODY_MAX)
        translations = check_versions(problems, versions, source, TEXT_LIMITS) or {}
        organisations = OrganisationService(self.ctx)
        organisation = await organisations.known(new.organisation_id, problems, "organisation")
        work_stream_id: UUID | None = None
        if new.target is ProposalTarget.WORK_STREAM:
            if new.work_stream_id is None:
                problems.append(
                    Problem("workStream", "REQUIRED", "A proposal to a work stream names it.")
                )
            else:
                streams = WorkStreamService(self.ctx)
                work_stream_id = await streams.known_id(new.work_stream_id, problems, "workStream")
        elif new.work_stream_id is not None:
            problems.append(
                Problem(
                    "workStream",
                    "NOT_ALLOWED",
                    "Only a proposal whose target is WORK_STREAM names a work stream.",
                )
            )
        consultation_id, session_id = await self._origin(
            problems, new.consultation_id, new.session_id
        )
        raise_if_any(problems)
        assert organisation is not None
        self._require(
            new.classification,
            Action.CREATE,
            refusal=f"You may not submit {new.classification} proposals here.",
        )
        decisions = self.ctx.decisions
        if not (
            decisions.member_of(organisation.id)
            or decisions.allows_any(Resource.PROPOSAL, Action.REVIEW)
        ):
            raise Forbidden("You may submit proposals only for an organisation you belong to.")
        async with transaction_with_outbox() as outbox:
            row = await Proposal.create(
                tenant=self.ctx.tenant,
                organisation_id=organisation.id,
                target=new.target,
                work_stream_id=work_stream_id,
                consultation_id=consultation_id,
                session_id=session_id,
                scope=new.scope,
                title=title,
                body=body or "",
                language=source,
                translations=translations,
                search_text=_search_text(translations),
                themes=stored(list(new.themes)),
                classification=new.classification,
            )
            await self._step(ProposalTransition, "proposal", row, None, ProposalStatus.SUBMITTED)
            await self._created(row, new.themes)
            outbox.add(EventKind.PROPOSAL_SUBMITTED, self.ctx.tenant.id, row.id)
        return row

    async def _origin(
        self, problems: list[Problem], consultation_id: str | None, session_id: str | None
    ) -> tuple[UUID | None, UUID | None]:
        """The consultation and working session a proposal came from, as a form names them
        (a session alone names its consultation); records that reached the caller may be
        named, as any linked record."""
        consultations = ConsultationService(self.ctx)
        consultation = None
        if consultation_id is not None:
            consultation = await consultations.known(consultation_id, problems, "consultation")
        if session_id is None:
            return (None if consultation is None else consultation.id), None
        [session] = await consultations.sessions_by_ids([session_id])
        if session is None:
            problems.append(Problem("session", "NOT_FOUND", "No working session you may see."))
            return None, None
        if consultation is not None and str(session.consultation_id) != str(consultation.id):
            problems.append(
                Problem("session", "NOT_OF_CONSULTATION", "The session is of another consultation.")
            )
        return UUID(str(session.consultation_id)), session.id

    async def revise(self, raw_id: str, changes: ProposalChanges) -> Proposal:
        """Its authors change a proposal until a reviewer takes it up."""
        problems: list[Problem] = []
        title = check_text(
            problems, "title", changes.title, max_length=TITLE_MAX, allow_blank=False
        )
        body = check_text(problems, "body", changes.body, max_length=BODY_MAX)
        linked = changes.consultation_id is not None or changes.session_id is not None
        origin = await self._origin(problems, changes.consultation_id, changes.session_id)
        raise_if_any(problems)
        async with in_transaction():
            row = await self._authored(raw_id)
            if changes.versions is not None:
                title, body = self._versions_changed(row, changes.versions)
            set_given(row, title=title, body=body, scope=changes.scope)
            if linked:
                row.consultation_id, row.session_id = origin  # type: ignore[assignment]
            await self._updated(row, changes.themes)
        return row

    @staticmethod
    def _versions_changed(
        row: Proposal, versions: Sequence[Version]
    ) -> tuple[str | None, str | None]:
        """Set the versions given of other languages than ``row``'s own; its own new title
        and body, when given."""
        problems: list[Problem] = []
        own, others = split_source(versions, row.language, row.translations)
        title = check_text(
            problems, "title", own.get("title"), max_length=TITLE_MAX, allow_blank=False
        )
        body = check_text(problems, "body", own.get("body"), max_length=BODY_MAX)
        translations = check_versions(problems, others, row.language, TEXT_LIMITS)
        raise_if_any(problems)
        row.translations = {**row.translations, **(translations or {})}
        row.search_text = _search_text(row.translations)
        return title, body

    async def withdraw(self, raw_id: str, note: str | None) -> Proposal:
        """Its authors take a proposal back before review; it stays on record, WITHDRAWN."""
        problems: list[Problem] = []
        clean_note = check_text(problems, "note", note, max_length=NOTE_MAX) or ""
        raise_if_any(problems)
        async with transaction_with_outbox() as outbox:
            row = await self._authored(raw_id)
            row.status = ProposalStatus.WITHDRAWN
            await row.save(update_fields=["status", "updated_at"])
            await self._step(
                ProposalTransition,
                "proposal",
                row,
                ProposalStatus.SUBMITTED,
                ProposalStatus.WITHDRAWN,
                clean_note,
            )
            await self._audit("update", row)
            outbox.add(EventKind.PROPOSAL_STATUS_CHANGED, row.tenant_id, row.id)
            await notices.status_changed(row, self.ctx.principal.email, clean_note)
        return row

    async def _authored(self, raw_id: str) -> Proposal:
        """The proposal, locked, for a change by its authors: members of the organisation
        that made it who may submit such proposals, while it waits for review."""
        row = await self._locked(
            raw_id, Action.CREATE, field="id", refusal="You may not change this proposal."
        )
        if not self.ctx.decisions.member_of(UUID(str(row.organisation_id))):
            raise Forbidden("Only members of the organisation that made a proposal change it.")
        self._unless_archived(row, "An archived proposal is kept as it was.")
        if row.status != workflow.BEFORE_REVIEW:
            raise InvalidInput(
                [
                    Problem(
                        "id",
                        "NOT_EDITABLE",
                        f"A {row.status.value} proposal is kept as it was sent.",
                    )
                ]
            )
        return row

    async def endorse(self, proposal_id: str, organisation_id: str) -> Endorsement:
        """An organisation's support for a proposal, given by one of its members: once per
        organisation, not for its own proposal nor one withdrawn."""
        problems: list[Problem] = []
        organisation = await self._own_organisation(organisation_id)
        async with in_transaction():
            # The proposal's row, locked, orders its endorsements: one per organisation.
            proposal = await self._locked(proposal_id, Action.ENDORSE, field="proposal")
            self._unless_archived(proposal, "An archived proposal takes no endorsement.")
            if proposal.status == ProposalStatus.WITHDRAWN:
                problems.append(
                    Problem("proposal", "WITHDRAWN", "A withdrawn proposal takes no endorsement.")
                )
            if str(proposal.organisation_id) == str(organisation.id):
                problems.append(
                    Problem(
                        "organisation",
                        "OWN_PROPOSAL",
                        "An organisation does not endorse its own proposal.",
                    )
                )
            elif await Endorsement.exists(proposal=proposal, organisation=organisation):
                problems.append(
                    Problem("organisation", "DUPLICATE", "The organisation endorses this proposal.")
                )
            raise_if_any(problems)
            endorsement = await Endorsement.create(
                tenant_id=proposal.tenant_id,
                proposal=proposal,
                organisation=organisation,
                endorsed_by=self.ctx.principal.email,
                classification=proposal.classification,
            )
            await self._record("endorse", proposal)
        return endorsement

    async def withdraw_endorsement(self, proposal_id: str, organisation_id: str) -> Proposal:
        """Take an organisation's endorsement back: its members may."""
        organisation = await self._own_organisation(organisation_id)
        async with in_transaction():
            proposal = await self._locked(proposal_id, Action.ENDORSE, field="proposal")
            removed = await Endorsement.filter(
                proposal_id=proposal.id, organisation_id=organisation.id
            ).delete()
            if not removed:
                raise InvalidInput(
                    [
                        Problem(
                            "organisation",
                            "NOT_ENDORSED",
                            "The organisation does not endorse this proposal.",
                        )
                    ]
                )
            await self._record("endorse", proposal)
        return proposal

    async def _own_organisation(self, organisation_id: str) -> Organisation:
        """The organisation a form names, which the caller may see and belongs to:
        endorsements are given and taken back in the name of one's own organisation."""
        problems: list[Problem] = []
        organisation = await OrganisationService(self.ctx).known(
            organisation_id, problems, "organisation"
        )
        raise_if_any(problems)
        assert organisation is not None
        if not self.ctx.decisions.member_of(organisation.id):
            raise Forbidden("You may endorse only in the name of an organisation you belong to.")
        return organisation

    async def endorsement_counts(self, proposal_ids: Sequence[str]) -> dict[str, int]:
        """How many organisations endorse each of these proposals, in one statement."""
        rows = self.children_rows(Endorsement)
        wanted = parse_ids(proposal_ids)
        if rows is None or not wanted:
            return {}
        counted = await (
            rows.filter(proposal_id__in=wanted)
            .annotate(endorsed=Count("id"))
            .group_by("proposal_id")
            .values_list("proposal_id", "endorsed")
        )
        return {str(proposal): int(n) for proposal, n in counted}

    async def move(self, raw_id: str, to: ProposalStatus, note: str | None) -> Proposal:
        """Take a proposal one step through its review, recording who, when and why."""
        problems: list[Problem] = []
        clean_note = check_text(problems, "note", note, max_length=NOTE_MAX) or ""
        raise_if_any(problems)
        async with transaction_with_outbox() as outbox:
            row = await self._locked(raw_id, Action.REVIEW)
            self._unless_archived(row, "An archived proposal cannot be reviewed.")
            if not workflow.may_move(row.status, to):
                raise InvalidInput(
                    [Problem("status", "INVALID_TRANSITION", workflow.refusal(row.status, to))]
                )
            if to in workflow.NEEDS_RESPONSE and not clean_note:
                raise InvalidInput(
                    [
                        Problem(
                            "note",
                            "REQUIRED",
                            "A decision on a proposal carries a response note.",
                        )
                    ]
                )
            previous = row.status
            row.status = to
            if to in workflow.NEEDS_RESPONSE:
                row.response_note = clean_note
            await row.save(update_fields=["status", "response_note", "updated_at"])
            await self._step(ProposalTransition, "proposal", row, previous, to, clean_note)
            await self._audit("review", row)
            if to != previous:
                outbox.add(EventKind.PROPOSAL_STATUS_CHANGED, row.tenant_id, row.id)
                await notices.status_changed(row, self.ctx.principal.email, clean_note)
        return row

    async def archive(self, raw_id: str) -> Proposal:
        """Hide a proposal from lists; nothing of it or its history is deleted."""
        return await self._archive(raw_id)
