"""Advance notice as an iCalendar feed (RFC 5545): the consultations and announced events
that the caller may read, for a calendar program to subscribe to.

Consultations appear once announced (a planned one is not yet public); a cancelled one
stays, marked CANCELLED, so that subscribers see it called off. Events are initiatives of
the EVENT kind, on the day they are held. Texts are in the language the request prefers.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from hub.access import audited
from hub.access.resources import Resource
from hub.consultations.models import Consultation, ConsultationStatus
from hub.consultations.service import ConsultationService
from hub.core.context import Context
from hub.graphql.node import global_id
from hub.i18n.types import text_for
from hub.initiatives.models import Initiative, InitiativeKind, InitiativeStatus
from hub.initiatives.service import InitiativeService

PRODUCT = "-//Network Engagement Hub//Advance notice//EN"
# Where UIDs say they come from: stable, so that a calendar updates an event in place.
UID_DOMAIN = "network-engagement-hub"
LINE_OCTETS = 75


@dataclass(frozen=True)
class Happening:
    uid: str
    category: str
    title: str
    description: str
    starts_on: date
    ends_on: date
    location: str
    cancelled: bool
    stamp: datetime


def escaped(text: str) -> str:
    """A TEXT value: backslashes, semicolons, commas and line breaks escaped."""
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def folded(line: str) -> str:
    """A content line folded after 75 octets, never inside a UTF-8 character."""
    encoded = line.encode()
    if len(encoded) <= LINE_OCTETS:
        return line
    parts: list[str] = []
    current = ""
    limit = LINE_OCTETS
    for character in line:
        if len((current + character).encode()) > limit:
            parts.append(current)
            current = ""
            limit = LINE_OCTETS - 1  # a continuation line starts with a space
        current += character
    parts.append(current)
    return "\r\n ".join(parts)


def _stamp(at: datetime) -> str:
    return at.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def _event(happening: Happening) -> Iterator[str]:
    yield "BEGIN:VEVENT"
    yield f"UID:{happening.uid}@{UID_DOMAIN}"
    yield f"DTSTAMP:{_stamp(happening.stamp)}"
    yield f"DTSTART;VALUE=DATE:{happening.starts_on:%Y%m%d}"
    # All-day events end the day after their last day (the end is not included).
    yield f"DTEND;VALUE=DATE:{happening.ends_on + timedelta(days=1):%Y%m%d}"
    yield f"SUMMARY:{escaped(happening.title)}"
    if happening.description:
        yield f"DESCRIPTION:{escaped(happening.description)}"
    if happening.location:
        yield f"LOCATION:{escaped(happening.location)}"
    yield f"CATEGORIES:{happening.category}"
    yield f"STATUS:{'CANCELLED' if happening.cancelled else 'CONFIRMED'}"
    yield "END:VEVENT"


def calendar(name: str, happenings: Iterable[Happening]) -> str:
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escaped(name)}",
    ]
    for happening in sorted(happenings, key=lambda h: (h.starts_on, h.uid)):
        lines.extend(_event(happening))
    lines.append("END:VCALENDAR")
    return "".join(folded(line) + "\r\n" for line in lines)


def _place(venue: str, online: bool) -> str:
    return ", ".join(p for p in (venue, "online" if online else "") if p)


async def happenings(ctx: Context, *, network: bool, lang: str | None) -> list[Happening]:
    """The consultations and events the caller may read; confidential ones audited."""
    found: list[Happening] = []
    consultations = ConsultationService(ctx).visible(network=network)
    if consultations is not None:
        shown = consultations.filter(
            archived_at__isnull=True,
            status__in=[
                ConsultationStatus.ANNOUNCED,
                ConsultationStatus.HELD,
                ConsultationStatus.CANCELLED,
            ],
        ).order_by("starts_on", "id")
        for row in await audited.all_of(ctx, Resource.CONSULTATION, shown):
            found.append(_consultation(ctx, row, lang))
    initiatives = InitiativeService(ctx).visible(network=network)
    if initiatives is not None:
        events = initiatives.filter(archived_at__isnull=True, kind=InitiativeKind.EVENT)
        for event in await audited.all_of(ctx, Resource.INITIATIVE, events.order_by("id")):
            found.append(_initiative(ctx, event, lang))
    return found


def _consultation(ctx: Context, row: Consultation, lang: str | None) -> Happening:
    return Happening(
        uid=str(global_id("Consultation", row.id)),
        category="CONSULTATION",
        title=text_for(ctx, row.title, lang) or row.title_index,
        description=text_for(ctx, row.summary, lang) or "",
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        location=_place(row.venue, row.online),
        cancelled=row.status == ConsultationStatus.CANCELLED,
        stamp=row.updated_at,
    )


def _initiative(ctx: Context, row: Initiative, lang: str | None) -> Happening:
    day = row.event_on or row.starts_on
    return Happening(
        uid=str(global_id("Initiative", row.id)),
        category="EVENT",
        title=text_for(ctx, row.title, lang) or row.title_index,
        description=text_for(ctx, row.summary, lang) or "",
        starts_on=day,
        ends_on=row.ends_on if row.event_on is None and row.ends_on else day,
        location=_place(row.venue, row.online),
        cancelled=row.status == InitiativeStatus.DISCONTINUED,
        stamp=row.updated_at,
    )
