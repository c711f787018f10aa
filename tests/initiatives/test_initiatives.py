"""Initiatives: listing, translations, filters, ordering, reporting, changes, archiving."""

from __future__ import annotations

from typing import Any

import pytest

from hub.demo.initiatives import DEMO_INITIATIVES, MAYORS
from hub.directory.models import Organisation
from hub.initiatives.models import Initiative
from tests.conftest import Client, relay_id
from tests.initiatives.queries import (
    ARCHIVE,
    COORDINATOR,
    FOCAL_EUROPE,
    INITIATIVES,
    PARTNER,
    REPORT,
    UPDATE,
    titles,
)

MEMBER_ORGANISATION = "Migrant workers' rights network (demo)"
UNIONS_EVENT = "Trade-union dialogue on decent work and labour migration (demo)"
SPAIN_PLANS = "Local action plans on inclusion with municipalities (demo)"
LEGAL_AID = "Legal aid for organisers facing pressure (demo)"
HELP_DESK = "Reintegration help desk for returning migrants in Dhaka (demo)"
ORIENTATION = "Pre-departure orientation on fair recruitment (demo)"
JUSTICE_REVIEW = "Review of access to justice for migrant workers (demo)"


async def _organisation_id(name: str) -> str:
    return relay_id("Organisation", (await Organisation.get(name=name)).id)


async def _id(title: str) -> str:
    row = next(r for r in await Initiative.all() if r.title.get("en") == title)
    return relay_id("Initiative", row.id)


async def _list(client: Client, user: str = COORDINATOR, **variables: Any) -> Any:
    reply = await client.gql(INITIATIVES, {"first": 50, **variables}, user=user)
    assert not reply.errors, reply.errors
    return reply.data


async def test_the_demo_initiatives_are_listed_latest_first(client: Client) -> None:
    data = await _list(client)
    assert data["initiatives"]["totalCount"] == len(DEMO_INITIATIVES)
    assert titles(data) == [
        UNIONS_EVENT,
        SPAIN_PLANS,
        MAYORS,
        LEGAL_AID,
        HELP_DESK,
        ORIENTATION,
        JUSTICE_REVIEW,
    ]


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
        INITIATIVES,
        {"filter": {"search": "mayors"}, "lang": lang},
        user=COORDINATOR,
        headers={"Accept-Language": header} if header else None,
    )
    [edge] = reply.data["initiatives"]["edges"]
    assert edge["node"]["title"]["language"] == expected
    assert edge["node"]["title"]["available"] == ["EN", "ES", "FR"]


async def test_a_title_held_in_one_language_falls_back_to_it(client: Client) -> None:
    data = await _list(client, filter={"search": "trade-union dialogue"}, lang="AR")
    [edge] = data["initiatives"]["edges"]
    assert edge["node"]["title"] == {"text": UNIONS_EVENT, "language": "EN", "available": ["EN"]}


async def test_without_a_language_asked_the_tenants_default_is_used(client: Client) -> None:
    reply = await client.gql(INITIATIVES, {}, user=FOCAL_EUROPE, tenant="spain")
    [edge] = reply.data["initiatives"]["edges"]
    assert edge["node"]["title"]["text"].startswith("Planes de acción local")
    assert edge["node"]["title"]["language"] == "ES"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"kind": ["EVENT"]}, {UNIONS_EVENT, MAYORS}),
        ({"status": ["COMPLETED"]}, {JUSTICE_REVIEW}),
        ({"theme": ["REINTEGRATION"]}, {HELP_DESK, SPAIN_PLANS}),
        ({"theme": ["CIVIC_SPACE", "LABOUR_MOBILITY"]}, {LEGAL_AID, UNIONS_EVENT}),
        ({"country": ["es"]}, {SPAIN_PLANS}),
        ({"country": ["CH", "BE"]}, {MAYORS, UNIONS_EVENT}),
        ({"search": "alcaldes"}, {MAYORS}),  # a title in Spanish
        ({"search": "PSYCHOSOCIAL"}, {HELP_DESK}),  # the summary
        ({"startsFrom": "2019-06-01"}, {UNIONS_EVENT, SPAIN_PLANS}),
        ({"startsFrom": "2019-03-01", "startsTo": "2019-03-31"}, {LEGAL_AID, HELP_DESK}),
        ({"tenant": "dhaka"}, {HELP_DESK}),
        ({"classification": ["RESTRICTED"]}, {LEGAL_AID}),
        (
            {"kind": ["ACTION"], "status": ["ONGOING"], "country": ["BD"]},
            {
                LEGAL_AID,
                HELP_DESK,
                ORIENTATION,
            },
        ),
    ],
)
async def test_filters_narrow_the_list(
    client: Client, flt: dict[str, Any], expected: set[str]
) -> None:
    data = await _list(client, filter=flt)
    assert set(titles(data)) == expected
    assert data["initiatives"]["totalCount"] == len(expected)


