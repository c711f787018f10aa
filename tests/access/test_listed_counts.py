"""The counters a list's total is summed from (migration 0024) hold, for every caller in
every tenant and both scopes, the number of rows the list would count, whatever wrote the
rows: inserts, archiving, reclassification, moves, deletes, statements of many rows, COPY,
and transactions rolled back."""

from __future__ import annotations

import random
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from types import SimpleNamespace
from typing import Any, cast

import asyncpg
import pytest
from starlette.applications import Starlette
from tortoise import Tortoise
from tortoise.transactions import in_transaction

from hub.access.decisions import Decisions
from hub.access.models import CasbinRule, ListedCount
from hub.app import create_app
from hub.core.classification import Classification
from hub.core.config import Settings
from hub.core.context import Context
from hub.core.pagination import Listing
from hub.proposals.models import Proposal
from hub.proposals.service import ProposalFilter, ProposalService
from hub.tenancy.isolation import tenant_scope
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream
from hub.workplan.service import WorkStreamFilter, WorkStreamService
from tests.access.callers import demo_callers
from tests.conftest import BACKEND, Client, Response, started
from tests.database_state import DatabaseState

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="the counters are PostgreSQL's")

TEAM_BANGLADESH = "team.bangladesh@network.example.org"
BANGLADESH = "/global/asia-pacific/bangladesh"
TOTALS = """
{
  workStreams(first: 2) { totalCount }
  proposals(first: 2) { totalCount }
}
"""
# One work stream "Added" in each tenant and classification, in one statement.
ADD_WORK_STREAMS = (
    "INSERT INTO work_stream (id, tenant_id, title, description, status, classification, "
    "created_at, updated_at, language, search_text, translations) "
    "SELECT gen_random_uuid(), t.id, 'Added', '', 'active', c, now(), now(), 'en', '', '{}' "
    "FROM tenant t CROSS JOIN unnest(ARRAY['public', 'network', 'restricted', 'confidential']) c"
)
ONE_LIST = """
query($filter: WorkStreamFilter) { workStreams(first: 2, filter: $filter) { totalCount } }
"""


def _listings(decisions: Decisions, network: bool, slug: str | None) -> list[Listing[Any]]:
    ctx = cast(Context, SimpleNamespace(decisions=decisions))
    found = [
        ProposalService(ctx).listing(ProposalFilter(tenant_slug=slug), network=network),
        WorkStreamService(ctx).listing(WorkStreamFilter(tenant_slug=slug), network=network),
    ]
    return [listing for listing in found if listing is not None]


async def _totals(listing: Listing[Any]) -> tuple[int, int]:
    """(the sum of the counters, count() of the rows)."""
    return await listing.count()(), await listing.rows.count()


async def _assert_counters_agree(app: Starlette) -> int:
    """Every caller's totals from the counters equal count() of their rows, as the tables'
    owner and under row security as a request reads; the number of totals compared."""
    compared = 0
    for decisions in await demo_callers(app):
        for network in (False, True):
            for slug in (None, "bangladesh"):
                for listing in _listings(decisions, network, slug):
                    assert listing.counters is not None, decisions.subject
                    summed, counted = await _totals(listing)
                    async with tenant_scope(decisions.tenant_path, decisions.reach_setting):
                        secured = await _totals(listing)
                    where = (decisions.subject, decisions.tenant_path, network, slug)
                    assert summed == counted, (where, listing.rows.model.__name__)
                    assert secured == (counted, counted), (where, listing.rows.model.__name__)
                    compared += 1
    return compared


async def _scatter(rng: random.Random, models: tuple[type[Any], ...]) -> None:
    """Move each row to a tenant and a classification drawn at random, archived or not."""
    tenants = [t.id for t in await Tenant.all()]
    for model in models:
        for pk in await model.all().values_list("id", flat=True):
            await model.filter(pk=pk).update(
                tenant_id=rng.choice(tenants),
                classification=rng.choice(list(Classification)),
                archived_at=rng.choice([None, None, datetime.now(UTC)]),
            )


async def _execute(sql: str, *values: object) -> None:
    await Tortoise.get_connection("default").execute_query(sql, list(values))


