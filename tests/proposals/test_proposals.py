"""Proposals: listing, filters, ordering, submission, the review workflow, archiving."""

from __future__ import annotations

from datetime import UTC, timedelta
from typing import Any

import pytest

from hub.demo.proposals import DEMO_PROPOSALS
from hub.directory.models import Organisation
from hub.proposals.models import Proposal, ProposalStatus, ProposalTransition
from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id
from tests.proposals.queries import (
    ARCHIVE,
    COORDINATOR,
    NODE,
    PARTNER,
    PROPOSALS,
    REVIEW,
    SUBMIT,
    TEAM_BANGLADESH,
    WORK_STREAMS_WITH_PROPOSALS,
    titles,
)

MEMBER_ORGANISATION = "Migrant workers' rights network (demo)"


async def _organisation_id(name: str) -> str:
    return relay_id("Organisation", (await Organisation.get(name=name)).id)


async def _proposal_id(title: str) -> str:
    return relay_id("Proposal", (await Proposal.get(title=title)).id)


async def _list(client: Client, user: str = COORDINATOR, **variables: Any) -> Any:
    reply = await client.gql(PROPOSALS, {"first": 100, **variables}, user=user)
    assert not reply.errors, reply.errors
    return reply.data


async def test_the_demo_proposals_are_listed_with_their_total(client: Client) -> None:
    data = await _list(client)
    assert data["proposals"]["totalCount"] == len(DEMO_PROPOSALS)
    assert sorted(titles(data)) == sorted(p.title for p in DEMO_PROPOSALS)


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        (
            {"theme": ["GENDER"]},
            {"Stronger links in the work plan to gender, mixed migration and non-discrimination"},
        ),
        (
            {"theme": ["CLIMATE_CHANGE", "RACISM_AND_XENOPHOBIA"]},
            {
                "Climate change, health and saving the lives of migrants",
                "Address racism and xenophobia",
            },
        ),
        ({"target": ["FUND"]}, {"Civil-society seats on the Fund's Steering Committee"}),
        ({"search": "imrf"}, {"Partners without ECOSOC accreditation in the IMRF"}),
        (
            {"scope": ["SITUATION_SPECIFIC"]},
            {"Regular pathways for returning migrant workers (demo)"},
        ),
        (
            {"status": ["REFLECTED"], "theme": ["HUMAN_RIGHTS"]},
            {"Language reflecting a migrant-centred, human rights-based approach"},
        ),
    ],
)
async def test_filters_narrow_the_list(
    client: Client, flt: dict[str, Any], expected: set[str]
) -> None:
    data = await _list(client, filter=flt)
    assert set(titles(data)) == expected
    assert data["proposals"]["totalCount"] == len(expected)


async def test_filter_by_organisation_and_work_stream(client: Client) -> None:
    # given
    stream = await WorkStream.get(title="The voice of the Network")
    # when
    by_stream = await _list(client, filter={"workStream": relay_id("WorkStream", stream.id)})
    by_organisation = await _list(
        client, filter={"organisation": await _organisation_id(MEMBER_ORGANISATION)}
    )
    # then
    assert titles(by_stream) == ["Develop the voice of the Network as a priority"]
    assert by_organisation["proposals"]["totalCount"] == 2


async def test_submission_dates_bound_the_list(client: Client) -> None:
    # The demo network is loaded once per run, which may have begun the day before.
    days = sorted({p.submitted_at.astimezone(UTC).date() for p in await Proposal.all()})
    first, last = days[0], days[-1]
    within = await _list(client, filter={"submittedFrom": str(first), "submittedTo": str(last)})
    before = await _list(client, filter={"submittedTo": str(first - timedelta(days=1))})
    assert within["proposals"]["totalCount"] == len(DEMO_PROPOSALS)
    assert before["proposals"]["totalCount"] == 0


