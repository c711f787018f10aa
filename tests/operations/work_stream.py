"""Run cases for schema/operations/work_stream.graphql."""

from __future__ import annotations

from tests.operations.runner import (
    COORDINATOR,
    FOCAL_ASIA,
    HUB_STREAM,
    TEAM_BANGLADESH,
    Operations,
    nodes,
    runs,
)


async def stream_id(ops: Operations, title: str, user: str = COORDINATOR) -> str:
    data = await ops.data("work_stream.graphql", "WorkStreams", {"search": title}, user=user)
    (stream,) = nodes(data["workStreams"])
    return str(stream["id"])


@runs("work_stream.graphql", "WorkStreams")
async def work_streams(ops: Operations) -> None:
    data = await ops.data("work_stream.graphql", "WorkStreams", user=TEAM_BANGLADESH)
    active = await ops.data(
        "work_stream.graphql", "WorkStreams", {"status": ["ACTIVE"]}, user=TEAM_BANGLADESH
    )

    titles = [s["title"] for s in nodes(data["workStreams"])]
    assert titles == sorted(titles)
    assert len(titles) == 3
    assert 0 < active["workStreams"]["totalCount"] < 3


@runs("work_stream.graphql", "WorkStream")
async def work_stream_page(ops: Operations) -> None:
    stream = await stream_id(ops, HUB_STREAM)

    data = await ops.data("work_stream.graphql", "WorkStream", {"id": stream}, user=COORDINATOR)

    page = data["node"]
    assert page["title"] == HUB_STREAM
    assert page["localizedTitle"]["language"] == "EN"
    assert [m["organisation"]["name"] for m in page["members"]] == [
        "Business network on responsible recruitment (demo)"
    ]
    priorities = [p["title"]["text"] for p in nodes(data["priorities"])]
    assert priorities == ["A dedicated work stream on the knowledge platform and connection hub"]
    proposals = nodes(data["proposals"])
    assert [p["title"] for p in proposals] == [
        "Civil society in standing up the knowledge platform and connection hub"
    ]


@runs("work_stream.graphql", "UpdateWorkStream")
async def update_work_stream(ops: Operations) -> None:
    stream = await stream_id(ops, "National GCM implementation", user=FOCAL_ASIA)

    data = await ops.data(
        "work_stream.graphql",
        "UpdateWorkStream",
        {"input": {"id": stream, "status": "PAUSED"}},
        user=FOCAL_ASIA,
    )

    assert data["updateWorkStream"]["errors"] == []
    assert data["updateWorkStream"]["workStream"]["status"] == "PAUSED"
