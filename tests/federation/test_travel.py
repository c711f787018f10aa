"""What the policy lets travel from a hub to the others, decided as a request's reach is:
the region shares what its ``hubs`` rules name, the global hub sends down what its ``up``
and ``network`` rules let reach the region's tenants, and nothing RESTRICTED or
CONFIDENTIAL leaves whatever a rule says."""

from __future__ import annotations

from uuid import UUID, uuid5

from starlette.applications import Starlette

from hub.access.decisions import Decisions
from hub.access.resources import Action
from hub.core.classification import Classification
from hub.federation.shared import SHARED_LEVELS, SHARED_TABLES
from hub.federation.travel import TenantPlace, Travel, travelling
from hub.tenancy.domains import HUBS, reaches

GLOBAL = "/global"
ASIA_PACIFIC = "/global/asia-pacific"
BANGLADESH = "/global/asia-pacific/bangladesh"
EUROPE = "/global/europe-central-asia"
SPAIN = "/global/europe-central-asia/spain"
NAMESPACE = UUID("00000000-0000-0000-0000-00000000f3d0")


def _tree(region_hub: str, global_hub: str) -> list[TenantPlace]:
    """The demo tree, Asia-Pacific named for ``region_hub`` and the rest for ``global_hub``."""
    return [
        TenantPlace(
            path, uuid5(NAMESPACE, path), region_hub if ASIA_PACIFIC in path else global_hub
        )
        for path in (GLOBAL, ASIA_PACIFIC, BANGLADESH, EUROPE, SPAIN)
    ]


def _at(travels: list[Travel], path: str) -> set[tuple[str, Classification]]:
    return {(t.table, t.classification) for t in travels if t.tenant_id == uuid5(NAMESPACE, path)}


async def test_the_region_shares_upward_what_its_hubs_rules_name(
    app: Starlette, network: None
) -> None:
    travels = travelling(app.state.access, _tree("asia-pacific", "global"), "asia-pacific")
    everything = {(s.table, level) for s in SHARED_TABLES for level in SHARED_LEVELS}
    # every shared table at PUBLIC and NETWORK, from each of the region's own tenants
    for path in (ASIA_PACIFIC, BANGLADESH):
        assert _at(travels, path) == everything
    # and nothing of the tenants it holds copies of
    assert {t.tenant_id for t in travels} == {
        uuid5(NAMESPACE, p) for p in (ASIA_PACIFIC, BANGLADESH)
    }
    assert not {t for t in travels if t.classification not in SHARED_LEVELS}


async def test_the_global_hub_sends_down_what_reaches_the_region(
    app: Starlette, network: None
) -> None:
    travels = travelling(app.state.access, _tree("asia-pacific", ""), "global")
    # the fund, the knowledge platform, statements, the directory of the tenant above
    above = _at(travels, GLOBAL)
    for table in ("fund", "fund_allocation", "knowledge_resource", "statement", "organisation"):
        assert {(table, Classification.PUBLIC), (table, Classification.NETWORK)} <= above
    # never the contacts, advocacy notes or pledges of anyone
    assert not {t for t in travels if t.table in ("contact", "advocacy_note", "fund_pledge")}
    # from a sibling region's tenant, only what reaches the whole network
    assert _at(travels, SPAIN) == {
        (table, Classification.PUBLIC)
        for table in (
            "knowledge_resource",
            "statement",
            "consultation",
            "consultation_session",
            "consultation_participant",
            "organisation",
        )
    }


async def test_nothing_travels_before_another_hub_is_known(app: Starlette, network: None) -> None:
    assert travelling(app.state.access, _tree("", ""), "global") == []


async def test_a_hubs_rule_lets_nothing_more_be_read_within_a_hub(
    app: Starlette, network: None
) -> None:
    # a hubs reach names records below the tenant that asks, never above or across
    assert reaches(BANGLADESH, ASIA_PACIFIC, HUBS)
    assert not reaches(GLOBAL, ASIA_PACIFIC, HUBS)
    assert not reaches(SPAIN, ASIA_PACIFIC, HUBS)
    assert not reaches(ASIA_PACIFIC, ASIA_PACIFIC, HUBS)
    # and a caller of Bangladesh reads from above only what the up rules bring
    team = Decisions(app.state.access, "team.bangladesh@network.example.org", BANGLADESH)
    assert not team.travels("advocacy_note:network", Action.READ, GLOBAL)
    assert not team.travels("contact:network", Action.READ, ASIA_PACIFIC)
