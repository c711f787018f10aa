"""Run cases for schema/operations/consultation.graphql."""

from __future__ import annotations

from tests.operations.runner import (
    GENEVA,
    GLOBAL_PARTNER,
    MAYORS,
    Operations,
    nodes,
    runs,
)


@runs("consultation.graphql", "Consultations")
async def consultations(ops: Operations) -> None:
    data = await ops.data("consultation.graphql", "Consultations", user=GLOBAL_PARTNER)
    held = await ops.data(
        "consultation.graphql", "Consultations", {"status": ["HELD"]}, user=GLOBAL_PARTNER
    )

    titles = [c["title"]["text"] for c in nodes(data["consultations"])]
    assert set(titles) == {GENEVA, MAYORS}
    assert [c["title"]["text"] for c in nodes(held["consultations"])] == [GENEVA]


@runs("consultation.graphql", "Consultation")
async def consultation_page(ops: Operations) -> None:
    listed = await ops.data(
        "consultation.graphql", "Consultations", {"status": ["HELD"]}, user=GLOBAL_PARTNER
    )
    geneva_id = nodes(listed["consultations"])[0]["id"]

    data = await ops.data(
        "consultation.graphql",
        "Consultation",
        {"id": geneva_id, "lang": "FR"},
        user=GLOBAL_PARTNER,
    )

    page = data["node"]
    assert page["title"]["language"] == "FR"
    assert set(page["title"]["available"]) >= {"EN", "FR", "ES"}
    assert [s["number"] for s in page["sessions"]] == [1, 2, 3, 4]
    assert all(s["keyRecommendations"] for s in page["sessions"])
    assert page["participants"]
    assert all(p["organisation"] or p["contact"] for p in page["participants"])
