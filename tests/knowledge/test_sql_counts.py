"""A page of knowledge resources with who shared them costs the same number of statements
for any page size."""

from __future__ import annotations

from datetime import date

import pytest

from hub.knowledge.models import KnowledgeResource
from hub.stakeholders.models import Organisation
from hub.tenancy.models import Tenant
from tests.conftest import Client
from tests.knowledge.queries import COORDINATOR, WITH_SHARERS

OPEN = {"classification": ["PUBLIC", "NETWORK"]}


@pytest.fixture
async def many(client: Client) -> None:
    # Not confidential: reading those adds an audit entry, counted elsewhere.
    tenant = await Tenant.get(slug="global")
    organisations = await Organisation.filter(tenant=tenant)
    await KnowledgeResource.bulk_create(
        [
            KnowledgeResource(
                tenant=tenant,
                shared_by=organisations[n % len(organisations)] if n % 3 else None,
                title={"en": f"Resource {n}"},
                title_index=f"Resource {n}",
                description={"en": "About it"},
                kind="link",
                url=f"https://example.org/{n}",
                published_on=date(2020, 1, 1 + n),
                published_order=date(2020, 1, 1 + n),
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
        reply = await client.gql(WITH_SHARERS, {"first": first, "filter": OPEN}, user=COORDINATOR)
        assert not reply.errors, reply.errors
        assert len(reply.data["knowledgeResources"]["edges"]) == first
        counts.append(len(sql_log))
    assert counts[0] == counts[1], sql_log
