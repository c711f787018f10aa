"""The advance-notice calendar: what a calendar program subscribed with an API token
receives is what the caller may read of consultations and announced events, as RFC 5545
wants it written."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from hub.audit.models import AuditEntry
from hub.auth.service import create_api_token
from hub.calendar.feed import Happening, calendar
from hub.consultations.models import Consultation
from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"
PARTNER = "partner@civil-society.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
GENEVA = "Consultation of the UN Network on Migration with civil society and other stakeholders"

LISTED = """
query($scope: ListScope) {
  consultations(first: 100, scope: $scope,
                filter: { status: [ANNOUNCED, HELD, CANCELLED] }) { edges { node { id } } }
  initiatives(first: 100, scope: $scope, filter: { kind: [EVENT] }) { edges { node { id } } }
}
"""


def _unfolded(body: str) -> list[str]:
    assert body.endswith("\r\n")
    physical = body.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in physical)
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    return logical


def _events(body: str) -> list[dict[str, str]]:
    events: list[dict[str, str]] = []
    for line in _unfolded(body):
        if line == "BEGIN:VEVENT":
            events.append({})
        elif events and line != "END:VEVENT" and ":" in line and line != "END:VCALENDAR":
            name, _, value = line.partition(":")
            events[-1][name] = value
    return events


def _text(value: str) -> str:
    return value.replace("\\n", "\n").replace("\\,", ",").replace("\\;", ";").replace("\\\\", "\\")


async def _feed(client: Client, user: str, tenant: str, query: str = "") -> Any:
    _, secret = await create_api_token(user, "calendar", None)
    return await client.http.get(f"/t/{tenant}/calendar.ics?token={secret}{query}")


@pytest.mark.parametrize(
    ("user", "tenant"),
    [(PARTNER, "bangladesh"), (TEAM_BANGLADESH, "bangladesh"), (COORDINATOR, "global")],
)
@pytest.mark.parametrize("scope", ["network", "subtree"])
async def test_the_feed_holds_what_the_caller_may_read(
    client: Client, user: str, tenant: str, scope: str
) -> None:
    reply = await _feed(client, user, tenant, f"&scope={scope}")
    assert reply.status_code == 200, reply.text
    assert reply.headers["content-type"] == "text/calendar; charset=utf-8"
    listed = await client.gql(LISTED, {"scope": scope.upper()}, user=user, tenant=tenant)
    assert not listed.errors, listed.errors
    expected = {
        edge["node"]["id"] for connection in listed.data.values() for edge in connection["edges"]
    }
    uids = {e["UID"].removesuffix("@network-engagement-hub") for e in _events(reply.text)}
    assert uids == expected, (user, scope)
    if scope == "network":
        assert len(expected) >= 2  # the Geneva consultation and the demo's events at least


async def test_an_event_reads_as_the_consultation_it_is(client: Client) -> None:
    reply = await _feed(client, PARTNER, "bangladesh", "&lang=fr")
    [geneva] = [
        e
        for e in _events(reply.text)
        if e["CATEGORIES"] == "CONSULTATION" and e["DTSTART;VALUE=DATE"] == "20190404"
    ]
    row = await Consultation.get(title_index=GENEVA)
    assert _text(geneva["SUMMARY"]) == row.title["fr"]
    # an all-day event ends the day after its last day
    assert geneva["DTEND;VALUE=DATE"] == f"{row.ends_on + timedelta(days=1):%Y%m%d}"
    assert geneva["STATUS"] == "CONFIRMED"
    assert "LOCATION" in geneva


async def test_planned_consultations_wait_and_cancelled_ones_say_so(client: Client) -> None:
    geneva = await Consultation.get(title_index=GENEVA)
    await Consultation.filter(id=geneva.id).update(status="cancelled")
    await Consultation.filter(tenant__slug="bangladesh").update(status="planned")
    reply = await _feed(client, TEAM_BANGLADESH, "bangladesh")
    consultations = [e for e in _events(reply.text) if e["CATEGORIES"] == "CONSULTATION"]
    assert [e["STATUS"] for e in consultations] == ["CANCELLED"]


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/t/bangladesh/calendar.ics", 401),
        ("/t/bangladesh/calendar.ics?token=not-an-api-token", 401),
        ("/t/bangladesh/calendar.ics?token=hub_a&token=hub_b", 401),
    ],
)
async def test_a_feed_needs_one_api_token(client: Client, path: str, status: int) -> None:
    reply = await client.http.get(path)
    assert reply.status_code == status
    assert reply.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_a_signed_token_is_not_taken_from_the_url(client: Client) -> None:
    reply = await client.http.get(f"/t/bangladesh/calendar.ics?token={client.token(PARTNER)}")
    assert reply.status_code == 401


async def test_a_token_in_the_header_works_and_a_foreign_tenant_is_refused(
    client: Client,
) -> None:
    headers = {"Authorization": f"Bearer {client.token(PARTNER)}"}
    assert (await client.http.get("/t/bangladesh/calendar.ics", headers=headers)).status_code == 200
    foreign = await client.http.get("/t/asia-pacific/calendar.ics", headers=headers)
    assert foreign.status_code == 403
    bad = await client.http.get("/t/bangladesh/calendar.ics?lang=xx", headers=headers)
    assert bad.status_code == 400


async def test_a_confidential_consultation_in_the_feed_is_audited(client: Client) -> None:
    geneva = await Consultation.get(title_index=GENEVA)
    await Consultation.filter(id=geneva.id).update(classification="confidential")
    before = await AuditEntry.filter(action="consultation.read").count()
    reply = await _feed(client, COORDINATOR, "global")
    assert any(e["DTSTART;VALUE=DATE"] == "20190404" for e in _events(reply.text))
    assert await AuditEntry.filter(action="consultation.read").count() == before + 1


def test_texts_are_escaped_and_long_lines_folded_whole_characters() -> None:
    title = "Migrants, cities; and \\ 'mayors' — " + "è" * 80 + "\nsecond line"
    happening = Happening(
        uid="X",
        category="EVENT",
        title=title,
        description="",
        starts_on=date(2019, 5, 10),
        ends_on=date(2019, 5, 10),
        location="Geneva, online",
        cancelled=False,
        stamp=datetime(2019, 5, 1, 12, 0, tzinfo=UTC),
    )
    body = calendar("Test", [happening])
    assert body.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    [event] = _events(body)
    assert _text(event["SUMMARY"]) == title
    assert _text(event["LOCATION"]) == "Geneva, online"
    assert event["DTSTART;VALUE=DATE"] == "20190510"
    assert event["DTEND;VALUE=DATE"] == "20190511"
    assert event["DTSTAMP"] == "20190501T120000Z"
    assert "DESCRIPTION" not in event