async def test_a_date_range_ending_before_it_starts_is_bad_input(client: Client) -> None:
    reply = await client.gql(
        PROPOSALS,
        {"filter": {"submittedFrom": "2019-04-05", "submittedTo": "2019-04-04"}},
        user=COORDINATOR,
    )
    assert reply.data is None
    assert reply.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_pages_by_title_follow_each_other_without_overlap(client: Client) -> None:
    # given
    order = {"field": "TITLE", "direction": "ASC"}
    first = await client.gql(PROPOSALS, {"first": 5, "orderBy": order}, user=COORDINATOR)
    cursor = first.data["proposals"]["pageInfo"]["endCursor"]
    # when
    rest = await client.gql(
        PROPOSALS, {"first": 100, "after": cursor, "orderBy": order}, user=COORDINATOR
    )
    # then
    seen = titles(first.data) + titles(rest.data)
    assert seen == sorted(p.title for p in DEMO_PROPOSALS)
    assert first.data["proposals"]["pageInfo"]["hasNextPage"] is True
    assert rest.data["proposals"]["pageInfo"]["hasNextPage"] is False


async def test_the_taxonomy_of_themes_is_listed(client: Client) -> None:
    reply = await client.gql("{ themes { theme label } }", user=PARTNER)
    entries = {e["theme"]: e["label"] for e in reply.data["themes"]}
    assert entries["RACISM_AND_XENOPHOBIA"] == "Racism and xenophobia"
    assert "GENDER" in entries


async def test_a_member_submits_for_their_organisation(client: Client) -> None:
    # given
    stream = await WorkStream.get(title="National GCM implementation with civil society")
    # when
    reply = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": await _organisation_id(MEMBER_ORGANISATION),
                "target": "WORK_STREAM",
                "workStream": relay_id("WorkStream", stream.id),
                "title": "  Access to justice for migrant domestic workers  ",
                "themes": ["ACCESS_TO_JUSTICE", "GENDER", "GENDER"],
            }
        },
        user=PARTNER,
    )
    # then
    payload = reply.data["submitProposal"]
    assert payload["errors"] == []
    proposal = payload["proposal"]
    assert proposal["title"] == "Access to justice for migrant domestic workers"
    assert proposal["status"] == "SUBMITTED"
    assert proposal["themes"] == ["ACCESS_TO_JUSTICE", "GENDER"]
    assert proposal["organisation"] == {"name": MEMBER_ORGANISATION}
    assert proposal["workStream"] == {"title": stream.title}
    assert proposal["history"] == [{"fromStatus": None, "toStatus": "SUBMITTED", "actor": PARTNER}]
    # and the theme filter finds it
    data = await _list(client, user=PARTNER, filter={"theme": ["GENDER"]})
    assert titles(data) == ["Access to justice for migrant domestic workers"]


@pytest.mark.parametrize(
    ("changes", "field", "code"),
    [
        ({"title": "   "}, "title", "REQUIRED"),
        ({"title": "x" * 301}, "title", "TOO_LONG"),
        ({"target": "WORK_STREAM"}, "workStream", "REQUIRED"),
        ({"organisation": relay_id("Organisation", "0" * 32)}, "organisation", "NOT_FOUND"),
    ],
)
async def test_invalid_submissions_are_refused_and_nothing_is_written(
    client: Client, changes: dict[str, Any], field: str, code: str
) -> None:
    # given
    before = await Proposal.all().count()
    valid = {
        "organisation": await _organisation_id(MEMBER_ORGANISATION),
        "target": "WORK_PLAN",
        "title": "A valid title",
    }
    # when
    reply = await client.gql(SUBMIT, {"input": {**valid, **changes}}, user=PARTNER)
    # then
    payload = reply.data["submitProposal"]
    assert payload["proposal"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [(field, code)]
    assert await Proposal.all().count() == before


async def test_a_work_stream_is_named_only_for_a_work_stream_target(client: Client) -> None:
    stream = await WorkStream.get(title="National GCM implementation with civil society")
    reply = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": await _organisation_id(MEMBER_ORGANISATION),
                "target": "WORK_PLAN",
                "workStream": relay_id("WorkStream", stream.id),
                "title": "Confused target",
            }
        },
        user=PARTNER,
    )
    errors = reply.data["submitProposal"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("workStream", "NOT_ALLOWED")]


