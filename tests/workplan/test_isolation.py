"""Adversarial: a caller must not reach work streams outside what its roles allow."""

from __future__ import annotations

import pytest

from hub.access.models import CasbinRule
from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id
from tests.workplan.queries import (
    CREATE,
    FOCAL_ASIA,
    FOCAL_EUROPE,
    NODE,
    NODES,
    PARTNER,
    TEAM_BANGLADESH,
    UPDATE,
    WORK_STREAMS,
    titles,
)


async def _ids(tenant_slug: str) -> list[str]:
    rows = await WorkStream.filter(tenant__slug=tenant_slug)
    assert rows, f"the demo network has work streams in {tenant_slug}"
    return [relay_id("WorkStream", row.id) for row in rows]


async def _tenant_titles(*slugs: str) -> set[str]:
    rows = await WorkStream.filter(tenant__slug__in=slugs).values_list("title", flat=True)
    return {str(title) for title in rows}


async def test_list_holds_no_row_of_another_region(client: Client) -> None:
    # when
    reply = await client.gql(WORK_STREAMS, {"first": 100}, user=FOCAL_EUROPE)
    # then
    seen = set(titles(reply.data))
    assert seen == await _tenant_titles("europe-central-asia", "spain")
    assert reply.data["workStreams"]["totalCount"] == len(seen)


async def test_regional_role_sees_its_national_and_local_tenants(client: Client) -> None:
    # when
    reply = await client.gql(WORK_STREAMS, {"first": 100}, user=FOCAL_ASIA)
    # then
    assert set(titles(reply.data)) == await _tenant_titles("asia-pacific", "bangladesh", "dhaka")


async def test_national_role_does_not_see_its_regions_rows(client: Client) -> None:
    # when
    reply = await client.gql(WORK_STREAMS, {"first": 100}, user=TEAM_BANGLADESH)
    # then
    seen = set(titles(reply.data))
    assert seen == await _tenant_titles("bangladesh", "dhaka")
    assert not seen & await _tenant_titles("asia-pacific", "global")


@pytest.mark.parametrize("slug", ["asia-pacific", "global", "spain"])
async def test_node_answers_null_for_rows_out_of_reach(client: Client, slug: str) -> None:
    # given the work streams of the region above, the global tenant, or a sibling region:
    # of those above, the PUBLIC and NETWORK ones reach the team, the others never do
    outcomes = set()
    for row in await WorkStream.filter(tenant__slug=slug):
        global_id = relay_id("WorkStream", row.id)
        shared = slug != "spain" and row.classification in ("public", "network")
        # when
        reply = await client.gql(NODE, {"id": global_id}, user=TEAM_BANGLADESH)
        # then: exactly as for an id that does not exist, unless shared with the team
        expected = {"id": global_id, "title": row.title, "classification": row.classification.name}
        assert reply.body == {"data": {"node": expected if shared else None}}, row.title
        outcomes.add(shared)
    assert outcomes == ({False} if slug == "spain" else {True, False})


async def test_nodes_answers_null_for_each_row_out_of_reach(client: Client) -> None:
    # given the work streams of a sibling region and the global ones that are not shared
    own = await _ids("bangladesh")
    unshared = WorkStream.filter(
        tenant__slug="global", classification__in=["restricted", "confidential"]
    )
    foreign = await _ids("europe-central-asia") + [
        relay_id("WorkStream", row.id) for row in await unshared
    ]
    # when
    reply = await client.gql(NODES, {"ids": foreign + own}, user=TEAM_BANGLADESH)
    # then
    nodes = reply.data["nodes"]
    assert nodes[: len(foreign)] == [None] * len(foreign)
    assert [n["id"] for n in nodes[len(foreign) :]] == own


async def test_unknown_and_foreign_ids_answer_alike(client: Client) -> None:
    # given
    missing = relay_id("WorkStream", "00000000-0000-0000-0000-000000000000")
    foreign = (await _ids("spain"))[0]
    other_type = relay_id("Tenant", "global")
    # when
    replies = [
        await client.gql(NODE, {"id": gid}, user=TEAM_BANGLADESH)
        for gid in (missing, foreign, other_type)
    ]
    # then
    assert [r.body for r in replies] == [{"data": {"node": None}}] * 3


async def test_update_of_a_foreign_row_is_not_found_and_changes_nothing(client: Client) -> None:
    for global_id in await _ids("europe-central-asia") + await _ids("asia-pacific"):
        # when
        reply = await client.gql(
            UPDATE, {"input": {"id": global_id, "title": "Hijacked"}}, user=TEAM_BANGLADESH
        )
        # then
        assert reply.codes == ["NOT_FOUND"]
    assert not await WorkStream.exists(title="Hijacked")


async def test_filter_on_a_foreign_tenant_returns_nothing(client: Client) -> None:
    # when
    reply = await client.gql(WORK_STREAMS, {"filter": {"tenant": "spain"}}, user=TEAM_BANGLADESH)
    # then
    assert reply.data["workStreams"] == {
        "totalCount": 0,
        "pageInfo": {
            "hasNextPage": False,
            "hasPreviousPage": False,
            "startCursor": None,
            "endCursor": None,
        },
        "edges": [],
    }


