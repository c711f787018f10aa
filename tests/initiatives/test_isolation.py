"""Adversarial: no path leads to an initiative outside what the caller's roles allow."""

from __future__ import annotations

from datetime import date

from hub.directory.models import Organisation
from hub.initiatives.models import Initiative
from hub.tenancy.models import Tenant
from tests.conftest import Client, relay_id
from tests.contract.lists import LEGAL_AID
from tests.initiatives.queries import (
    FOCAL_EUROPE,
    INITIATIVES,
    PARTNER,
    REPORT,
    TEAM_BANGLADESH,
    UPDATE,
    WITH_ORGANISATIONS,
    titles,
)

MEMBER_ORGANISATION = "Migrant workers' rights network (demo)"
ORIENTATION = "Pre-departure orientation on fair recruitment (demo)"


async def _row(title: str) -> Initiative:
    return next(r for r in await Initiative.all() if r.title.get("en") == title)


async def _id(title: str) -> str:
    return relay_id("Initiative", (await _row(title)).id)


async def _titles_in(*slugs: str, classifications: tuple[str, ...]) -> set[str]:
    rows = await Initiative.filter(tenant__slug__in=slugs, classification__in=classifications)
    return {row.title["en"] for row in rows}


async def test_lists_hold_only_the_callers_subtree_and_classifications(client: Client) -> None:
    europe = await client.gql(INITIATIVES, {"first": 50}, user=FOCAL_EUROPE)
    partner = await client.gql(INITIATIVES, {"first": 50}, user=PARTNER)
    team = await client.gql(INITIATIVES, {"first": 50}, user=TEAM_BANGLADESH)
    assert set(titles(europe.data)) == await _titles_in(
        "europe-central-asia", "spain", classifications=("public", "network", "restricted")
    )
    assert len(titles(europe.data)) == 1
    assert set(titles(partner.data)) == await _titles_in(
        "bangladesh", "dhaka", classifications=("public", "network")
    )
    assert partner.data["initiatives"]["totalCount"] == 3
    assert LEGAL_AID in titles(team.data)


async def test_a_higher_classification_stays_hidden_everywhere(client: Client) -> None:
    # given a restricted initiative of the partner's own organisation
    secret_id = await _id(LEGAL_AID)
    # when
    by_theme = await client.gql(INITIATIVES, {"filter": {"theme": ["CIVIC_SPACE"]}}, user=PARTNER)
    update = await client.gql(
        UPDATE, {"input": {"id": secret_id, "status": "COMPLETED"}}, user=PARTNER
    )
    # then
    assert by_theme.data["initiatives"]["totalCount"] == 0
    assert update.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert (await _row(LEGAL_AID)).status == "ongoing"


async def test_a_hidden_reporting_organisation_is_null(client: Client) -> None:
    # given an initiative the partner may see, reported by an organisation it may not
    bangladesh = await Tenant.get(slug="bangladesh")
    hidden = await Organisation.create(
        tenant=bangladesh,
        name="Shelter for survivors",
        kind="civil_society",
        classification="restricted",
    )
    await Initiative.create(
        tenant=bangladesh,
        organisation=hidden,
        title={"en": "Safe houses"},
        title_index="Safe houses",
        search_text="Safe houses",
        kind="action",
        starts_on=date(2019, 4, 1),
    )
    # when
    reply = await client.gql(
        WITH_ORGANISATIONS, {"first": 50, "filter": {"search": "safe houses"}}, user=PARTNER
    )
    # then
    [edge] = reply.data["initiatives"]["edges"]
    assert edge["node"]["title"] == {"text": "Safe houses"}
    assert edge["node"]["organisation"] is None
    assert edge["node"]["byNetwork"] is False
    # and filtering by it finds nothing
    by_hidden = await client.gql(
        INITIATIVES,
        {"filter": {"organisation": relay_id("Organisation", hidden.id)}},
        user=PARTNER,
    )
    assert by_hidden.data["initiatives"]["totalCount"] == 0


async def test_nobody_reports_or_reclassifies_above_their_classification(client: Client) -> None:
    before = await Initiative.all().count()
    mine = await Organisation.get(name=MEMBER_ORGANISATION)
    report = await client.gql(
        REPORT,
        {
            "input": {
                "organisation": relay_id("Organisation", mine.id),
                "title": [{"language": "EN", "text": "Restricted"}],
                "kind": "ACTION",
                "startsOn": "2019-05-01",
                "classification": "RESTRICTED",
            }
        },
        user=PARTNER,
    )
    reclassify = await client.gql(
        UPDATE,
        {"input": {"id": await _id(ORIENTATION), "classification": "RESTRICTED"}},
        user=PARTNER,
    )
    assert report.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert reclassify.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await Initiative.all().count() == before
    assert (await _row(ORIENTATION)).classification == "network"