async def test_nobody_submits_for_an_organisation_they_do_not_belong_to(client: Client) -> None:
    # given an organisation the partner sees but does not belong to
    before = await Proposal.all().count()
    other = await _organisation_id("National Human Rights Commission, Bangladesh")
    # when
    reply = await client.gql(
        SUBMIT,
        {"input": {"organisation": other, "target": "WORK_PLAN", "title": "In their name"}},
        user=PARTNER,
    )
    # then
    assert reply.data == {"submitProposal": None}
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await Proposal.all().count() == before


async def test_a_reviewer_records_a_proposal_received_by_email(client: Client) -> None:
    other = await _organisation_id("National Human Rights Commission, Bangladesh")
    reply = await client.gql(
        SUBMIT,
        {"input": {"organisation": other, "target": "IMRF", "title": "Received by email"}},
        user=COORDINATOR,
    )
    assert reply.data["submitProposal"]["errors"] == []
    assert reply.data["submitProposal"]["proposal"]["history"][0]["actor"] == COORDINATOR


async def _review(
    client: Client, proposal_id: str, status: str, note: str | None = None
) -> dict[str, Any]:
    reply = await client.gql(
        REVIEW, {"input": {"id": proposal_id, "status": status, "note": note}}, user=COORDINATOR
    )
    assert not reply.errors, reply.errors
    payload: dict[str, Any] = reply.data["reviewProposal"]
    return payload


async def test_the_review_workflow_records_every_step(client: Client) -> None:
    # given
    proposal_id = await _proposal_id("Address racism and xenophobia")
    # when
    skipped = await _review(client, proposal_id, "ACCEPTED", "Too early")
    opened = await _review(client, proposal_id, "UNDER_REVIEW")
    silent = await _review(client, proposal_id, "DECLINED")
    declined = await _review(client, proposal_id, "DECLINED", "Covered by the gender links.")
    reopened = await _review(client, proposal_id, "UNDER_REVIEW")
    # then
    assert skipped["errors"][0]["code"] == "INVALID_TRANSITION"
    assert "can become under_review" in skipped["errors"][0]["message"]
    assert opened["proposal"]["status"] == "UNDER_REVIEW"
    assert [(e["field"], e["code"]) for e in silent["errors"]] == [("note", "REQUIRED")]
    assert declined["proposal"]["status"] == "DECLINED"
    assert declined["proposal"]["responseNote"] == "Covered by the gender links."
    assert [
        (h["fromStatus"], h["toStatus"], h["actor"]) for h in declined["proposal"]["history"]
    ] == [
        (None, "SUBMITTED", "secretariat@network.example.org"),
        ("SUBMITTED", "UNDER_REVIEW", COORDINATOR),
        ("UNDER_REVIEW", "DECLINED", COORDINATOR),
    ]
    assert reopened["errors"][0]["code"] == "INVALID_TRANSITION"
    assert "has been decided" in reopened["errors"][0]["message"]
    row = await Proposal.get(title="Address racism and xenophobia")
    assert row.status == ProposalStatus.DECLINED
    assert await ProposalTransition.filter(proposal_id=row.id).count() == 3


async def test_archived_proposals_leave_lists_but_keep_their_history(client: Client) -> None:
    # given
    title = "Address racism and xenophobia"
    proposal_id = await _proposal_id(title)
    # when
    reply = await client.gql(ARCHIVE, {"input": {"id": proposal_id}}, user=COORDINATOR)
    # then
    assert reply.data["archiveProposal"]["proposal"]["archivedAt"] is not None
    listed = await _list(client)
    assert title not in titles(listed)
    assert listed["proposals"]["totalCount"] == len(DEMO_PROPOSALS) - 1
    everything = await _list(client, filter={"includeArchived": True})
    assert title in titles(everything)
    node = await client.gql(NODE, {"id": proposal_id}, user=COORDINATOR)
    assert node.data["node"]["history"] == [{"toStatus": "SUBMITTED"}]
    # and an archived proposal is not reviewed any more
    refused = await _review(client, proposal_id, "UNDER_REVIEW")
    assert refused["errors"][0]["code"] == "ARCHIVED"