async def test_a_foreign_tenant_header_is_refused(client: Client) -> None:
    # when
    reply = await client.gql(WORK_STREAMS, user=TEAM_BANGLADESH, tenant="spain")
    region = await client.gql(WORK_STREAMS, user=TEAM_BANGLADESH, tenant="asia-pacific")
    # then
    assert (reply.status, reply.codes) == (403, ["FORBIDDEN"])
    assert (region.status, region.codes) == (403, ["FORBIDDEN"])
    assert "data" not in reply.body


async def test_a_deny_rule_on_a_subtree_wins_over_the_regional_grant(client: Client) -> None:
    # given: Asia-Pacific's focal point may not read Dhaka's network-level streams
    await CasbinRule.create(
        ptype="p",
        v0="regional_focal_point",
        v1="/global/asia-pacific/bangladesh/dhaka",
        v2="work_stream:network",
        v3="read",
        v4="deny",
    )
    await client.reload_policies()
    dhaka = await _tenant_titles("dhaka")
    # when
    reply = await client.gql(WORK_STREAMS, {"first": 100}, user=FOCAL_ASIA)
    # then
    seen = set(titles(reply.data))
    assert not seen & dhaka
    assert seen == await _tenant_titles("asia-pacific", "bangladesh")
    assert reply.data["workStreams"]["totalCount"] == len(seen)
    for global_id in await _ids("dhaka"):
        assert (await client.gql(NODE, {"id": global_id}, user=FOCAL_ASIA)).data["node"] is None


async def test_one_work_stream_can_be_opened_to_one_partner(client: Client) -> None:
    # given a restricted stream of Bangladesh, which partners may not see
    opened = await client.gql(
        CREATE,
        {"input": {"title": "Joint planning with partners", "classification": "RESTRICTED"}},
        user=FOCAL_ASIA,
        tenant="bangladesh",
    )
    other = await client.gql(
        CREATE,
        {"input": {"title": "Internal planning", "classification": "RESTRICTED"}},
        user=FOCAL_ASIA,
        tenant="bangladesh",
    )
    opened_id = opened.data["createWorkStream"]["workStream"]["id"]
    row = await WorkStream.get(title="Joint planning with partners")
    before = await client.gql(WORK_STREAMS, {"first": 100}, user=PARTNER)
    # when it is opened to the partner alone
    await CasbinRule.create(
        ptype="p",
        v0=PARTNER,
        v1="/global/asia-pacific/bangladesh",
        v2=f"work_stream:{row.id}",
        v3="read",
        v4="allow",
    )
    await client.reload_policies()
    after = await client.gql(WORK_STREAMS, {"first": 100}, user=PARTNER)
    # then the partner sees it, by list and by node, and nothing else more
    assert set(titles(after.data)) == set(titles(before.data)) | {"Joint planning with partners"}
    assert after.data["workStreams"]["totalCount"] == before.data["workStreams"]["totalCount"] + 1
    assert (await client.gql(NODE, {"id": opened_id}, user=PARTNER)).data["node"] is not None
    hidden = other.data["createWorkStream"]["workStream"]["id"]
    assert (await client.gql(NODE, {"id": hidden}, user=PARTNER)).data["node"] is None


async def test_one_work_stream_can_be_withheld_from_a_role(client: Client) -> None:
    # given
    row = await WorkStream.get(title="National GCM implementation with civil society")
    await CasbinRule.create(
        ptype="p",
        v0="national_team_member",
        v1="/global/asia-pacific/bangladesh",
        v2=f"work_stream:{row.id}",
        v3="read",
        v4="deny",
    )
    await client.reload_policies()
    # when
    listed = await client.gql(WORK_STREAMS, {"first": 100}, user=TEAM_BANGLADESH)
    fetched = await client.gql(NODE, {"id": relay_id("WorkStream", row.id)}, user=TEAM_BANGLADESH)
    regional = await client.gql(WORK_STREAMS, {"first": 100}, user=FOCAL_ASIA)
    # then
    assert row.title not in titles(listed.data)
    assert fetched.data["node"] is None
    assert row.title in titles(regional.data)


async def test_aliases_and_filters_reach_nothing_more(client: Client) -> None:
    # when one document asks several ways at once
    reply = await client.gql(
        """
        {
          own: workStreams(first: 100) { totalCount }
          secret: workStreams(filter: {classification: [CONFIDENTIAL]}) { totalCount }
          spain: workStreams(filter: {tenant: "spain"}) { totalCount }
          region: workStreams(filter: {tenant: "asia-pacific"}) { totalCount }
          searched: workStreams(filter: {search: "IMRF"}) { edges { node { title } } }
        }
        """,
        user=TEAM_BANGLADESH,
    )
    # then
    data = reply.data
    assert data["own"]["totalCount"] == len(await _tenant_titles("bangladesh", "dhaka"))
    assert data["secret"]["totalCount"] == data["spain"]["totalCount"] == 0
    assert data["region"]["totalCount"] == 0
    assert [e["node"]["title"] for e in data["searched"]["edges"]] == [
        "Meeting of mayors and local authorities ahead of the IMRF"
    ]
