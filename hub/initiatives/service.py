"""Reads and writes of initiatives: scope, reporting, changes, archiving."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from hub.access.listing import ClassifiedFilter, StartingFilter, any_of, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import RecordNames, set_given
from hub.core.classification import Classification
from hub.core.errors import Forbidden
from hub.core.lookup import parse_id
from hub.core.pagination import Listing
from hub.core.validation import Problem, check_country, check_text, raise_if_any
from hub.i18n.text import (
    Translation,
    check_translations,
    index_text,
    searchable_text,
)
from hub.initiatives import workflow
from hub.initiatives.models import Initiative, InitiativeKind, InitiativeStatus
from hub.stakeholders.service import OrganisationService
from hub.themes.service import ThemedFilter, ThemedService
from hub.themes.taxonomy import Theme, stored

TAG_SUBJECT = "initiative"
TITLE_MAX = 300
SUMMARY_MAX = 20_000
VENUE_MAX = 300


@dataclass(frozen=True)
class InitiativeFilter(ThemedFilter, ClassifiedFilter, StartingFilter):
    kinds: Sequence[InitiativeKind] = ()
    statuses: Sequence[InitiativeStatus] = ()
    countries: Sequence[str] = ()
    organisation_id: str | None = None


@dataclass(frozen=True, kw_only=True)
class InitiativeTiming:
    """When an initiative takes place and, for an event, when and where it is held and the
    notice given of it."""

    kind: InitiativeKind
    starts_on: date
    ends_on: date | None = None
    event_on: date | None = None
    venue: str = ""
    online: bool = False
    advance_notice_on: date | None = None


@dataclass(frozen=True, kw_only=True)
class NewInitiative(InitiativeTiming):
    title: Sequence[Translation]
    organisation_id: str | None = None
    summary: Sequence[Translation] = ()
    status: InitiativeStatus = InitiativeStatus.PLANNED
    country: str = ""
    themes: Sequence[Theme] = field(default_factory=list)
    classification: Classification = Classification.NETWORK


@dataclass(frozen=True)
class InitiativeChanges:
    title: Sequence[Translation] | None = None
    summary: Sequence[Translation] | None = None
    status: InitiativeStatus | None = None
    country: str | None = None
    themes: Sequence[Theme] | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    event_on: date | None = None
    venue: str | None = None
    online: bool | None = None
    advance_notice_on: date | None = None
    classification: Classification | None = None


def _check_timing(problems: list[Problem], t: InitiativeTiming) -> None:
    """The period holds together, and only events carry event details."""
    if t.ends_on is not None and t.ends_on < t.starts_on:
        problems.append(Problem("endsOn", "BEFORE_START", "endsOn is before startsOn."))
    if t.kind is InitiativeKind.ACTION:
        for name, given in (
            ("eventOn", t.event_on is not None),
            ("venue", bool(t.venue)),
            ("online", t.online),
            ("advanceNoticeOn", t.advance_notice_on is not None),
        ):
            if given:
                problems.append(Problem(name, "NOT_ALLOWED", f"Only an event has {name}."))
        return
    if t.event_on is not None and (
        t.event_on < t.starts_on or (t.ends_on is not None and t.event_on > t.ends_on)
    ):
        problems.append(
            Problem("eventOn", "OUTSIDE_PERIOD", "eventOn is outside startsOn..endsOn.")
        )
    held = t.event_on or t.starts_on
    if t.advance_notice_on is not None and t.advance_notice_on > held:
        problems.append(
            Problem("advanceNoticeOn", "AFTER_EVENT", "advanceNoticeOn is after the event.")
        )


class InitiativeService(ThemedService[Initiative, InitiativeFilter]):
    model = Initiative
    resource = Resource.INITIATIVE
    tag_subject = TAG_SUBJECT
    names = RecordNames("initiative", "initiatives")

    def search(self, flt: InitiativeFilter) -> Listing[Initiative] | None:
        """The visible initiatives that pass ``flt``; None when nothing could."""
        starting = flt.starting()
        reported_by = None
        if flt.organisation_id is not None:
            # Only an organisation the caller may see: filtering by a hidden one would tell
            # which visible initiatives it reported.
            organisations = OrganisationService(self.ctx).visible(network=True)
            organisation = parse_id(flt.organisation_id)
            if organisations is None or organisation is None:
                return None
            visible = organisations.filter(id=organisation).values("id")
            reported_by = Q(organisation_id__in=Subquery(visible))
        return self._listed(
            flt,
            any_of("kind", flt.kinds),
            any_of("status", flt.statuses),
            flt.classified(),
            self._tagged(flt.themes),
            any_of("country", [country.strip().upper() for country in flt.countries]),
            reported_by,
            containing(flt.search, "search_text"),
            *starting,
        )

    def _speaks_for(self, organisation_id: UUID | str | None) -> bool:
        """Members report for their organisation; holders of ``review`` (coordinators, focal
        points) also for others and for the network itself."""
        decisions = self.ctx.decisions
        if decisions.allows_any(Resource.INITIATIVE, Action.REVIEW):
            return True
        return organisation_id is not None and decisions.member_of(UUID(str(organisation_id)))

    async def report(self, new: NewInitiative) -> Initiative:
        """Record an action or an event an organisation (or the network) reports."""
        problems: list[Problem] = []
        title = check_translations(
            problems, "title", new.title, max_length=TITLE_MAX, required=True
        )
        summary = check_translations(problems, "summary", new.summary, max_length=SUMMARY_MAX)
        country = check_country(problems, new.country)
        venue = check_text(problems, "venue", new.venue, max_length=VENUE_MAX) or ""
        _check_timing(
            problems,
            # The venue as it is stored, without the spaces around it.
            dataclasses.replace(new, venue=venue),
        )
        organisations = OrganisationService(self.ctx)
        organisation_id = await organisations.known_id(
            new.organisation_id, problems, "organisation"
        )
        raise_if_any(problems)
        self._require(new.classification, Action.CREATE, self.ctx.tenant.path)
        if not self._speaks_for(organisation_id):
            raise Forbidden("You may report initiatives only for an organisation you belong to.")
        title = title or {}
        async with in_transaction():
            row = await Initiative.create(
                tenant=self.ctx.tenant,
                organisation_id=organisation_id,
                title=title,
                title_index=index_text(title, self.ctx.tenant.default_language),
                summary=summary or {},
                search_text=searchable_text(title, summary or {}),
                kind=new.kind,
                status=new.status,
                country=country,
                themes=stored(list(new.themes)),
                starts_on=new.starts_on,
                ends_on=new.ends_on,
                event_on=new.event_on,
                venue=venue,
                online=new.online,
                advance_notice_on=new.advance_notice_on,
                classification=new.classification,
            )
            return await self._created(row, new.themes)

    async def update(self, raw_id: str, changes: InitiativeChanges) -> Initiative:
        problems: list[Problem] = []
        # Given languages replace theirs; the others stay as they are.
        title = check_translations(problems, "title", changes.title, max_length=TITLE_MAX)
        summary = check_translations(problems, "summary", changes.summary, max_length=SUMMARY_MAX)
        venue = check_text(problems, "venue", changes.venue, max_length=VENUE_MAX)
        country = None if changes.country is None else check_country(problems, changes.country)
        raise_if_any(problems)
        async with in_transaction():
            row = await self._locked(raw_id, Action.UPDATE, field="id")
            self._may_reclassify(row, changes.classification)
            if not self._speaks_for(row.organisation_id):
                raise Forbidden("You may change only the initiatives of your organisation.")
            self._unless_archived(row, "The initiative is archived.")
            timing = InitiativeTiming(
                kind=row.kind,
                starts_on=changes.starts_on or row.starts_on,
                ends_on=changes.ends_on or row.ends_on,
                event_on=changes.event_on or row.event_on,
                venue=row.venue if venue is None else venue,
                online=row.online if changes.online is None else changes.online,
                advance_notice_on=changes.advance_notice_on or row.advance_notice_on,
            )
            _check_timing(problems, timing)
            if changes.status is not None and not workflow.may_move(row.status, changes.status):
                problems.append(
                    Problem(
                        "status", "INVALID_TRANSITION", workflow.refusal(row.status, changes.status)
                    )
                )
            raise_if_any(problems)
            if title:
                row.title = {**row.title, **title}
                row.title_index = index_text(row.title, row.tenant.default_language)
            if summary is not None:
                row.summary = {**row.summary, **summary}
            row.search_text = searchable_text(row.title, row.summary)
            row.starts_on, row.ends_on, row.event_on = (
                timing.starts_on,
                timing.ends_on,
                timing.event_on,
            )
            row.venue, row.online = timing.venue, timing.online
            row.advance_notice_on = timing.advance_notice_on
            set_given(
                row, status=changes.status, country=country, classification=changes.classification
            )
            return await self._updated(row, changes.themes)

    async def archive(self, raw_id: str) -> Initiative:
        """Hide an initiative from lists; nothing of it is deleted."""
        return await self._archive(raw_id, field="id")
