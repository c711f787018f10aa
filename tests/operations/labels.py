"""Run cases for schema/operations/labels.graphql."""

from __future__ import annotations

from hub.i18n.enum_labels import ENUM_LABELS
from tests.operations.runner import PARTNER, Operations, runs


@runs("labels.graphql", "Labels")
async def labels(ops: Operations) -> None:
    data = await ops.data("labels.graphql", "Labels", {"lang": "ES"}, user=PARTNER)

    entries = data["enumLabels"]
    assert len(entries) == sum(len(values) for values in ENUM_LABELS.values())
    held = next(e for e in entries if e["enum"] == "CONSULTATION_STATUS" and e["value"] == "HELD")
    assert held["localizedLabel"] == {
        "text": ENUM_LABELS["ConsultationStatus"]["HELD"]["es"],
        "language": "ES",
    }
    gender = next(t for t in data["themes"] if t["theme"] == "GENDER")
    assert gender["localizedLabel"] == {"text": "Género", "language": "ES"}


@runs("labels.graphql", "EnumLabels")
async def enum_labels(ops: Operations) -> None:
    data = await ops.data(
        "labels.graphql", "EnumLabels", {"enum": "NOTE_STATUS", "lang": "ZH"}, user=PARTNER
    )

    assert [e["value"] for e in data["enumLabels"]] == list(ENUM_LABELS["NoteStatus"])
    assert [e["localizedLabel"]["text"] for e in data["enumLabels"]] == [
        labels["zh"] for labels in ENUM_LABELS["NoteStatus"].values()
    ]
