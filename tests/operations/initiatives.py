"""Run cases for schema/operations/initiatives.graphql."""

from __future__ import annotations

from tests.operations.runner import (
    PARTNER,
    RIGHTS_NETWORK,
    Operations,
    nodes,
    organisation_id,
    runs,
)

FILE = "initiatives.graphql"


@runs(FILE, "Initiatives")
async def initiatives(ops: Operations) -> None:
    everything = await ops.data(FILE, "Initiatives", user=PARTNER)
    events = await ops.data(FILE, "Initiatives", {"filter": {"kind": ["EVENT"]}}, user=PARTNER)

    assert everything["initiatives"]["totalCount"] >= events["initiatives"]["totalCount"] > 0
    assert {i["kind"] for i in nodes(events["initiatives"])} == {"EVENT"}


@runs(FILE, "ReportInitiative")
async def report_initiative(ops: Operations) -> None:
    data = await ops.data(
        FILE,
        "ReportInitiative",
        {
            "input": {
                "title": [{"language": "EN", "text": "Legal clinics for returnees (demo)"}],
                "organisation": await organisation_id(RIGHTS_NETWORK),
                "kind": "ACTION",
                "startsOn": "2019-06-01",
                "country": "BD",
            }
        },
        user=PARTNER,
    )

    assert data["reportInitiative"]["errors"] == []
    assert data["reportInitiative"]["initiative"]["kind"] == "ACTION"
