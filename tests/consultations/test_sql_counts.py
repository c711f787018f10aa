"""A page of consultations with their sessions and participants costs the same number of
statements for any page size."""

from __future__ import annotations

from datetime import date

import pytest

from hub.consultations.models import Consultation, Participant, WorkingSession
from hub.stakeholders.models import Organisation
from hub.tenancy.models import Tenant
from tests.conftest import Client
from tests.consultations.queries import COORDINATOR

PAGES = """
query($first: Int) {
  consultations(first: $first, filter: {classification: [PUBLIC, NETWORK]}) {
    edges { node {
      title { text } summary { text }
      sessions { number title { text } }
      participants { role organisation { name } contact { name } }
    } }
  }
}
"""


@pytest.fixture
async def many(client: Client) -> None:
    tenant = await Tenant.get(slug="global")
    organisation = await Organisation.get(name="International Committee of the Red Cross")
    for n in range(15):
        consultation = await Consultation.create(
            tenant=tenant,
            title={"en": f"Consultation {n}"},
            title_index=f"Consultation {n}",
            kind="thematic",
            starts_on=date(2020, 1, 1 + n),
            ends_on=date(2020, 1, 1 + n),
            online=True,
        )
        await WorkingSession.create(
            tenant=tenant, consultation=consultation, number=1, title={"en": "Session"}
        )
        await Participant.create(
            tenant=tenant, consultation=consultation, organisation=organisation
        )


@pytest.mark.usefixtures("many")
async def test_statements_do_not_grow_with_the_page(client: Client, sql_log: list[str]) -> None:
    counts = []
    for first in (1, 15):
        await client.warm(COORDINATOR)
        sql_log.clear()
        reply = await client.gql(PAGES, {"first": first}, user=COORDINATOR)
        assert not reply.errors, reply.errors
        assert len(reply.data["consultations"]["edges"]) == first
        counts.append(len(sql_log))
    assert counts[0] == counts[1], sql_log
