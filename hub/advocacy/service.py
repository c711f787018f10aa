"""Reads and writes of advocacy notes: scope, checks, encryption, audit."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from uuid import UUID

from tortoise.transactions import in_transaction

from hub.access.crypto import decrypt, encrypt
from hub.access.listing import ClassifiedFilter, any_of
from hub.access.resources import Action, Resource
from hub.access.scoped import FilteredService, RecordNames, set_given
from hub.advocacy import workflow
from hub.advocacy.models import AdvocacyNote, NoteStatus, RecommendedAction, RiskLevel
from hub.core.classification import Classification
from hub.core.pagination import Listing
from hub.core.validation import InvalidInput, Problem, check_country, check_text, raise_if_any
from hub.stakeholders.service import OrganisationService

BODY_MAX = 50_000


@dataclass(frozen=True)
class NoteFilter(ClassifiedFilter):
    """Notes are found by status, risk and country, not by words: their bodies are
    encrypted."""

    statuses: Sequence[NoteStatus] = ()
    risk_levels: Sequence[RiskLevel] = ()
    countries: Sequence[str] = ()


@dataclass(frozen=True)
class NoteChanges:
    title: str | None = None
    body: str | None = None
    country: str | None = None
    organisation_ids: Sequence[str] | None = None
    risk_level: RiskLevel | None = None
    recommended_action: RecommendedAction | None = None
    status: NoteStatus | None = None


@dataclass(frozen=True)
class NewNote:
    title: str
    body: str
    country: str = ""
    organisation_ids: Sequence[str] = field(default_factory=list)
    risk_level: RiskLevel = RiskLevel.MEDIUM
    recommended_action: RecommendedAction = RecommendedAction.MONITOR
    classification: Classification = Classification.CONFIDENTIAL


class AdvocacyService(FilteredService[AdvocacyNote, NoteFilter]):
    model = AdvocacyNote
    resource = Resource.ADVOCACY_NOTE
    names = RecordNames("advocacy note", "advocacy notes")

    def search(self, flt: NoteFilter) -> Listing[AdvocacyNote] | None:
        return self._listed(
            flt,
            any_of("status", flt.statuses),
            any_of("risk_level", flt.risk_levels),
            any_of("country", [c.upper() for c in flt.countries]),
            flt.classified(),
        )

    def body(self, note: AdvocacyNote) -> str:
        return decrypt(
            self.ctx.settings.master_key_bytes,
            UUID(str(note.tenant_id)),
            note.id,
            note.body_encrypted,
        )

    async def _organisation_ids(self, raw_ids: Sequence[str], problems: list[Problem]) -> list[str]:
        organisations = OrganisationService(self.ctx)
        unknown = "An organisation is unknown to you."
        return await organisations.known_ids(raw_ids, problems, "organisations", unknown)

    async def create(self, new: NewNote) -> AdvocacyNote:
        problems: list[Problem] = []
        title = check_text(problems, "title", new.title, max_length=300, allow_blank=False)
        body = check_text(problems, "body", new.body, max_length=BODY_MAX, allow_blank=False)
        country = check_country(problems, new.country)
        organisation_ids = await self._organisation_ids(new.organisation_ids, problems)
        raise_if_any(problems)
        self._require(new.classification, Action.CREATE)
        note_id = uuid.uuid4()
        tenant_id = self.ctx.tenant.id
        return await self._create(
            AdvocacyNote,
            id=note_id,
            tenant=self.ctx.tenant,
            title=title,
            country=country,
            body_encrypted=encrypt(
                self.ctx.settings.master_key_bytes, tenant_id, note_id, body or ""
            ),
            organisation_ids=organisation_ids,
            risk_level=new.risk_level,
            recommended_action=new.recommended_action,
            classification=new.classification,
        )

    async def update(self, raw_id: str, changes: NoteChanges) -> AdvocacyNote:
        """Change a note; a new body is encrypted afresh, and the change is audited."""
        problems: list[Problem] = []
        title = check_text(problems, "title", changes.title, max_length=300, allow_blank=False)
        body = check_text(problems, "body", changes.body, max_length=BODY_MAX, allow_blank=False)
        country = None if changes.country is None else check_country(problems, changes.country)
        organisation_ids = None
        if changes.organisation_ids is not None:
            organisation_ids = await self._organisation_ids(changes.organisation_ids, problems)
        raise_if_any(problems)
        async with in_transaction():
            note = await self._locked(raw_id, Action.UPDATE)
            self._unless_archived(note, "The note is archived.")
            if changes.status is not None and changes.status != note.status:
                why = workflow.refusal("note", workflow.NOTE_NEXT, note.status, changes.status)
                if why:
                    raise InvalidInput([Problem("status", "INVALID_TRANSITION", why)])
            if body is not None:
                note.body_encrypted = encrypt(
                    self.ctx.settings.master_key_bytes, UUID(str(note.tenant_id)), note.id, body
                )
            set_given(
                note,
                title=title,
                country=country,
                organisation_ids=organisation_ids,
                risk_level=changes.risk_level,
                recommended_action=changes.recommended_action,
                status=changes.status,
            )
            await note.save()
            await self._record("update", note)
        return note

    async def archive(self, raw_id: str) -> AdvocacyNote:
        return await self._archive(raw_id)

    async def _archived(self, row: AdvocacyNote) -> None:
        # An archive is audited whatever the note's classification, as an update is.
        await self._record("archive", row)
