"""A page of funds with everything under them costs the same number of statements for any
number of funds."""

from __future__ import annotations

from decimal import Decimal

import pytest

from hub.fund.models import (
    Fund,
    FundProject,
    Mou,
    Pledge,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.stakeholders.models import Organisation
from tests.conftest import Client
from tests.fund.queries import OVERVIEW, STEERING

OVERVIEW_WITH_PLEDGES = (
    OVERVIEW.replace(
        "totals {", "pledges(first: 5) { totalCount edges { node { donor { name } } } } totals {"
    )
    .replace("funds(first: 10)", "funds(first: $first)")
    .replace("query Overview", "query Overview($first: Int!)")
)


@pytest.fixture
async def more_funds(client: Client) -> None:
    template = await Fund.get(name__startswith="Start-up Fund")
    donor = await Organisation.get(name="Donor government A (demo)")
    unions = await Organisation.get(name="Global federation of trade unions (demo)")
    for n in range(5):
        fund = await Fund.create(
            tenant_id=template.tenant_id,
            name=f"Fund {n}",
            currency="USD",
            target_amount=Decimal(1000),
        )
        area = await ThematicArea.create(
            tenant_id=template.tenant_id, fund=fund, number=1, title="Area"
        )
        # Every relation filled, so that a page of one fund asks as much as a page of six.
        await FundProject.create(
            tenant_id=template.tenant_id,
            fund=fund,
            thematic_area=area,
            title="Project",
            budget=Decimal(5),
            currency="USD",
        )
        await Mou.create(tenant_id=template.tenant_id, fund=fund, signatory="Agency")
        await SteeringCommitteeMember.create(
            tenant_id=template.tenant_id,
            fund=fund,
            seat="civil_society",
            name="U",
            organisation=unions,
        )
        await Pledge.create(
            tenant_id=template.tenant_id,
            fund=fund,
            donor=donor,
            amount=Decimal(10),
            currency="USD",
        )


@pytest.mark.usefixtures("more_funds")
async def test_statements_do_not_grow_with_the_number_of_funds(
    client: Client, sql_log: list[str]
) -> None:
    counts = []
    for first in (1, 6):
        await client.warm(STEERING)
        sql_log.clear()
        reply = await client.gql(OVERVIEW_WITH_PLEDGES, {"first": first}, user=STEERING)
        assert not reply.errors, reply.errors
        assert len(reply.data["funds"]["edges"]) == first
        counts.append(len(sql_log))
    assert counts[0] == counts[1], sql_log
