"""Consultations: the consultation page, translations, filters, the status workflow,
sessions, participants, attendance, archiving."""

from __future__ import annotations

import asyncio
import base64
from typing import Any

import pytest

from hub.consultations.models import Consultation, Participant
from hub.directory.models import Contact, Organisation
from tests.conftest import Client, relay_id
from tests.consultations.queries import (
    ADD_PARTICIPANT,
    ADD_SESSION,
    ARCHIVE,
    ATTENDANCE,
    CONSULTATIONS,
    COORDINATOR,
    CREATE,
    GLOBAL_PARTNER,
    PAGE,
    TEAM_BANGLADESH,
    UPDATE,
    titles,
)

GENEVA = "Consultation of the UN Network on Migration with civil society and other stakeholders"
MAYORS = "Meeting of mayors and local authorities convened by the IMRF co-facilitators"


async def _id(title: str) -> str:
    row = await Consultation.get(title_index=title)
    return relay_id("Consultation", row.id)


async def _list(client: Client, user: str = COORDINATOR, **variables: Any) -> Any:
    reply = await client.gql(CONSULTATIONS, {"first": 50, **variables}, user=user)
    assert not reply.errors, reply.errors
    return reply.data


async def test_the_consultation_page_shows_sessions_and_participants(client: Client) -> None:
    reply = await client.gql(PAGE, {"id": await _id(GENEVA)}, user=GLOBAL_PARTNER)
    page = reply.data["node"]
    assert page["title"] == {"text": GENEVA, "language": "EN"}
    assert page["status"] == "HELD"
    assert page["venue"].startswith("International Conference Centre Geneva")
    assert page["recordingUrl"].startswith("https://")
    assert [s["number"] for s in page["sessions"]] == [1, 2, 3, 4]
    assert "US$25 million" in " ".join(page["sessions"][2]["keyRecommendations"])
    speakers = {p["organisation"]["name"] for p in page["participants"] if p["role"] == "SPEAKER"}
    assert speakers == {
        "UN Special Rapporteur on the human rights of migrants",
        "Global federation of trade unions (demo)",
    }
    assert [p["attended"] for p in page["participants"]].count(False) == 1


@pytest.mark.parametrize(
    ("lang", "header", "expected"),
    [
        ("FR", None, "FR"),  # the argument first
        (None, "es-ES, fr;q=0.5", "ES"),  # then Accept-Language
        (None, "de", "EN"),  # then the tenant's default
        ("ZH", None, "EN"),  # not held in Chinese: the tenant's default
    ],
)
async def test_titles_resolve_to_the_language_wanted_and_say_which(
    client: Client, lang: str | None, header: str | None, expected: str
) -> None:
    reply = await client.gql(
        CONSULTATIONS,
        {"filter": {"search": "Network on Migration"}, "lang": lang},
        user=COORDINATOR,
        headers={"Accept-Language": header} if header else None,
    )
    [edge] = reply.data["consultations"]["edges"]
    title = edge["node"]["title"]
    assert title["language"] == expected
    assert title["available"] == ["EN", "ES", "FR"]


async def test_a_title_held_in_one_language_falls_back_to_it(client: Client) -> None:
    data = await _list(client, filter={"kind": ["MEETING"]}, lang="AR")
    [edge] = data["consultations"]["edges"]
    assert edge["node"]["title"] == {"text": MAYORS, "language": "EN", "available": ["EN"]}


async def test_search_finds_a_title_in_any_language(client: Client) -> None:
    data = await _list(client, filter={"search": "parties prenantes"})
    assert titles(data) == [GENEVA]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"status": ["HELD"]}, [GENEVA]),
        ({"kind": ["MEETING", "WEBINAR"]}, [MAYORS]),
        ({"startsFrom": "2019-04-05"}, [MAYORS]),
        ({"startsFrom": "2019-04-01", "startsTo": "2019-04-30"}, [GENEVA]),
        ({"tenant": "bangladesh"}, [MAYORS]),
    ],
)
async def test_filters(client: Client, flt: dict[str, Any], expected: list[str]) -> None:
    data = await _list(client, filter=flt)
    assert titles(data) == expected


async def test_latest_first_then_by_title(client: Client) -> None:
    latest = await _list(client)
    by_title = await _list(client, orderBy={"field": "TITLE", "direction": "ASC"})
    assert titles(latest) == [MAYORS, GENEVA]
    assert titles(by_title) == [GENEVA, MAYORS]


async def test_pages_by_start_date_follow_each_other(client: Client) -> None:
    order = {"field": "STARTS_ON", "direction": "ASC"}
    first = await _list(client, first=1, orderBy=order)
    cursor = first["consultations"]["pageInfo"]["endCursor"]
    rest = await _list(client, after=cursor, orderBy=order)
    assert titles(first) + titles(rest) == [GENEVA, MAYORS]


