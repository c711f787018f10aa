"""One network: the shared records of the tenants above, and the PUBLIC records the policy
lets travel across, reach every team that may read them, by `node`, by lists asked for the
network and by nested fields, each saying where it lives; nothing else moves, and nothing
that reached a caller can be changed by it."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.models import Model

from hub.advocacy.models import AdvocacyNote, Statement
from hub.consultations.models import Consultation, Participant
from hub.directory.models import Contact, Organisation
from hub.fund.models import Fund, FundProject, Pledge, ThematicArea
from hub.initiatives.models import Initiative
from hub.knowledge.models import KnowledgeResource
from hub.proposals.models import Proposal
from hub.tenancy.models import Tenant
from hub.workplan.models import Priority, WorkStream, WorkStreamMembership
from tests.conftest import Client, relay_id

TEAM = "team.bangladesh@network.example.org"  # national_team_member in Bangladesh
PARTNER = "partner@civil-society.example.org"  # civil_society_partner in Bangladesh
FOCAL_EUROPE = "focal.europe@network.example.org"

# Every Node type and whether its NETWORK records travel down the tree (the baseline's
# reach rules): advocacy notes, contacts and pledges by donor never leave home.
NODE_TYPES: dict[str, tuple[type[Model], bool]] = {
    "WorkStream": (WorkStream, True),
    "WorkStreamMember": (WorkStreamMembership, True),
    "Priority": (Priority, True),
    "Organisation": (Organisation, True),
    "Contact": (Contact, False),
    "AdvocacyNote": (AdvocacyNote, False),
    "Statement": (Statement, True),
    "Proposal": (Proposal, True),
    "Consultation": (Consultation, True),
    "Participant": (Participant, True),
    "Initiative": (Initiative, True),
    "KnowledgeResource": (KnowledgeResource, True),
    "Fund": (Fund, True),
    "ThematicArea": (ThematicArea, True),
    "FundProject": (FundProject, True),
    "Pledge": (Pledge, False),
}
NODE = "query($id: ID!) { node(id: $id) { id ... on Node { __typename } } }"
WHERE = "query($id: ID!) { node(id: $id) { __typename ...Where } }"


def _where_fragment() -> str:
    types = " ".join(f"... on {name} {{ tenant {{ slug path }} }}" for name in NODE_TYPES)
    return f"fragment Where on Node {{ {types} }}"


async def _placed(model: type[Model], tenant_slug: str, classification: str, nth: int = 0) -> str:
    """The ``nth`` demo record of ``model``, moved to the tenant and classification given."""
    row = await model.all().order_by("id").offset(nth).first()
    assert row is not None, f"the demo has {nth + 1} of {model.__name__}"
    tenant = await Tenant.get(slug=tenant_slug)
    await model.filter(pk=row.pk).update(tenant_id=tenant.id, classification=classification)
    return str(row.pk)


@pytest.mark.parametrize("type_name", sorted(NODE_TYPES))
async def test_a_network_record_from_above_reaches_the_team_and_says_where_it_lives(
    client: Client, type_name: str
) -> None:
    # given a NETWORK record of the global tenant
    model, travels = NODE_TYPES[type_name]
    global_id = relay_id(type_name, await _placed(model, "global", "network"))
    # when a national team reads it by id
    reply = await client.gql(WHERE + _where_fragment(), {"id": global_id}, user=TEAM)
    # then it is there, in the global tenant, if the policy lets it travel down
    expected = {"__typename": type_name, "tenant": {"slug": "global", "path": "/global"}}
    assert reply.data == {"node": expected if travels else None}


@pytest.mark.parametrize("type_name", sorted(NODE_TYPES))
@pytest.mark.parametrize(
    ("tenant_slug", "classification"),
    [("global", "restricted"), ("global", "confidential"), ("spain", "network")],
)
async def test_what_must_not_travel_answers_as_an_unknown_id(
    client: Client, type_name: str, tenant_slug: str, classification: str
) -> None:
    # given a RESTRICTED or CONFIDENTIAL record above, or a NETWORK one of a sibling region
    model, _ = NODE_TYPES[type_name]
    foreign = relay_id(type_name, await _placed(model, tenant_slug, classification))
    # when the team and a partner ask for it, alone and among others
    query = "query($a: ID!) { a: node(id: $a) { id } nodes(ids: [$a]) { id } }"
    replies = [await client.gql(query, {"a": foreign}, user=who) for who in (TEAM, PARTNER)]
    # then it answers as an id that names nothing
    assert [r.body for r in replies] == [{"data": {"a": None, "nodes": [None]}}] * 2


async def test_public_records_reach_across_regions_and_network_ones_do_not(
    client: Client,
) -> None:
    # given a PUBLIC and a NETWORK knowledge resource of Spain
    public = relay_id("KnowledgeResource", await _placed(KnowledgeResource, "spain", "public"))
    network = relay_id(
        "KnowledgeResource", await _placed(KnowledgeResource, "spain", "network", nth=1)
    )
    document = (
        "query($tenant: String) { knowledgeResources(scope: NETWORK, first: 100, "
        "filter: { tenant: $tenant }) { totalCount edges { node { id classification "
        "tenant { slug } } } } }"
    )
    # when the Bangladesh team lists the network's resources, and Spain's
    everywhere = await client.gql(document, user=TEAM)
    spain = await client.gql(document, {"tenant": "spain"}, user=TEAM)
    # then Spain's PUBLIC resources are among them, in Spain, and nothing else of Spain
    ids = {e["node"]["id"] for e in everywhere.data["knowledgeResources"]["edges"]}
    assert public in ids
    assert network not in ids
    of_spain = [e["node"] for e in spain.data["knowledgeResources"]["edges"]]
    assert public in {node["id"] for node in of_spain}
    assert {(n["classification"], n["tenant"]["slug"]) for n in of_spain} == {("PUBLIC", "spain")}
    assert spain.data["knowledgeResources"]["totalCount"] == len(of_spain)


LISTS = {
    "workStreams": "workStreams",
    "priorities": "priorities",
    "organisations": "organisations",
    "contacts": "contacts",
    "consultations": "consultations",
    "proposals": "proposals",
    "initiatives": "initiatives",
    "knowledgeResources": "knowledgeResources",
    "funds": "funds",
    "advocacyNotes": "advocacyNotes",
    "statements": "statements",
}


def _count(field: str, scope: str, tenant: str | None = None) -> str:
    tenant_argument = "" if tenant is None else f'"{tenant}"'
    if field in ("funds", "advocacyNotes", "statements"):
        where = f", tenant: {tenant_argument}" if tenant else ""
    else:
        where = f", filter: {{ tenant: {tenant_argument} }}" if tenant else ""
    page = "{ totalCount edges { node { id } } }"
    return f"{{ {field}(first: 100, scope: {scope}{where}) {page} }}"


@pytest.mark.parametrize("field", sorted(LISTS))
async def test_every_list_keeps_to_the_subtree_unless_asked_for_the_network(
    client: Client, field: str
) -> None:
    # when the team lists in its subtree, in the network, and in the network by tenant
    subtree = await client.gql(_count(field, "SUBTREE"), user=TEAM)
    network = await client.gql(_count(field, "NETWORK"), user=TEAM)
    spain = await client.gql(_count(field, "NETWORK", "spain"), user=TEAM)
    plain = await client.gql(_count(field, "SUBTREE").replace(", scope: SUBTREE", ""), user=TEAM)
    # then asking for nothing answers as before, the network holds at least the subtree,
    # and counts are what the pages hold
    assert plain.body == subtree.body
    for reply in (subtree, network, spain):
        if reply.data[field] is not None:
            connection = reply.data[field]
            assert connection["totalCount"] == len(connection["edges"])
    if subtree.data[field] is not None:
        mine = {e["node"]["id"] for e in subtree.data[field]["edges"]}
        theirs = {e["node"]["id"] for e in network.data[field]["edges"]}
        assert mine <= theirs


async def test_the_demo_shows_the_network_to_the_bangladesh_team(client: Client) -> None:
    # when the Bangladesh team looks at the network
    reply = await client.gql(
        """{
          funds(scope: NETWORK) { edges { node { name tenant { slug }
            totals { committed { amount currency } } } } }
          consultations(scope: NETWORK, first: 100) { edges { node {
            title { text } tenant { slug } } } }
          knowledgeResources(scope: NETWORK, first: 100) { totalCount }
          mine: knowledgeResources(first: 100) { totalCount }
        }""",
        user=TEAM,
    )
    # then it sees the start-up fund and its totals, the Geneva consultation and the
    # knowledge platform of the global tenant
    [fund] = reply.data["funds"]["edges"]
    assert fund["node"]["name"].startswith("Start-up Fund")
    assert fund["node"]["tenant"] == {"slug": "global"}
    assert fund["node"]["totals"]["committed"]["currency"] == "USD"
    titles = {e["node"]["title"]["text"] for e in reply.data["consultations"]["edges"]}
    assert any(t.startswith("Consultation of the UN Network on Migration") for t in titles)
    network = reply.data["knowledgeResources"]["totalCount"]
    assert network > reply.data["mine"]["totalCount"]


async def test_cached_answers_never_mix_scopes_and_follow_writes_anywhere(
    client: Client,
) -> None:
    # given a RESTRICTED resource of Spain, and the team's answers for its subtree and for
    # the network, each cached
    row_id = await _placed(KnowledgeResource, "spain", "restricted")
    document = "{ knowledgeResources(scope: %s, first: 100) { totalCount } }"
    subtree = await client.gql(document % "SUBTREE", user=TEAM)
    network = await client.gql(document % "NETWORK", user=TEAM)
    assert subtree.body != network.body
    again = await client.gql(document % "NETWORK", user=TEAM)
    assert again.body == network.body
    hits = client.app.state.graphql.results.hits
    # when Spain, in another region, makes it PUBLIC outside the hub
    await Tortoise.get_connection("default").execute_script(
        f"UPDATE knowledge_resource SET classification = 'public' WHERE id = '{row_id}'"
    )
    # then the network's answer is read afresh, and counts it
    fresh = await client.gql(document % "NETWORK", user=TEAM)
    assert client.app.state.graphql.results.hits == hits
    before = network.data["knowledgeResources"]["totalCount"]
    assert fresh.data["knowledgeResources"]["totalCount"] == before + 1


async def test_nothing_that_reached_a_caller_can_be_changed_by_it(client: Client) -> None:
    # given shared records of the global tenant that reach the Bangladesh team
    stream = await WorkStream.filter(tenant__slug="global", classification="network").first()
    organisation = await Organisation.filter(tenant__slug="global").first()
    assert stream is not None
    assert organisation is not None
    await Organisation.filter(pk=organisation.pk).update(classification="network")
    mutations: list[tuple[str, dict[str, Any]]] = [
        (
            'mutation($id: ID!) { updateWorkStream(input: {id: $id, title: "Taken"}) '
            "{ workStream { id } } }",
            {"id": relay_id("WorkStream", stream.id)},
        ),
        (
            "mutation($id: ID!, $org: ID!) { addWorkStreamMember(input: "
            "{workStream: $id, organisation: $org}) { member { id } } }",
            {
                "id": relay_id("WorkStream", stream.id),
                "org": relay_id("Organisation", organisation.id),
            },
        ),
        (
            'mutation($id: ID!) { updateOrganisation(input: {id: $id, name: "Taken"}) '
            "{ organisation { id } } }",
            {"id": relay_id("Organisation", organisation.id)},
        ),
    ]
    for document, variables in mutations:
        # when the team, which reads them and may update such records at home, writes
        seen = await client.gql(NODE, variables, user=TEAM)
        reply = await client.gql(document, variables, user=TEAM)
        # then they answer as unknown ids do, and stay as they were
        assert seen.data["node"] is not None
        assert reply.codes == ["NOT_FOUND"], document
    await stream.refresh_from_db()
    await organisation.refresh_from_db()
    assert stream.title != "Taken"
    assert organisation.name != "Taken"
