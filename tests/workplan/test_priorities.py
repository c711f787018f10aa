"""The work plan's priorities and who takes part in work streams."""

from __future__ import annotations

from typing import Any

import pytest

from hub.directory.models import Organisation
from hub.workplan.models import Priority, WorkStream, WorkStreamMembership
from tests.conftest import Client, relay_id

COORDINATOR = "coordinator@network.example.org"
PARTNER = "partner@civil-society.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
LEAD_DHAKA = "lead.dhaka@network.example.org"

PRIORITIES = """
query($first: Int, $after: String, $filter: PriorityFilter, $orderBy: PriorityOrder) {
  priorities(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id horizon status themes title { text language } workStreams { title } } }
  }
}
"""
CREATE = """
mutation($input: CreatePriorityInput!) {
  createPriority(input: $input) {
    priority { id title { text } horizon status themes workStreams { title } }
    errors { field code }
  }
}
"""
UPDATE = """
mutation($input: UpdatePriorityInput!) {
  updatePriority(input: $input) {
    priority { title(lang: FR) { text language } status themes workStreams { title } }
    errors { field code }
  }
}
"""
MEMBERS = """
query($includePast: Boolean!) {
  workStreams(first: 100) { edges { node { title
    members(includePast: $includePast) { id role since until organisation { name } } } } }
}
"""
ADD_MEMBER = """
mutation($input: AddWorkStreamMemberInput!) {
  addWorkStreamMember(input: $input) {
    member { id role organisation { name } } errors { field code }
  }
}
"""
END_MEMBER = """
mutation($input: EndWorkStreamMembershipInput!) {
  endWorkStreamMembership(input: $input) { member { until } errors { field code } }
}
"""
VOICE = "The voice of the Network"


def _titles(data: Any) -> list[str]:
    return [e["node"]["title"]["text"] for e in data["priorities"]["edges"]]


async def _list(client: Client, user: str = COORDINATOR, **variables: Any) -> Any:
    reply = await client.gql(PRIORITIES, {"first": 50, **variables}, user=user)
    assert not reply.errors, reply.errors
    return reply.data


async def test_the_demo_work_plan_by_horizon(client: Client) -> None:
    immediate = await _list(client, filter={"horizon": ["IMMEDIATE"]})
    assert sorted(_titles(immediate)) == [
        "A communication strategy for the voice of the Network",
        "Formal outreach to donor capitals for the start-up fund",
        "Recruit the Liaison Officer openly and transparently",
    ]


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"status": ["PROPOSED"], "theme": ["SUSTAINABLE_DEVELOPMENT"]}, 1),
        ({"theme": ["HUMAN_RIGHTS"]}, 2),
        ({"search": "voix du Réseau"}, 1),
        ({"tenant": "asia-pacific"}, 1),
    ],
)
async def test_filters(client: Client, flt: dict[str, Any], expected: int) -> None:
    assert (await _list(client, filter=flt))["priorities"]["totalCount"] == expected


async def test_filter_by_work_stream_and_the_streams_it_links(client: Client) -> None:
    stream = await WorkStream.get(title=VOICE)
    data = await _list(client, filter={"workStream": relay_id("WorkStream", stream.id)})
    [edge] = data["priorities"]["edges"]
    assert edge["node"]["workStreams"] == [{"title": VOICE}]


async def test_pages_by_title(client: Client) -> None:
    order = {"field": "TITLE", "direction": "DESC"}
    first = await _list(client, first=3, orderBy=order)
    rest = await _list(client, after=first["priorities"]["pageInfo"]["endCursor"], orderBy=order)
    seen = _titles(first) + _titles(rest)
    assert seen == sorted(seen, reverse=True)
    assert len(seen) == await Priority.all().count()


async def test_a_partner_sees_priorities_but_only_visible_work_streams(client: Client) -> None:
    # the Asia-Pacific priority links a RESTRICTED work stream
    data = await _list(client, user=PARTNER)
    assert data["priorities"]["totalCount"] == 0  # none in Bangladesh and Dhaka
    region = await _list(client, user=GLOBAL_PARTNER, filter={"tenant": "asia-pacific"})
    [edge] = region["priorities"]["edges"]
    assert edge["node"]["workStreams"] == []