async def test_filter_by_organisation(client: Client) -> None:
    data = await _list(client, filter={"organisation": await _organisation_id(MEMBER_ORGANISATION)})
    assert set(titles(data)) == {ORIENTATION, LEGAL_AID}


async def test_a_date_range_ending_before_it_starts_is_bad_input(client: Client) -> None:
    reply = await client.gql(
        INITIATIVES,
        {"filter": {"startsFrom": "2019-04-05", "startsTo": "2019-04-04"}},
        user=COORDINATOR,
    )
    assert reply.data is None
    assert reply.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_pages_by_title_follow_each_other_without_overlap(client: Client) -> None:
    # given: TITLE sorts by the title in the record's tenant's language (Spanish in Spain)
    order = {"field": "TITLE", "direction": "ASC"}
    first = await _list(client, first=3, orderBy=order)
    cursor = first["initiatives"]["pageInfo"]["endCursor"]
    # when
    rest = await _list(client, after=cursor, orderBy=order)
    # then
    assert titles(first) + titles(rest) == [
        LEGAL_AID,
        MAYORS,
        SPAIN_PLANS,  # "Planes de acción local ..."
        ORIENTATION,
        HELP_DESK,
        JUSTICE_REVIEW,
        UNIONS_EVENT,
    ]
    assert first["initiatives"]["pageInfo"]["hasNextPage"] is True
    assert rest["initiatives"]["pageInfo"]["hasNextPage"] is False


async def test_pages_by_start_date_follow_each_other(client: Client) -> None:
    order = {"field": "STARTS_ON", "direction": "ASC"}
    first = await _list(client, first=2, orderBy=order)
    rest = await _list(client, after=first["initiatives"]["pageInfo"]["endCursor"], orderBy=order)
    assert titles(first) == [JUSTICE_REVIEW, ORIENTATION]
    assert len(titles(rest)) == len(DEMO_INITIATIVES) - 2
    assert set(titles(first)) & set(titles(rest)) == set()


async def _report(client: Client, user: str = PARTNER, **changes: Any) -> Any:
    values = {
        "organisation": await _organisation_id(MEMBER_ORGANISATION),
        "title": [{"language": "EN", "text": "  Helpline for domestic workers abroad  "}],
        "kind": "ACTION",
        "startsOn": "2019-05-01",
        **changes,
    }
    reply = await client.gql(REPORT, {"input": values}, user=user)
    return (
        reply.data["reportInitiative"] if reply.data and reply.data["reportInitiative"] else reply
    )


