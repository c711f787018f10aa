"""Adversarial: no path leads to a knowledge resource outside what the caller's roles
allow."""

from __future__ import annotations

from hub.demo.knowledge import GCM
from hub.directory.models import Organisation
from hub.knowledge.models import KnowledgeResource
from hub.tenancy.models import Tenant
from tests.conftest import Client, relay_id
from tests.knowledge.queries import (
    DONOR,
    FOCAL_EUROPE,
    GLOBAL_PARTNER,
    PARTNER,
    RESOURCES,
    SHARE,
    UPDATE,
    WITH_SHARERS,
    titles,
)

MEMBER_ORGANISATION = "Migrant workers' rights network (demo)"
RECRUITMENT = "Fair recruitment: a guide for migrant workers (demo)"
SPAIN_GUIDE = "Guide to services for migrants (demo)"


async def _row(title: str) -> KnowledgeResource:
    return next(r for r in await KnowledgeResource.all() if r.title.get("en") == title)


async def _id(title: str) -> str:
    return relay_id("KnowledgeResource", (await _row(title)).id)


async def test_lists_hold_only_the_callers_subtree(client: Client) -> None:
    europe = await client.gql(RESOURCES, {"first": 50}, user=FOCAL_EUROPE)
    partner = await client.gql(RESOURCES, {"first": 50}, user=PARTNER)
    everyone = await client.gql(RESOURCES, {"first": 50}, user=GLOBAL_PARTNER)
    assert titles(europe.data) == [SPAIN_GUIDE]
    assert titles(partner.data) == [RECRUITMENT]
    assert everyone.data["knowledgeResources"]["totalCount"] == 6


async def test_a_higher_classification_stays_hidden_everywhere(client: Client) -> None:
    # given a donor, who reads only PUBLIC resources
    # when
    listed = await client.gql(RESOURCES, {"first": 50}, user=DONOR)
    by_language = await client.gql(RESOURCES, {"filter": {"language": ["FR"]}}, user=DONOR)
    # then
    assert listed.data["knowledgeResources"]["totalCount"] == 4
    assert titles(by_language.data) == [GCM]


async def test_a_hidden_sharing_organisation_is_null(client: Client) -> None:
    # given a public resource shared by an organisation the partner may not see
    bangladesh = await Tenant.get(slug="bangladesh")
    hidden = await Organisation.create(
        tenant=bangladesh,
        name="Shelter for survivors",
        kind="civil_society",
        classification="restricted",
    )
    await KnowledgeResource.create(
        tenant=bangladesh,
        shared_by=hidden,
        title={"en": "Referral pathways"},
        title_index="Referral pathways",
        search_text="Referral pathways",
        kind="document",
        url="https://shelter.example.org/referral",
        published_order="2019-04-01",
    )
    # when
    reply = await client.gql(
        WITH_SHARERS, {"first": 50, "filter": {"search": "referral"}}, user=PARTNER
    )
    # then
    [edge] = reply.data["knowledgeResources"]["edges"]
    assert edge["node"]["title"] == {"text": "Referral pathways"}
    assert edge["node"]["sharedBy"] is None


async def test_nobody_shares_or_reclassifies_above_their_classification(client: Client) -> None:
    before = await KnowledgeResource.all().count()
    mine = await Organisation.get(name=MEMBER_ORGANISATION)
    share = await client.gql(
        SHARE,
        {
            "input": {
                "sharedBy": relay_id("Organisation", mine.id),
                "title": [{"language": "EN", "text": "Restricted"}],
                "kind": "DOCUMENT",
                "url": "https://example.org/restricted",
                "classification": "RESTRICTED",
            }
        },
        user=PARTNER,
    )
    reclassify = await client.gql(
        UPDATE,
        {"input": {"id": await _id(RECRUITMENT), "classification": "RESTRICTED"}},
        user=PARTNER,
    )
    donor = await client.gql(
        SHARE,
        {
            "input": {
                "title": [{"language": "EN", "text": "From a donor"}],
                "kind": "LINK",
                "url": "https://example.org",
            }
        },
        user=DONOR,
    )
    for reply in (share, reclassify, donor):
        assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await KnowledgeResource.all().count() == before
    assert (await _row(RECRUITMENT)).classification == "network"
