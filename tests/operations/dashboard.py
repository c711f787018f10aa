"""Run cases for schema/operations/dashboard.graphql."""

from __future__ import annotations

from tests.operations.runner import (
    FOCAL_ASIA,
    MAYORS,
    Operations,
    nodes,
    runs,
)


@runs("dashboard.graphql", "Dashboard")
async def dashboard(ops: Operations) -> None:
    data = await ops.data("dashboard.graphql", "Dashboard", user=FOCAL_ASIA)

    assert data["viewer"]["tenant"]["path"] == "/global/asia-pacific"
    assert data["viewer"]["roles"] == ["regional_focal_point"]
    streams = nodes(data["workStreams"])
    assert streams
    assert {s["status"] for s in streams} == {"ACTIVE"}
    waiting = nodes(data["awaitingDecision"])
    assert waiting
    assert {p["status"] for p in waiting} <= {"SUBMITTED", "UNDER_REVIEW"}
    upcoming = [c["title"]["text"] for c in nodes(data["upcomingConsultations"])]
    # The Bangladesh team's meeting, below Asia-Pacific; the Geneva consultation was held.
    assert upcoming == [MAYORS]
    priorities = nodes(data["currentPriorities"])
    assert [p["title"]["text"] for p in priorities] == [
        "Dialogue beyond headquarters: regional, national and local"
    ]
    assert data["recentInitiatives"]["totalCount"] >= 1
