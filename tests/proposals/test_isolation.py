"""Adversarial: no path leads to a proposal outside what the caller's roles allow."""

from __future__ import annotations

from hub.directory.models import Organisation
from hub.proposals.models import Proposal
from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id
from tests.contract.seeds import restricted_proposal_in_bangladesh
from tests.proposals.queries import (
    ARCHIVE,
    FOCAL_ASIA,
    FOCAL_EUROPE,
    LEAD_DHAKA,
    NODE,
    PARTNER,
    PROPOSALS,
    REVIEW,
    SUBMIT,
    WORK_STREAMS_WITH_PROPOSALS,
    titles,
)

BANGLADESH_PROPOSAL = "Address racism and xenophobia"
MEMBER_ORGANISATION = "Migrant workers' rights network (demo)"


async def _id(title: str) -> str:
    return relay_id("Proposal", (await Proposal.get(title=title)).id)


async def _titles_in(*slugs: str) -> set[str]:
    rows = await Proposal.filter(tenant__slug__in=slugs).values_list("title", flat=True)
    return {str(title) for title in rows}


async def test_lists_hold_only_the_callers_subtree(client: Client) -> None:
    europe = await client.gql(PROPOSALS, {"first": 100}, user=FOCAL_EUROPE)
    asia = await client.gql(PROPOSALS, {"first": 100}, user=FOCAL_ASIA)
    assert europe.data["proposals"] == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }
    assert set(titles(asia.data)) == await _titles_in("asia-pacific", "bangladesh", "dhaka")


async def test_a_higher_classification_stays_hidden_everywhere(client: Client) -> None:
    # given
    secret = await restricted_proposal_in_bangladesh()
    secret_id = relay_id("Proposal", secret.id)
    # when
    nested = await client.gql(
        WORK_STREAMS_WITH_PROPOSALS, {"first": 100, "nested": 100}, user=PARTNER
    )
    aliased = await client.gql(
        "query($id: ID!) { a: node(id: $id) { id } b: node(id: $id) { id } }",
        {"id": secret_id},
        user=PARTNER,
    )
    # then
    nested_titles = {
        p["node"]["title"]
        for s in nested.data["workStreams"]["edges"]
        for p in s["node"]["proposals"]["edges"]
    }
    assert nested_titles
    assert "Names a person at risk" not in nested_titles
    assert aliased.data == {"a": None, "b": None}
    # while a national team member may see it
    team = await client.gql(NODE, {"id": secret_id}, user="team.bangladesh@network.example.org")
    assert team.data["node"]["title"] == "Names a person at risk"


async def test_reviewing_a_foreign_proposal_is_not_found_and_changes_nothing(
    client: Client,
) -> None:
    # given reviewers of other subtrees: a region beside it, a tenant below it
    proposal_id = await _id(BANGLADESH_PROPOSAL)
    for reviewer in (FOCAL_EUROPE, LEAD_DHAKA):
        # when
        reply = await client.gql(
            REVIEW, {"input": {"id": proposal_id, "status": "UNDER_REVIEW"}}, user=reviewer
        )
        # then
        assert reply.data == {"reviewProposal": None}
        assert reply.errors[0]["extensions"]["code"] == "NOT_FOUND", reviewer
    row = await Proposal.get(title=BANGLADESH_PROPOSAL)
    assert row.status == "submitted"


async def test_a_reviewer_without_the_classification_cannot_review(client: Client) -> None:
    # given a confidential proposal in Dhaka, which its work-stream lead reads only up to
    # RESTRICTED
    stream = await WorkStream.get(
        title="Local consultations with migrant and diaspora organisations"
    )
    organisation = await Organisation.filter(tenant_id=stream.tenant_id).first()
    assert organisation is not None
    secret = await Proposal.create(
        tenant_id=stream.tenant_id,
        organisation=organisation,
        target="work_plan",
        title="Confidential",
        classification="confidential",
    )
    # when
    reply = await client.gql(
        REVIEW,
        {"input": {"id": relay_id("Proposal", secret.id), "status": "UNDER_REVIEW"}},
        user=LEAD_DHAKA,
    )
    # then
    assert reply.errors[0]["extensions"]["code"] == "NOT_FOUND"
    await secret.refresh_from_db()
    assert secret.status == "submitted"


async def test_archiving_needs_the_archive_permission(client: Client) -> None:
    reply = await client.gql(
        ARCHIVE, {"input": {"id": await _id(BANGLADESH_PROPOSAL)}}, user=FOCAL_ASIA
    )
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert (await Proposal.get(title=BANGLADESH_PROPOSAL)).archived_at is None


async def test_submitting_with_foreign_references_is_refused(client: Client) -> None:
    # given an organisation and a work stream the partner cannot see: global ones that
    # are not shared with the network (shared ones reach the partner)
    before = await Proposal.all().count()
    unions = await Organisation.get(name="Global federation of trade unions (demo)")
    foreign_stream = await WorkStream.get(title="The voice of the Network")
    await Organisation.filter(pk=unions.pk).update(classification="restricted")
    await WorkStream.filter(pk=foreign_stream.pk).update(classification="restricted")
    mine = await Organisation.get(name=MEMBER_ORGANISATION)
    # when
    as_foreign_organisation = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": relay_id("Organisation", unions.id),
                "target": "WORK_PLAN",
                "title": "In the unions' name",
            }
        },
        user=PARTNER,
    )
    to_foreign_stream = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": relay_id("Organisation", mine.id),
                "target": "WORK_STREAM",
                "workStream": relay_id("WorkStream", foreign_stream.id),
                "title": "Into the global work stream",
            }
        },
        user=PARTNER,
    )
    with_wrong_type = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": relay_id("WorkStream", mine.id),
                "target": "WORK_PLAN",
                "title": "An id of another type",
            }
        },
        user=PARTNER,
    )
    # then
    codes = [
        [(e["field"], e["code"]) for e in reply.data["submitProposal"]["errors"]]
        for reply in (as_foreign_organisation, to_foreign_stream, with_wrong_type)
    ]
    assert codes == [
        [("organisation", "NOT_FOUND")],
        [("workStream", "NOT_FOUND")],
        [("organisation", "NOT_FOUND")],
    ]
    assert await Proposal.all().count() == before


async def test_a_partner_cannot_submit_above_their_classification(client: Client) -> None:
    mine = await Organisation.get(name=MEMBER_ORGANISATION)
    reply = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": relay_id("Organisation", mine.id),
                "target": "WORK_PLAN",
                "title": "Restricted",
                "classification": "RESTRICTED",
            }
        },
        user=PARTNER,
    )
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert not await Proposal.exists(title="Restricted")