async def test_a_member_reports_an_action_of_their_organisation(client: Client) -> None:
    # when
    payload = await _report(
        client,
        summary=[{"language": "FR", "text": "Une ligne d'écoute"}],
        country="bd",
        themes=["GENDER", "DECENT_WORK", "GENDER"],
        status="ONGOING",
    )
    # then
    assert payload["errors"] == []
    initiative = payload["initiative"]
    assert initiative["title"] == {
        "text": "Helpline for domestic workers abroad",
        "language": "EN",
        "available": ["EN"],
    }
    assert (initiative["kind"], initiative["status"], initiative["country"]) == (
        "ACTION",
        "ONGOING",
        "BD",
    )
    assert initiative["themes"] == ["DECENT_WORK", "GENDER"]
    assert initiative["organisation"] == {"name": MEMBER_ORGANISATION}
    assert initiative["byNetwork"] is False
    assert initiative["classification"] == "NETWORK"
    # and the theme filter and the search find it
    by_theme = await _list(client, user=PARTNER, filter={"theme": ["GENDER"]})
    by_summary = await _list(client, user=PARTNER, filter={"search": "ligne d'écoute"})
    assert titles(by_theme) == titles(by_summary) == ["Helpline for domestic workers abroad"]


async def test_the_network_gives_notice_of_its_own_event(client: Client) -> None:
    payload = await _report(
        client,
        user=COORDINATOR,
        organisation=None,
        title=[{"language": "EN", "text": "Regional review meeting"}],
        kind="EVENT",
        startsOn="2019-09-10",
        endsOn="2019-09-11",
        eventOn="2019-09-10",
        venue="Bangkok",
        online=True,
        advanceNoticeOn="2019-06-01",
        classification="PUBLIC",
    )
    assert payload["errors"] == []
    initiative = payload["initiative"]
    assert initiative["byNetwork"] is True
    assert initiative["organisation"] is None
    assert (initiative["eventOn"], initiative["venue"], initiative["online"]) == (
        "2019-09-10",
        "Bangkok",
        True,
    )
    assert initiative["advanceNoticeOn"] == "2019-06-01"


async def test_a_coordinator_records_an_initiative_for_any_organisation(client: Client) -> None:
    payload = await _report(
        client,
        user=COORDINATOR,
        organisation=await _organisation_id("National Human Rights Commission, Bangladesh"),
    )
    assert payload["errors"] == []
    assert payload["initiative"]["organisation"] == {
        "name": "National Human Rights Commission, Bangladesh"
    }


