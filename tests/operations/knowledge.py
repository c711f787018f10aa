"""Run cases for schema/operations/knowledge.graphql."""

from __future__ import annotations

from tests.operations.runner import COORDINATOR, GLOBAL_PARTNER, Operations, nodes, runs

FILE = "knowledge.graphql"


@runs(FILE, "KnowledgePlatform")
async def knowledge_platform(ops: Operations) -> None:
    data = await ops.data(FILE, "KnowledgePlatform", {"lang": "ES"}, user=GLOBAL_PARTNER)

    shared = nodes(data["knowledgeResources"])
    assert shared
    assert all(r["url"].startswith("http") for r in shared)


@runs(FILE, "ShareKnowledgeResource")
async def share(ops: Operations) -> None:
    data = await ops.data(
        FILE,
        "ShareKnowledgeResource",
        {
            "input": {
                "title": [{"language": "EN", "text": "Guide to national GCM plans (demo)"}],
                "kind": "DOCUMENT",
                "url": "https://example.org/gcm-guide",
            }
        },
        user=COORDINATOR,
    )

    assert data["shareKnowledgeResource"]["errors"] == []
    assert data["shareKnowledgeResource"]["knowledgeResource"]["kind"] == "DOCUMENT"
