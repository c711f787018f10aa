"""Run cases for schema/operations/work_plan.graphql."""

from __future__ import annotations

from tests.operations.runner import COORDINATOR, Operations, nodes, runs

FILE = "work_plan.graphql"


@runs(FILE, "WorkPlan")
async def work_plan(ops: Operations) -> None:
    data = await ops.data(FILE, "WorkPlan", {"lang": "FR"}, user=COORDINATOR)

    horizons = {p["horizon"] for p in nodes(data["priorities"])}
    assert len(horizons) > 1
    assert all(p["title"]["text"] for p in nodes(data["priorities"]))


@runs(FILE, "CreatePriority")
async def create_priority(ops: Operations) -> None:
    data = await ops.data(
        FILE,
        "CreatePriority",
        {
            "input": {
                "title": [{"language": "EN", "text": "Return and reintegration (demo)"}],
                "horizon": "LONG_TERM",
            }
        },
        user=COORDINATOR,
    )

    assert data["createPriority"]["errors"] == []
    assert data["createPriority"]["priority"]["status"] == "PROPOSED"