async def test_a_forged_cursor_is_bad_input(client: Client) -> None:
    reply = await client.gql(CONSULTATIONS, {"after": "eyJ4Ijog"}, user=COORDINATOR)
    assert reply.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def _create(client: Client, user: str = COORDINATOR, **changes: Any) -> Any:
    values = {
        "title": [{"language": "EN", "text": "Regional consultation"}],
        "kind": "REGIONAL",
        "startsOn": "2026-12-10",
        "endsOn": "2026-12-11",
        "venue": "Bangkok",
        **changes,
    }
    reply = await client.gql(CREATE, {"input": values}, user=user)
    return reply.data["createConsultation"] if reply.data else reply


async def test_a_consultation_is_created_planned(client: Client) -> None:
    payload = await _create(
        client,
        title=[
            {"language": "FR", "text": "Consultation régionale"},
            {"language": "EN", "text": "Regional consultation"},
        ],
        online=True,
    )
    assert payload["errors"] == []
    assert payload["consultation"]["status"] == "PLANNED"
    assert payload["consultation"]["title"]["available"] == ["EN", "FR"]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": []}, [("title", "REQUIRED")]),
        (
            {"title": [{"language": "EN", "text": "A"}, {"language": "EN", "text": "B"}]},
            [("title.en", "DUPLICATE")],
        ),
        ({"endsOn": "2026-12-09"}, [("endsOn", "BEFORE_START")]),
        ({"advanceNoticeOn": "2026-12-12"}, [("advanceNoticeOn", "AFTER_START")]),
        ({"venue": "  "}, [("venue", "REQUIRED")]),
        ({"status": "HELD"}, [("status", "INVALID")]),
    ],
)
async def test_invalid_consultations_are_refused_and_nothing_is_written(
    client: Client, changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    before = await Consultation.all().count()
    payload = await _create(client, **changes)
    assert payload["consultation"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == expected
    assert await Consultation.all().count() == before


async def test_the_status_workflow(client: Client) -> None:
    # given
    consultation_id = (await _create(client))["consultation"]["id"]

    async def update(**changes: Any) -> Any:
        reply = await client.gql(
            UPDATE, {"input": {"id": consultation_id, **changes}}, user=COORDINATOR
        )
        return reply.data["updateConsultation"]

    # when / then
    skipped = await update(status="HELD")
    assert skipped["errors"][0]["code"] == "INVALID_TRANSITION"
    assert (await update(status="ANNOUNCED"))["consultation"]["status"] == "ANNOUNCED"
    held = await update(
        status="HELD",
        recordingUrl="https://example.org/recording",
        summary=[{"language": "EN", "text": "Outcomes."}],
        title=[{"language": "ES", "text": "Consulta regional"}],
    )
    assert held["errors"] == []
    assert held["consultation"]["recordingUrl"] == "https://example.org/recording"
    assert held["consultation"]["summary"] == {"text": "Outcomes.", "language": "EN"}
    assert held["consultation"]["title"] == {"text": "Regional consultation"}  # EN kept
    cancelled = await update(status="CANCELLED")
    assert "cannot change status" in cancelled["errors"][0]["message"]
    bad_link = await update(recordingUrl="javascript:alert(1)")
    assert [(e["field"], e["code"]) for e in bad_link["errors"]] == [("recordingUrl", "INVALID")]


async def test_sessions_and_participants_are_added(client: Client) -> None:
    # given
    consultation_id = (await _create(client))["consultation"]["id"]
    organisation = await Organisation.get(name="Migrant workers' rights network (demo)")
    contact = await Contact.get(name="Farida Rahman")
    other = await Organisation.get(name="International Committee of the Red Cross")
    # when
    session = await client.gql(
        ADD_SESSION,
        {
            "input": {
                "consultation": consultation_id,
                "number": 1,
                "title": [{"language": "EN", "text": "Regional priorities"}],
                "framingQuestions": ["What first?"],
            }
        },
        user=COORDINATOR,
    )
    again = await client.gql(
        ADD_SESSION,
        {
            "input": {
                "consultation": consultation_id,
                "number": 1,
                "title": [{"language": "EN", "text": "Twice"}],
                "framingQuestions": ["  "],
            }
        },
        user=COORDINATOR,
    )
    participant = await client.gql(
        ADD_PARTICIPANT,
        {
            "input": {
                "consultation": consultation_id,
                "organisation": relay_id("Organisation", organisation.id),
                "contact": relay_id("Contact", contact.id),
                "role": "SPEAKER",
            }
        },
        user=COORDINATOR,
    )
    mismatched = await client.gql(
        ADD_PARTICIPANT,
        {
            "input": {
                "consultation": consultation_id,
                "organisation": relay_id("Organisation", other.id),
                "contact": relay_id("Contact", contact.id),
            }
        },
        user=COORDINATOR,
    )
    # then
    assert session.data["addWorkingSession"]["session"]["framingQuestions"] == ["What first?"]
    assert [(e["field"], e["code"]) for e in again.data["addWorkingSession"]["errors"]] == [
        ("framingQuestions.0", "REQUIRED"),
        ("number", "DUPLICATE"),
    ]
    added = participant.data["addParticipant"]["participant"]
    assert added["contact"] == {"name": contact.name}
    assert added["attended"] is None
    assert [(e["field"], e["code"]) for e in mismatched.data["addParticipant"]["errors"]] == [
        ("contact", "NOT_OF_ORGANISATION")
    ]
    # and attendance waits until the consultation is held
    early = await client.gql(
        ATTENDANCE, {"input": {"participant": added["id"], "attended": True}}, user=COORDINATOR
    )
    assert early.data["recordAttendance"]["errors"] == [{"field": "attended", "code": "NOT_HELD"}]


async def test_an_organisation_takes_part_in_a_consultation_once(client: Client) -> None:
    # given: an organisation taking part in a consultation, through one of its people
    consultation_id = (await _create(client))["consultation"]["id"]
    organisation = await Organisation.get(name="Migrant workers' rights network (demo)")
    contact = await Contact.get(name="Farida Rahman")
    first = {
        "consultation": consultation_id,
        "organisation": relay_id("Organisation", organisation.id),
        "contact": relay_id("Contact", contact.id),
    }
    added = await client.gql(ADD_PARTICIPANT, {"input": first}, user=COORDINATOR)
    assert added.data["addParticipant"]["errors"] == []
    # when it is added again, as a whole and as a speaker
    again = {**first, "contact": None, "role": "SPEAKER"}
    twice = await client.gql(ADD_PARTICIPANT, {"input": again}, user=COORDINATOR)
    # then the second is refused, naming the field, and nothing is written
    assert twice.data["addParticipant"]["participant"] is None
    assert [(e["field"], e["code"]) for e in twice.data["addParticipant"]["errors"]] == [
        ("organisation", "DUPLICATE")
    ]
    consultation_pk = base64.b64decode(consultation_id).decode().partition(":")[2]
    rows = await Participant.filter(
        organisation_id=organisation.id, consultation_id=consultation_pk
    )
    assert [row.contact_id for row in rows] == [contact.id]


async def test_two_adds_of_one_organisation_at_once_leave_one_participation(
    client: Client,
) -> None:
    # given
    consultation_id = (await _create(client))["consultation"]["id"]
    organisation = await Organisation.get(name="International Committee of the Red Cross")
    asked = {
        "consultation": consultation_id,
        "organisation": relay_id("Organisation", organisation.id),
    }
    # when the same organisation is added by two requests at once
    replies = await asyncio.gather(
        *(client.gql(ADD_PARTICIPANT, {"input": asked}, user=COORDINATOR) for _ in range(2))
    )
    # then one is added, the other refused
    codes = sorted([e["code"] for e in reply.data["addParticipant"]["errors"]] for reply in replies)
    assert codes == [[], ["DUPLICATE"]]
    consultation_pk = base64.b64decode(consultation_id).decode().partition(":")[2]
    assert await Participant.filter(consultation_id=consultation_pk).count() == 1


async def test_attendance_is_recorded_once_held(client: Client) -> None:
    participant = await Participant.get(attended=False)
    reply = await client.gql(
        ATTENDANCE,
        {"input": {"participant": relay_id("Participant", participant.id), "attended": True}},
        user=COORDINATOR,
    )
    assert reply.data["recordAttendance"] == {"participant": {"attended": True}, "errors": []}


async def test_archived_consultations_leave_lists(client: Client) -> None:
    consultation_id = await _id(MAYORS)
    reply = await client.gql(ARCHIVE, {"id": consultation_id}, user=COORDINATOR)
    assert reply.data["archiveConsultation"]["consultation"]["archivedAt"] is not None
    assert titles(await _list(client)) == [GENEVA]
    assert titles(await _list(client, filter={"includeArchived": True})) == [MAYORS, GENEVA]


async def test_a_national_team_member_cannot_archive(client: Client) -> None:
    reply = await client.gql(ARCHIVE, {"id": await _id(MAYORS)}, user=TEAM_BANGLADESH)
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert (await Consultation.get(title_index=MAYORS)).archived_at is None