async def _written_then_rolled_back() -> None:
    async with in_transaction() as connection:
        await connection.execute_query(
            "UPDATE proposal SET archived_at = NULL, classification = 'public'"
        )
        await connection.execute_query(ADD_WORK_STREAMS)
        await connection.execute_query("DELETE FROM proposal_transition")
        await connection.execute_query("DELETE FROM proposal WHERE classification = 'network'")
        raise RuntimeError("rolled back")


@pytest.fixture
async def scattered(app: Starlette) -> Starlette:
    await _scatter(random.Random(7), (Proposal, WorkStream))
    return app


async def test_the_counters_agree_with_count_after_every_kind_of_write(
    scattered: Starlette, database_url: str
) -> None:
    app = scattered
    # given rows scattered over every tenant and classification
    assert await _assert_counters_agree(app) > 100
    tenants = [str(t.id) for t in await Tenant.all()]
    some = [str(pk) for pk in await Proposal.all().order_by("id").values_list("id", flat=True)]
    writes: list[tuple[str, Callable[[], Awaitable[None]]]] = [
        (
            "insert of many rows in one statement",
            lambda: _execute(ADD_WORK_STREAMS),
        ),
        (
            "archive",
            lambda: _execute(
                "UPDATE proposal SET archived_at = now() WHERE id::text = ANY($1)", some[:5]
            ),
        ),
        (
            "unarchive",
            lambda: _execute(
                "UPDATE proposal SET archived_at = NULL WHERE id::text = ANY($1)", some[:8]
            ),
        ),
        (
            "reclassification",
            lambda: _execute(
                "UPDATE proposal SET classification = 'restricted' WHERE id::text = ANY($1)",
                some[8:14],
            ),
        ),
        (
            "move to another tenant",
            lambda: _execute(
                "UPDATE proposal SET tenant_id = $1::uuid WHERE id::text = ANY($2)",
                tenants[0],
                some[14:20],
            ),
        ),
        (
            "an update of many rows, each changed its own way",
            lambda: _execute(
                "UPDATE work_stream SET "
                "classification = CASE WHEN classification = 'public' THEN 'confidential' "
                "ELSE 'public' END, "
                "archived_at = CASE WHEN archived_at IS NULL THEN now() END, "
                "tenant_id = CASE WHEN title = 'Added' THEN $1::uuid ELSE tenant_id END",
                tenants[-1],
            ),
        ),
        (
            "an update that changes no counted column",
            lambda: _execute("UPDATE proposal SET title = title || '.'"),
        ),
        (
            "delete",
            lambda: _execute("DELETE FROM work_stream WHERE title = 'Added'"),
        ),
        ("copy", lambda: _copy_work_streams(database_url, tenants)),
    ]
    for name, write in writes:
        # when
        await write()
        # then
        assert await _assert_counters_agree(app) > 100, name


def _copied(
    tenant: str, classification: Classification, now: datetime, archived: datetime | None
) -> tuple[object, ...]:
    """A work stream's columns, as COPY takes them (see ``_copy_work_streams``)."""
    values = [uuid.uuid4(), uuid.UUID(tenant), "Copied", "", "active", str(classification)]
    return (*values, now, now, "en", "", "{}", archived)


async def _copy_work_streams(database_url: str, tenants: list[str]) -> None:
    """Work streams written by COPY, as a bulk load writes them."""
    connection = await asyncpg.connect(database_url)
    try:
        now = datetime.now(UTC)
        records = [
            _copied(tenant, c, now, archived)
            for tenant in tenants
            for c in Classification
            for archived in (None, now)
        ]
        columns = [
            "id",
            "tenant_id",
            "title",
            "description",
            "status",
            "classification",
            "created_at",
            "updated_at",
            "language",
            "search_text",
            "translations",
            "archived_at",
        ]
        await connection.copy_records_to_table("work_stream", records=records, columns=columns)
    finally:
        await connection.close()


async def test_a_rolled_back_transaction_leaves_the_counters_as_they_were(
    scattered: Starlette,
) -> None:
    # given
    before = sorted(await ListedCount.all().values_list("table_name", "tenant_id", "rows"))
    # when a transaction writes and is rolled back
    with pytest.raises(RuntimeError, match="rolled back"):
        await _written_then_rolled_back()
    # then
    after = sorted(await ListedCount.all().values_list("table_name", "tenant_id", "rows"))
    assert after == before
    assert await _assert_counters_agree(scattered) > 100


