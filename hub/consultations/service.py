"""Reads and writes of consultations, their working sessions and participants."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import TypeVar

from tortoise.functions import Count
from tortoise.transactions import in_transaction

from hub.access.listing import ClassifiedFilter, StartingFilter, any_of, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import FilteredService, RecordNames, set_given
from hub.consultations import notices, workflow
from hub.consultations.models import (
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    Gender,
    Participant,
    ParticipantRole,
    WorkingSession,
)
from hub.core.classification import Classification
from hub.core.errors import Forbidden
from hub.core.lookup import parse_ids, rows_by_ids
from hub.core.pagination import Listing
from hub.core.validation import (
    InvalidInput,
    Problem,
    check_number,
    check_text,
    check_url,
    raise_if_any,
)
from hub.i18n.text import Translation, check_translations, index_text, searchable_text
from hub.live.events import EventKind
from hub.live.outbox import transaction_with_outbox
from hub.stakeholders.service import ContactService, OrganisationService

TITLE_MAX = 300
SUMMARY_MAX = 20_000
ITEM_MAX = 2_000
NO_PLACE = "A consultation is held at a venue, online or both."
CAPACITY_MAX = 100_000
FULL = "The consultation has no places left."


@dataclass(frozen=True)
class ConsultationFilter(ClassifiedFilter, StartingFilter):
    statuses: Sequence[ConsultationStatus] = ()
    kinds: Sequence[ConsultationKind] = ()


@dataclass(frozen=True)
class NewConsultation:
    title: Sequence[Translation]
    kind: ConsultationKind
    starts_on: date
    ends_on: date
    summary: Sequence[Translation] = ()
    venue: str = ""
    online: bool = False
    advance_notice_on: date | None = None
    status: ConsultationStatus = ConsultationStatus.PLANNED
    classification: Classification = Classification.NETWORK
    open_for_registration: bool = False
    registration_deadline: date | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class ConsultationChanges:
    title: Sequence[Translation] | None = None
    summary: Sequence[Translation] | None = None
    status: ConsultationStatus | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    venue: str | None = None
    online: bool | None = None
    advance_notice_on: date | None = None
    recording_url: str | None = None
    open_for_registration: bool | None = None
    registration_deadline: date | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class NewSession:
    consultation_id: str
    number: int
    title: Sequence[Translation]
    framing_questions: Sequence[str] = field(default_factory=list)
    key_recommendations: Sequence[str] = field(default_factory=list)


@dataclass(frozen=True)
class SessionChanges:
    """Changes to a working session; None leaves a field as it is."""

    number: int | None = None
    title: Sequence[Translation] | None = None
    framing_questions: Sequence[str] | None = None
    key_recommendations: Sequence[str] | None = None


ARCHIVED = "The consultation is archived."
# A part of a consultation: changed under the consultation's permission and lock.
Part = TypeVar("Part", WorkingSession, Participant)


async def _check_numbered_once(
    problems: list[Problem], consultation: Consultation, number: int | None
) -> None:
    if number is not None and await WorkingSession.exists(consultation=consultation, number=number):
        problems.append(
            Problem("number", "DUPLICATE", "The consultation has a session so numbered.")
        )


def _check_dates(
    problems: list[Problem], starts_on: date, ends_on: date, notice: date | None
) -> None:
    if ends_on < starts_on:
        problems.append(Problem("endsOn", "BEFORE_START", "endsOn is before startsOn."))
    if notice is not None and notice > starts_on:
        problems.append(
            Problem("advanceNoticeOn", "AFTER_START", "advanceNoticeOn is after startsOn.")
        )


def _check_registration(
    problems: list[Problem], starts_on: date, deadline: date | None, capacity: int | None
) -> None:
    if deadline is not None and deadline > starts_on:
        problems.append(
            Problem(
                "registrationDeadline", "AFTER_START", "registrationDeadline is after startsOn."
            )
        )
    if capacity is not None and not 1 <= capacity <= CAPACITY_MAX:
        problems.append(
            Problem("capacity", "OUT_OF_RANGE", f"capacity is between 1 and {CAPACITY_MAX}.")
        )


def registration_refusal(
    consultation: Consultation, taken: int, today: date
) -> tuple[str, str] | None:
    """Why an organisation cannot register for ``consultation`` now, with ``taken`` places
    taken (code, message); None when it can."""
    if (
        not consultation.open_for_registration
        or consultation.status != ConsultationStatus.ANNOUNCED
    ):
        return "NOT_OPEN", "The consultation is not open for registration."
    if (
        consultation.registration_deadline is not None
        and today > consultation.registration_deadline
    ):
        return "DEADLINE_PASSED", "The registration deadline has passed."
    if consultation.capacity is not None and taken >= consultation.capacity:
        return "FULL", FULL
    return None


def _check_items(problems: list[Problem], name: str, items: Sequence[str]) -> list[str]:
    clean: list[str] = []
    for n, item in enumerate(items):
        text = check_text(problems, f"{name}.{n}", item, max_length=ITEM_MAX, allow_blank=False)
        if text:
            clean.append(text)
    return clean


class ConsultationService(FilteredService[Consultation, ConsultationFilter]):
    model = Consultation
    resource = Resource.CONSULTATION
    names = RecordNames("consultation", "consultations")

    def search(self, flt: ConsultationFilter) -> Listing[Consultation] | None:
        starting = flt.starting()
        return self._listed(
            flt,
            any_of("status", flt.statuses),
            any_of("kind", flt.kinds),
            flt.classified(),
            containing(flt.search, "search_text"),
            *starting,
        )

    async def places_taken(self, consultation_ids: Sequence[str]) -> dict[str, int]:
        """How many organisations take part in each of these consultations, in one
        statement; a consultation shown is visible with its participants."""
        queryset = self.children_rows(Participant)
        wanted = parse_ids(consultation_ids)
        if queryset is None or not wanted:
            return {}
        rows = await (
            queryset.filter(consultation_id__in=wanted)
            .annotate(taken=Count("id"))
            .group_by("consultation_id")
            .values_list("consultation_id", "taken")
        )
        return {str(consultation): int(taken) for consultation, taken in rows}

    async def participants_by_ids(self, ids: Sequence[str]) -> list[Participant | None]:
        return await rows_by_ids(self.children_rows(Participant), ids)

    async def sessions_by_ids(self, ids: Sequence[str]) -> list[WorkingSession | None]:
        return await rows_by_ids(self.children_rows(WorkingSession), ids)

    async def create(self, new: NewConsultation) -> Consultation:
        problems: list[Problem] = []
        title = check_translations(
            problems, "title", new.title, max_length=TITLE_MAX, required=True
        )
        summary = check_translations(problems, "summary", new.summary, max_length=SUMMARY_MAX)
        venue = check_text(problems, "venue", new.venue, max_length=300) or ""
        if not venue and not new.online:
            problems.append(Problem("venue", "REQUIRED", NO_PLACE))
        _check_dates(problems, new.starts_on, new.ends_on, new.advance_notice_on)
        _check_registration(problems, new.starts_on, new.registration_deadline, new.capacity)
        if new.status not in (ConsultationStatus.PLANNED, ConsultationStatus.ANNOUNCED):
            problems.append(
                Problem("status", "INVALID", "A new consultation is PLANNED or ANNOUNCED.")
            )
        raise_if_any(problems)
        self._require(new.classification, Action.CREATE, self.ctx.tenant.path)
        title = title or {}
        summary = summary or {}
        async with transaction_with_outbox() as outbox:
            row = await Consultation.create(
                tenant=self.ctx.tenant,
                title=title,
                title_index=index_text(title, self.ctx.tenant.default_language),
                summary=summary,
                search_text=searchable_text(title, summary),
                kind=new.kind,
                status=new.status,
                starts_on=new.starts_on,
                ends_on=new.ends_on,
                venue=venue,
                online=new.online,
                advance_notice_on=new.advance_notice_on,
                classification=new.classification,
                open_for_registration=new.open_for_registration,
                registration_deadline=new.registration_deadline,
                capacity=new.capacity,
            )
            await self._audit("create", row)
            if row.status == ConsultationStatus.ANNOUNCED:
                outbox.add(EventKind.CONSULTATION_ANNOUNCED, row.tenant_id, row.id)
                await notices.announced(row, self.ctx.tenant.path)
        return row

    async def update(self, raw_id: str, changes: ConsultationChanges) -> Consultation:
        problems: list[Problem] = []
        # Given languages replace theirs; the others stay as they are.
        title = check_translations(problems, "title", changes.title, max_length=TITLE_MAX)
        summary = check_translations(problems, "summary", changes.summary, max_length=SUMMARY_MAX)
        venue = check_text(problems, "venue", changes.venue, max_length=300)
        recording = check_url(problems, "recordingUrl", changes.recording_url)
        raise_if_any(problems)
        async with transaction_with_outbox() as outbox:
            row = await self._locked(raw_id, Action.UPDATE, field="id")
            was_unannounced = row.status != ConsultationStatus.ANNOUNCED
            self._unless_archived(row, ARCHIVED)
            starts_on = changes.starts_on or row.starts_on
            ends_on = changes.ends_on or row.ends_on
            notice = changes.advance_notice_on or row.advance_notice_on
            _check_dates(problems, starts_on, ends_on, notice)
            deadline = changes.registration_deadline or row.registration_deadline
            _check_registration(problems, starts_on, deadline, changes.capacity)
            if changes.capacity is not None and changes.capacity < (
                taken := await Participant.filter(consultation_id=row.id).count()
            ):
                problems.append(
                    Problem(
                        "capacity",
                        "BELOW_PARTICIPANTS",
                        f"{taken} organisations take part already.",
                    )
                )
            if changes.status is not None and not workflow.may_move(row.status, changes.status):
                problems.append(
                    Problem(
                        "status", "INVALID_TRANSITION", workflow.refusal(row.status, changes.status)
                    )
                )
            final_venue = row.venue if venue is None else venue
            final_online = row.online if changes.online is None else changes.online
            if not final_venue and not final_online:
                problems.append(Problem("venue", "REQUIRED", NO_PLACE))
            raise_if_any(problems)
            if title:
                row.title = {**row.title, **title}
                row.title_index = index_text(row.title, row.tenant.default_language)
            if summary is not None:
                row.summary = {**row.summary, **summary}
            row.search_text = searchable_text(row.title, row.summary)
            row.starts_on, row.ends_on, row.advance_notice_on = starts_on, ends_on, notice
            row.venue, row.online = final_venue, final_online
            set_given(
                row,
                status=changes.status,
                recording_url=recording,
                open_for_registration=changes.open_for_registration,
                registration_deadline=changes.registration_deadline,
                capacity=changes.capacity,
            )
            await row.save()
            await self._audit("update", row)
            if was_unannounced and row.status == ConsultationStatus.ANNOUNCED:
                outbox.add(EventKind.CONSULTATION_ANNOUNCED, row.tenant_id, row.id)
                await notices.announced(row, row.tenant.path)
        return row

    async def archive(self, raw_id: str) -> Consultation:
        return await self._archive(raw_id, field="id")

    async def add_session(self, new: NewSession) -> WorkingSession:
        problems: list[Problem] = []
        title = check_translations(
            problems, "title", new.title, max_length=TITLE_MAX, required=True
        )
        questions = _check_items(problems, "framingQuestions", new.framing_questions)
        recommendations = _check_items(problems, "keyRecommendations", new.key_recommendations)
        check_number(problems, new.number)
        async with in_transaction():
            consultation = await self._locked(
                new.consultation_id, Action.UPDATE, field="consultation"
            )
            await _check_numbered_once(problems, consultation, new.number)
            raise_if_any(problems)
            return await WorkingSession.create(
                tenant_id=consultation.tenant_id,
                consultation=consultation,
                number=new.number,
                title=title or {},
                framing_questions=questions,
                key_recommendations=recommendations,
                classification=consultation.classification,
            )

    async def update_session(self, raw_id: str, changes: SessionChanges) -> WorkingSession:
        """Correct a working session, or add what it recommended once held: given title
        languages replace theirs, given lists replace the old ones."""
        problems: list[Problem] = []
        title = check_translations(problems, "title", changes.title, max_length=TITLE_MAX)
        questions = recommendations = None
        if changes.framing_questions is not None:
            questions = _check_items(problems, "framingQuestions", changes.framing_questions)
        if changes.key_recommendations is not None:
            recommendations = _check_items(
                problems, "keyRecommendations", changes.key_recommendations
            )
        check_number(problems, changes.number)
        async with in_transaction():
            session, consultation = await self._part(
                WorkingSession, raw_id, "consultation", "No working session has this id."
            )
            self._unless_archived(consultation, ARCHIVED)
            if changes.number is not None and changes.number != session.number:
                await _check_numbered_once(problems, consultation, changes.number)
            raise_if_any(problems)
            if title:
                session.title = {**session.title, **title}
            set_given(
                session,
                number=changes.number,
                framing_questions=questions,
                key_recommendations=recommendations,
            )
            await session.save()
            await self._audit("update", consultation)
        return session

    async def remove_session(self, raw_id: str) -> WorkingSession:
        """Remove a working session; the answer shows it as it was."""
        return await self._remove(WorkingSession, raw_id, "No working session has this id.")

    async def remove_participant(self, raw_id: str) -> Participant:
        """Remove a participant, attendance and all; the answer shows it as it was."""
        return await self._remove(Participant, raw_id, "No participant has this id.")

    async def _remove(self, model: type[Part], raw_id: str, unknown: str) -> Part:
        async with in_transaction():
            row, consultation = await self._part(model, raw_id, "consultation", unknown)
            self._unless_archived(consultation, ARCHIVED)
            await row.delete()
            await self._audit("update", consultation)
        return row

    async def add_participant(
        self,
        consultation_id: str,
        organisation_id: str,
        contact_id: str | None,
        role: ParticipantRole,
    ) -> Participant:
        """The organisers add an organisation, or one of its people, while places are left."""
        return await self._join(consultation_id, organisation_id, contact_id, role)

    async def register(
        self, consultation_id: str, organisation_id: str, contact_id: str | None
    ) -> Participant:
        """A partner registers an organisation it belongs to, while the consultation is
        announced and open for registration, until its deadline and while places are left."""
        return await self._join(
            consultation_id, organisation_id, contact_id, ParticipantRole.PARTICIPANT, by_self=True
        )

    async def _join(
        self,
        consultation_id: str,
        organisation_id: str,
        contact_id: str | None,
        role: ParticipantRole,
        *,
        by_self: bool = False,
    ) -> Participant:
        problems: list[Problem] = []
        organisation = await OrganisationService(self.ctx).known(
            organisation_id, problems, "organisation"
        )
        if (
            by_self
            and organisation is not None
            and not self.ctx.decisions.member_of(organisation.id)
        ):
            raise Forbidden("You may register only an organisation you belong to.")
        contact = None
        if contact_id is not None:
            contact = await ContactService(self.ctx).known(contact_id, problems, "contact")
            if (
                contact is not None
                and organisation is not None
                and contact.organisation_id != organisation.id
            ):
                problems.append(
                    Problem(
                        "contact", "NOT_OF_ORGANISATION", "The contact is of another organisation."
                    )
                )
        async with in_transaction():
            # The consultation's row, locked, orders the adds of its participants: two at
            # once can neither both find the organisation absent nor both take the last place.
            consultation = await self._locked(
                consultation_id,
                Action.REGISTER if by_self else Action.UPDATE,
                field="consultation",
            )
            # The places taken matter only where there is a limit.
            taken = 0
            if consultation.capacity is not None:
                taken = await Participant.filter(consultation_id=consultation.id).count()
            refusal = None
            if by_self:
                refusal = registration_refusal(consultation, taken, datetime.now(UTC).date())
            elif consultation.capacity is not None and taken >= consultation.capacity:
                refusal = "FULL", FULL
            if refusal is not None:
                problems.append(Problem("consultation", *refusal))
            if organisation is not None and await Participant.exists(
                consultation=consultation, organisation=organisation
            ):
                problems.append(
                    Problem(
                        "organisation",
                        "DUPLICATE",
                        "The organisation already takes part in the consultation.",
                    )
                )
            raise_if_any(problems)
            assert organisation is not None
            participant = await Participant.create(
                tenant_id=consultation.tenant_id,
                consultation=consultation,
                organisation=organisation,
                contact=contact,
                role=role,
                classification=consultation.classification,
                registered_by=self.ctx.principal.email if by_self else "",
            )
            await self._audit("update", consultation)
        return participant

    async def record_attendance(
        self, participant_id: str, attended: bool, gender: Gender | None = None
    ) -> Participant:
        async with in_transaction():
            participant, consultation = await self._part(
                Participant, participant_id, "consultation", "No participant has this id."
            )
            if consultation.status != ConsultationStatus.HELD:
                raise InvalidInput(
                    [
                        Problem(
                            "attended",
                            "NOT_HELD",
                            "Attendance is recorded once the consultation has been held.",
                        )
                    ]
                )
            participant.attended = attended
            set_given(participant, gender=gender)
            await participant.save(update_fields=["attended", "gender"])
            return participant
