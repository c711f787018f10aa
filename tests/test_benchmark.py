"""The benchmark-only switches: statement counts in a header, access control off, and
neither of them within reach of the production package."""

from __future__ import annotations

import importlib.util
import re
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path

import pytest
from tortoise.expressions import Q

from hub.core.config import PROJECT_ROOT, Settings
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream
from tests.conftest import Client, started
from tests.workplan.queries import COORDINATOR, CREATE, TEAM_BANGLADESH, WORK_STREAMS, titles

BenchClient = Callable[..., AbstractAsyncContextManager[Client]]


@pytest.fixture
def bench_lib(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.syspath_prepend(str(PROJECT_ROOT / "scripts"))


@pytest.fixture
def bench_client(settings: Settings, network: None, bench_lib: None) -> BenchClient:
    """A client of the hub built as the benchmark builds it (bench_lib.hub_server)."""
    from bench_lib.hub_server import build as build_app

    @asynccontextmanager
    async def build(*, count: bool = False, access_off: bool = False) -> AsyncIterator[Client]:
        application = build_app(settings, count=count, access_off=access_off, manage_orm=False)
        async with started(application) as client:
            yield client

    return build


async def test_the_header_counts_the_statements_a_request_sent(
    bench_client: BenchClient, sql_log: list[str]
) -> None:
    async with bench_client(count=True) as client:
        token = client.token(COORDINATOR)
        # when
        sql_log.clear()
        reply = await client.http.post(
            "/graphql",
            json={"query": WORK_STREAMS, "variables": {"first": 5}},
            headers={"Authorization": f"Bearer {token}"},
        )
        # then
        assert reply.status_code == 200, reply.text
        assert int(reply.headers["x-hub-sql-statements"]) == len(sql_log) > 0


async def test_without_the_switch_no_count_is_sent(client: Client) -> None:
    reply = await client.http.post(
        "/graphql",
        json={"query": WORK_STREAMS},
        headers={"Authorization": f"Bearer {client.token(COORDINATOR)}"},
    )
    assert reply.status_code == 200
    assert "x-hub-sql-statements" not in reply.headers


async def test_access_off_shows_the_whole_tenant_and_nothing_beyond(
    client: Client, bench_client: BenchClient
) -> None:
    # given a confidential stream that a national member may not see
    await client.gql(
        CREATE,
        {"input": {"title": "Named defenders", "classification": "CONFIDENTIAL"}},
        user=COORDINATOR,
        tenant="bangladesh",
    )
    guarded = await client.gql(WORK_STREAMS, {"first": 100}, user=TEAM_BANGLADESH)
    assert "Named defenders" not in titles(guarded.data)
    # when
    async with bench_client(access_off=True) as open_client:
        reply = await open_client.gql(WORK_STREAMS, {"first": 100}, user=TEAM_BANGLADESH)
    # then it is shown, with every other stream of the tenant's subtree and no other
    assert reply.status == 200, reply.body
    assert "Named defenders" in titles(reply.data)
    tenant = await Tenant.get(slug="bangladesh")
    subtree = await WorkStream.filter(
        Q(tenant_id=tenant.id) | Q(tenant__path__startswith=tenant.path + "/"),
        archived_at__isnull=True,
    )
    assert sorted(titles(reply.data)) == sorted(row.title for row in subtree)


def test_the_production_package_holds_no_switch() -> None:
    assert importlib.util.find_spec("hub.benchmark") is None
    mentions = [
        path
        for path in Path(PROJECT_ROOT / "hub").rglob("*.py")
        if re.search(r"^\s*(from|import) bench_lib", path.read_text(), re.MULTILINE)
    ]
    assert mentions == []