async def test_work_streams_show_their_first_proposals(client: Client) -> None:
    # given two more proposals to the voice of the Network
    stream = await WorkStream.get(title="The voice of the Network")
    organisation = await Organisation.get(name="International Committee of the Red Cross")
    for n in range(2):
        await Proposal.create(
            tenant_id=stream.tenant_id,
            organisation=organisation,
            target="work_stream",
            work_stream=stream,
            title=f"Voice {n}",
        )
    # when
    reply = await client.gql(
        WORK_STREAMS_WITH_PROPOSALS, {"first": 100, "nested": 2}, user=COORDINATOR
    )
    # then
    by_title = {
        e["node"]["title"]: e["node"]["proposals"] for e in reply.data["workStreams"]["edges"]
    }
    voice = by_title["The voice of the Network"]
    assert [e["node"]["title"] for e in voice["edges"]] == [
        "Develop the voice of the Network as a priority",
        "Voice 0",
    ]
    assert (voice["totalCount"], voice["pageInfo"]["hasNextPage"]) == (3, True)
    assert by_title["Co-facilitation of the IMRF"]["totalCount"] == 0

    async def voice_with(nested: int) -> Any:
        reply = await client.gql(
            WORK_STREAMS_WITH_PROPOSALS, {"first": 100, "nested": nested}, user=COORDINATOR
        )
        [voice] = [
            e["node"]["proposals"]
            for e in reply.data["workStreams"]["edges"]
            if e["node"]["title"] == "The voice of the Network"
        ]
        return voice

    # and a page that holds all of them has none after it
    whole = await voice_with(3)
    assert (len(whole["edges"]), whole["pageInfo"]["hasNextPage"]) == (3, False)
    # and an empty page still counts them
    empty = await voice_with(0)
    assert (empty["edges"], empty["totalCount"], empty["pageInfo"]["hasNextPage"]) == ([], 3, True)


async def test_a_national_team_member_cannot_review(client: Client) -> None:
    proposal_id = await _proposal_id("Address racism and xenophobia")
    reply = await client.gql(
        REVIEW, {"input": {"id": proposal_id, "status": "UNDER_REVIEW"}}, user=TEAM_BANGLADESH
    )
    assert reply.data == {"reviewProposal": None}
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert (await Proposal.get(title="Address racism and xenophobia")).status == "submitted"


TRANSLATED = """
query($lang: Language, $search: String) {
  proposals(filter: {search: $search}) { edges { node {
    title(lang: $lang) body(lang: $lang) language
    localizedTitle(lang: $lang) { language available }
  } } }
}
"""


async def test_proposals_answer_in_the_language_wanted(client: Client) -> None:
    reply = await client.gql(
        TRANSLATED,
        {"search": "xénophobie"},
        user=TEAM_BANGLADESH,
        headers={"Accept-Language": "fr-FR, en;q=0.5"},
    )
    [edge] = reply.data["proposals"]["edges"]
    assert edge["node"] == {
        "title": "Lutter contre le racisme et la xénophobie",
        "body": "Lutter contre le racisme et la xénophobie, et l'accès des migrants à la justice.",
        "language": "EN",
        "localizedTitle": {"language": "FR", "available": ["EN", "FR"]},
    }
    english = await client.gql(TRANSLATED, {"search": "xénophobie", "lang": "EN"}, user=PARTNER)
    assert english.data["proposals"]["edges"][0]["node"]["title"] == (
        "Address racism and xenophobia"
    )


async def test_a_proposal_is_submitted_with_a_translation(client: Client) -> None:
    reply = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": await _organisation_id(MEMBER_ORGANISATION),
                "target": "OPEN_CALL",
                "title": "Radio in Bangla",
                "translations": [{"language": "ES", "title": "Radio en bengalí"}],
            }
        },
        user=PARTNER,
    )
    assert reply.data["submitProposal"]["errors"] == []
    spanish = await client.gql(TRANSLATED, {"search": "bengalí", "lang": "ES"}, user=PARTNER)
    assert spanish.data["proposals"]["edges"][0]["node"]["title"] == "Radio en bengalí"