@pytest.mark.parametrize(
    "organisation",
    [None, "National Human Rights Commission, Bangladesh"],
    ids=["for the network", "for an organisation seen but not joined"],
)
async def test_a_partner_reports_only_for_their_own_organisation(
    client: Client, organisation: str | None
) -> None:
    before = await Initiative.all().count()
    reply = await _report(
        client, organisation=await _organisation_id(organisation) if organisation else None
    )
    assert reply.data == {"reportInitiative": None}
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await Initiative.all().count() == before


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": []}, [("title", "REQUIRED")]),
        ({"title": [{"language": "EN", "text": "x" * 301}]}, [("title.en", "TOO_LONG")]),
        ({"endsOn": "2019-04-30"}, [("endsOn", "BEFORE_START")]),
        ({"country": "BGD"}, [("country", "INVALID")]),
        (
            {"venue": "Dhaka", "eventOn": "2019-05-01"},
            [
                ("eventOn", "NOT_ALLOWED"),
                ("venue", "NOT_ALLOWED"),
            ],
        ),
        ({"kind": "EVENT", "eventOn": "2019-04-30"}, [("eventOn", "OUTSIDE_PERIOD")]),
        (
            {"kind": "EVENT", "endsOn": "2019-05-02", "eventOn": "2019-05-03"},
            [("eventOn", "OUTSIDE_PERIOD")],
        ),
        (
            {"kind": "EVENT", "eventOn": "2019-05-03", "advanceNoticeOn": "2019-05-04"},
            [("advanceNoticeOn", "AFTER_EVENT")],
        ),
        ({"organisation": relay_id("Organisation", "0" * 32)}, [("organisation", "NOT_FOUND")]),
    ],
)
async def test_invalid_reports_are_refused_and_nothing_is_written(
    client: Client, changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    before = await Initiative.all().count()
    payload = await _report(client, **changes)
    assert payload["initiative"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == expected
    assert await Initiative.all().count() == before


async def _update(client: Client, initiative_id: str, user: str = PARTNER, **changes: Any) -> Any:
    reply = await client.gql(UPDATE, {"input": {"id": initiative_id, **changes}}, user=user)
    return (
        reply.data["updateInitiative"] if reply.data and reply.data["updateInitiative"] else reply
    )


async def test_a_member_updates_their_organisations_initiative(client: Client) -> None:
    # given
    initiative_id = await _id(ORIENTATION)
    # when
    done = await _update(
        client,
        initiative_id,
        status="COMPLETED",
        endsOn="2019-04-30",
        themes=["REGULAR_PATHWAYS", "SAVING_LIVES"],
        title=[{"language": "FR", "text": "Orientation avant le départ (démo)"}],
        summary=[{"language": "EN", "text": "Three hundred workers took part (demo)."}],
    )
    back = await _update(client, initiative_id, status="ONGOING")
    # then
    assert done["errors"] == []
    initiative = done["initiative"]
    assert initiative["status"] == "COMPLETED"
    assert initiative["endsOn"] == "2019-04-30"
    assert initiative["themes"] == ["REGULAR_PATHWAYS", "SAVING_LIVES"]
    assert initiative["title"] == {"text": ORIENTATION}  # English kept
    assert back["errors"][0]["code"] == "INVALID_TRANSITION"
    assert "cannot change status" in back["errors"][0]["message"]
    # and the filters follow the change
    by_old_theme = await _list(client, filter={"theme": ["DECENT_WORK"], "tenant": "bangladesh"})
    by_new_theme = await _list(client, filter={"theme": ["SAVING_LIVES"]})
    by_new_text = await _list(client, filter={"search": "three hundred"})
    assert ORIENTATION not in titles(by_old_theme)
    assert titles(by_new_theme) == titles(by_new_text) == [ORIENTATION]


async def test_invalid_updates_change_nothing(client: Client) -> None:
    # given
    initiative_id = await _id(ORIENTATION)
    # when
    reply = await _update(
        client, initiative_id, endsOn="2019-01-01", venue="Dhaka", country="Bangladesh"
    )
    # then
    assert [(e["field"], e["code"]) for e in reply["errors"]] == [("country", "INVALID")]
    reply = await _update(client, initiative_id, endsOn="2019-01-01", venue="Dhaka")
    assert [(e["field"], e["code"]) for e in reply["errors"]] == [
        ("endsOn", "BEFORE_START"),
        ("venue", "NOT_ALLOWED"),
    ]
    row = next(r for r in await Initiative.all() if r.title["en"] == ORIENTATION)
    assert (row.ends_on, row.venue, row.country) == (None, "", "BD")


async def test_a_partner_cannot_update_another_organisations_initiative(client: Client) -> None:
    reply = await _update(client, await _id(JUSTICE_REVIEW), status="DISCONTINUED")
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    row = next(r for r in await Initiative.all() if r.title["en"] == JUSTICE_REVIEW)
    assert row.status == "completed"


async def test_archived_initiatives_leave_lists(client: Client) -> None:
    # given
    initiative_id = await _id(HELP_DESK)
    # when
    reply = await client.gql(ARCHIVE, {"input": {"id": initiative_id}}, user=COORDINATOR)
    # then
    assert reply.data["archiveInitiative"]["initiative"]["archivedAt"] is not None
    listed = await _list(client)
    assert HELP_DESK not in titles(listed)
    assert listed["initiatives"]["totalCount"] == len(DEMO_INITIATIVES) - 1
    everything = await _list(client, filter={"includeArchived": True})
    assert HELP_DESK in titles(everything)
    # and an archived initiative is not changed any more
    refused = await _update(client, initiative_id, user=COORDINATOR, status="COMPLETED")
    assert refused["errors"][0]["code"] == "ARCHIVED"


async def test_a_partner_cannot_archive(client: Client) -> None:
    reply = await client.gql(ARCHIVE, {"input": {"id": await _id(ORIENTATION)}}, user=PARTNER)
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await Initiative.filter(archived_at__isnull=False).count() == 0