async def test_the_restore_between_tests_keeps_the_counters(
    app: Starlette, database_state: DatabaseState
) -> None:
    # given a test that wrote (its rows are put back before the next)
    await _execute("DELETE FROM proposal_transition")
    await _execute("UPDATE proposal SET archived_at = now() WHERE classification = 'public'")
    # when the demo network is restored, and when the database is emptied
    await database_state.ensure("network")
    # then the counters are those of the restored rows
    assert await _assert_counters_agree(app) > 100
    await database_state.ensure("empty")
    assert await ListedCount.all().count() == 0
    await database_state.ensure("network")
    assert await _assert_counters_agree(app) > 100


def _summed(statements: list[str]) -> list[str]:
    return [s for s in statements if '"listed_count"' in s]


def _counted(statements: list[str]) -> list[str]:
    return [s for s in statements if "COUNT(" in s.upper()]


@pytest.fixture(params=[True, False], ids=["compiled", "resolvers"])
async def reader(
    request: pytest.FixtureRequest, settings: Settings, network: None
) -> AsyncIterator[Client]:
    """A client of an app whose reads are compiled, or answered by the resolvers."""
    chosen = settings.model_copy(
        update={"compiled_reads": request.param, "result_cache_entries": 0}
    )
    async with started(create_app(chosen, manage_orm=False)) as client:
        yield client


async def _owner_totals(user: str, app: Starlette) -> dict[str, int]:
    """The totals of the lists of TOTALS, counted row by row as the tables' owner."""
    [decisions] = [
        d for d in await demo_callers(app) if d.subject == user and d.tenant_path == BANGLADESH
    ]
    ctx = cast(Context, SimpleNamespace(decisions=decisions))
    streams = WorkStreamService(ctx).listing(WorkStreamFilter())
    proposals = ProposalService(ctx).listing(ProposalFilter())
    assert streams is not None
    assert proposals is not None
    return {"workStreams": await streams.rows.count(), "proposals": await proposals.rows.count()}


def _totals_of(reply: Response) -> dict[str, int]:
    assert not reply.errors, reply.errors
    return {key: value["totalCount"] for key, value in reply.data.items()}


async def test_both_read_paths_sum_the_counters_of_a_list_of_its_scope_alone(
    reader: Client, sql_log: list[str]
) -> None:
    # given
    await reader.warm(TEAM_BANGLADESH)
    expected = await _owner_totals(TEAM_BANGLADESH, reader.app)
    # when
    sql_log.clear()
    reply = await reader.gql(TOTALS, user=TEAM_BANGLADESH)
    # then both totals are sums, each read once
    assert _totals_of(reply) == expected
    assert len(_summed(sql_log)) == 2, sql_log
    assert _counted(sql_log) == [], sql_log


async def test_a_search_is_counted_row_by_row(reader: Client, sql_log: list[str]) -> None:
    # given
    await reader.warm(TEAM_BANGLADESH)
    # when
    sql_log.clear()
    reply = await reader.gql(ONE_LIST, {"filter": {"search": "a"}}, user=TEAM_BANGLADESH)
    # then
    assert not reply.errors, reply.errors
    assert _summed(sql_log) == [], sql_log
    assert len(_counted(sql_log)) == 1, sql_log


async def test_a_scope_with_a_rule_on_one_record_is_counted_row_by_row(
    reader: Client, sql_log: list[str]
) -> None:
    # given one work stream withheld from the national team
    row = await WorkStream.filter(tenant__path=BANGLADESH).first()
    assert row is not None
    await CasbinRule.create(
        ptype="p",
        v0="national_team_member",
        v1=BANGLADESH,
        v2=f"work_stream:{row.id}",
        v3="read",
        v4="deny",
    )
    await reader.reload_policies()
    await reader.warm(TEAM_BANGLADESH)
    expected = await _owner_totals(TEAM_BANGLADESH, reader.app)
    # when
    sql_log.clear()
    reply = await reader.gql(TOTALS, user=TEAM_BANGLADESH)
    # then the work streams are counted row by row, without the one withheld; the
    # proposals, which no such rule touches, are still summed
    assert _totals_of(reply) == expected
    [counted] = _counted(sql_log)
    assert '"work_stream"' in counted
    [summed] = _summed(sql_log)
    assert '"work_stream"' not in summed
