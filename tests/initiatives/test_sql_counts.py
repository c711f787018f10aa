"""A page of initiatives with their organisations costs the same number of statements for
any page size."""

from __future__ import annotations

from datetime import date

import pytest

from hub.initiatives.models import Initiative
from hub.stakeholders.models import Organisation
from hub.tenancy.models import Tenant
from tests.conftest import Client
from tests.initiatives.queries import COORDINATOR, WITH_ORGANISATIONS

OPEN = {"classification": ["PUBLIC", "NETWORK"]}


@pytest.fixture
async def many(client: Client) -> None:
    # Not confidential: reading those adds an audit entry, counted elsewhere.
    tenant = await Tenant.get(slug="global")
    organisations = await Organisation.filter(tenant=tenant)
    await Initiative.bulk_create(
        [
            Initiative(
                tenant=tenant,
                organisation=organisations[n % len(organisations)] if n % 4 else None,
                title={"en": f"Initiative {n}"},
                title_index=f"Initiative {n}",
                summary={"en": "Summary"},
                kind="action",
                starts_on=date(2020, 1, 1 + n),
            )
            for n in range(20)
        ]
    )


@pytest.mark.usefixtures("many")
async def test_statements_do_not_grow_with_the_page(client: Client, sql_log: list[str]) -> None:
    counts = []
    for first in (1, 20):
        await client.warm(COORDINATOR)
        sql_log.clear()
        reply = await client.gql(
            WITH_ORGANISATIONS, {"first": first, "filter": OPEN}, user=COORDINATOR
        )
        assert not reply.errors, reply.errors
        assert len(reply.data["initiatives"]["edges"]) == first
        counts.append(len(sql_log))
    assert counts[0] == counts[1], sql_log
