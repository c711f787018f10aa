"""Run cases for schema/operations/reports.graphql."""

from __future__ import annotations

from tests.operations.runner import COORDINATOR, PARTNER, Operations, runs


@runs("reports.graphql", "NetworkFigures")
async def network_figures(ops: Operations) -> None:
    network = await ops.data("reports.graphql", "NetworkFigures", user=COORDINATOR)
    partner = await ops.data("reports.graphql", "NetworkFigures", user=PARTNER)

    figures = network["report"]
    assert sum(t["count"] for t in figures["proposalsByStatus"]) == 13
    assert {t["key"] for t in figures["reviewOutcomes"]} == {"ACCEPTED", "DECLINED", "REFLECTED"}
    assert figures["participantsByConstituency"]
    assert [a["number"] for a in figures["fundAllocationsByThematicArea"]] == [1, 2]
    # a partner's figures hold what the partner may read, nothing more: Bangladesh's
    assert [t["key"] for t in partner["report"]["proposalsByTenant"]] == ["bangladesh"]