async def test_create_and_update_a_priority(client: Client) -> None:
    stream = await WorkStream.get(title=VOICE)
    created = await client.gql(
        CREATE,
        {
            "input": {
                "title": [{"language": "EN", "text": "Regional reviews"}],
                "horizon": "LONG_TERM",
                "themes": ["HUMAN_RIGHTS"],
                "workStreams": [relay_id("WorkStream", stream.id)],
            }
        },
        user=COORDINATOR,
    )
    priority = created.data["createPriority"]["priority"]
    assert priority["status"] == "PROPOSED"
    assert priority["workStreams"] == [{"title": VOICE}]
    updated = await client.gql(
        UPDATE,
        {
            "input": {
                "id": priority["id"],
                "title": [{"language": "FR", "text": "Examens régionaux"}],
                "status": "AGREED",
                "themes": [],
                "workStreams": [],
            }
        },
        user=COORDINATOR,
    )
    assert updated.data["updatePriority"]["priority"] == {
        "title": {"text": "Examens régionaux", "language": "FR"},
        "status": "AGREED",
        "themes": [],
        "workStreams": [],
    }
    # and the theme filter follows the change
    data = await _list(client, filter={"theme": ["HUMAN_RIGHTS"], "search": "Regional"})
    assert data["priorities"]["totalCount"] == 0


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": []}, [("title", "REQUIRED")]),
        (
            {"workStreams": [relay_id("WorkStream", "00000000-0000-0000-0000-000000000000")]},
            [("workStreams", "NOT_FOUND")],
        ),
    ],
)
async def test_invalid_priorities_write_nothing(
    client: Client, changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    before = await Priority.all().count()
    values = {"title": [{"language": "EN", "text": "T"}], "horizon": "IMMEDIATE", **changes}
    reply = await client.gql(CREATE, {"input": values}, user=COORDINATOR)
    errors = reply.data["createPriority"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == expected
    assert await Priority.all().count() == before


async def test_a_region_cannot_link_another_regions_work_stream(client: Client) -> None:
    # given a work stream of Asia-Pacific (a global one would reach Europe, and could be)
    stream = await WorkStream.filter(tenant__slug="asia-pacific", classification="network").first()
    assert stream is not None
    reply = await client.gql(
        CREATE,
        {
            "input": {
                "title": [{"language": "EN", "text": "T"}],
                "horizon": "IMMEDIATE",
                "workStreams": [relay_id("WorkStream", stream.id)],
            }
        },
        user=FOCAL_EUROPE,
    )
    errors = reply.data["createPriority"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [("workStreams", "NOT_FOUND")]


async def _members(client: Client, include_past: bool) -> dict[str, list[dict[str, Any]]]:
    reply = await client.gql(MEMBERS, {"includePast": include_past}, user=COORDINATOR)
    return {e["node"]["title"]: e["node"]["members"] for e in reply.data["workStreams"]["edges"]}


async def test_organisations_join_and_leave_work_streams_without_losing_history(
    client: Client,
) -> None:
    # given
    stream = await WorkStream.get(title=VOICE)
    icrc = await Organisation.get(name="International Committee of the Red Cross")
    add = {
        "workStream": relay_id("WorkStream", stream.id),
        "organisation": relay_id("Organisation", icrc.id),
        "role": "LEAD",
        "since": "2019-05-01",
    }
    # when
    joined = await client.gql(ADD_MEMBER, {"input": add}, user=COORDINATOR)
    twice = await client.gql(ADD_MEMBER, {"input": add}, user=COORDINATOR)
    member = joined.data["addWorkStreamMember"]["member"]
    early = await client.gql(
        END_MEMBER, {"input": {"id": member["id"], "until": "2019-04-30"}}, user=COORDINATOR
    )
    ended = await client.gql(
        END_MEMBER, {"input": {"id": member["id"], "until": "2020-01-31"}}, user=COORDINATOR
    )
    # then
    assert member["organisation"] == {"name": icrc.name}
    assert twice.data["addWorkStreamMember"]["errors"] == [
        {"field": "organisation", "code": "DUPLICATE"}
    ]
    assert early.data["endWorkStreamMembership"]["errors"] == [
        {"field": "until", "code": "BEFORE_START"}
    ]
    assert ended.data["endWorkStreamMembership"]["member"] == {"until": "2020-01-31"}
    current = await _members(client, include_past=False)
    everyone = await _members(client, include_past=True)
    assert icrc.name not in [m["organisation"]["name"] for m in current[VOICE]]
    assert icrc.name in [m["organisation"]["name"] for m in everyone[VOICE]]
    assert await WorkStreamMembership.filter(organisation=icrc).count() == 1


async def test_membership_changes_need_update_on_the_stream(client: Client) -> None:
    stream = await WorkStream.get(title=VOICE)
    icrc = await Organisation.get(name="International Committee of the Red Cross")
    add = {
        "workStream": relay_id("WorkStream", stream.id),
        "organisation": relay_id("Organisation", icrc.id),
    }
    partner = await client.gql(ADD_MEMBER, {"input": add}, user=GLOBAL_PARTNER)
    outsider = await client.gql(ADD_MEMBER, {"input": add}, user=LEAD_DHAKA)
    assert partner.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert outsider.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert not await WorkStreamMembership.exists(organisation=icrc)
