"""PostgreSQL keeps tenants apart even when a query forgets its tenant filter."""

from __future__ import annotations

import pytest
from tortoise import Tortoise
from tortoise.exceptions import OperationalError
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.tenancy.isolation import tenant_scope
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream
from hub.workplan.service import WorkStreamService
from tests.conftest import BACKEND, Client

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="Row-Level Security is PostgreSQL's")

BANGLADESH = "/global/asia-pacific/bangladesh"


async def _slugs_of_visible_rows() -> set[str]:
    # No tenant filter at all: the query a careless service might write.
    rows = await WorkStream.all().select_related("tenant")
    return {row.tenant.slug for row in rows}


async def test_unfiltered_reads_see_only_the_scoped_subtree(network: None) -> None:
    # given
    assert len(await _slugs_of_visible_rows()) == 6  # as the owner, outside any scope
    # when
    async with tenant_scope(BANGLADESH):
        seen = await _slugs_of_visible_rows()
        raw = await Tortoise.get_connection("default").execute_query_dict(
            "SELECT count(*) AS n FROM work_stream"
        )
    # then
    assert seen == {"bangladesh", "dhaka"}
    assert raw[0]["n"] == await WorkStream.filter(tenant__slug__in=["bangladesh", "dhaka"]).count()


async def test_a_scope_without_a_tenant_sees_nothing(network: None) -> None:
    async with in_transaction() as connection:
        await connection.execute_query("SET LOCAL ROLE hub_app")
        assert await WorkStream.all().count() == 0


async def test_writing_into_another_tenant_is_refused(network: None) -> None:
    # given
    spain = await Tenant.get(slug="spain")
    # when / then
    with pytest.raises(OperationalError, match="row-level security"):
        async with tenant_scope(BANGLADESH):
            await WorkStream.create(tenant=spain, title="Smuggled in")
    assert not await WorkStream.exists(title="Smuggled in")


async def test_updating_a_foreign_row_changes_nothing(network: None) -> None:
    # given
    foreign = await WorkStream.get(title="Co-facilitation of the IMRF")
    # when
    async with tenant_scope(BANGLADESH):
        changed = await WorkStream.filter(id=foreign.id).update(title="Hijacked")
    # then
    assert changed == 0
    await foreign.refresh_from_db()
    assert foreign.title == "Co-facilitation of the IMRF"


async def test_a_request_whose_service_forgets_the_filter_still_sees_only_what_reaches_it(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a service bug: the permission filter is gone, from the rows and from the
    # counters their total is summed from alike
    def careless(
        self: WorkStreamService,
        model: type[Model],
        action: object = None,
        *,
        network: bool = False,
    ) -> QuerySet[Model]:
        return model.all()

    monkeypatch.setattr(WorkStreamService, "_scoped", careless)
    # when
    reply = await client.gql(
        "{ workStreams(first: 100) { totalCount edges { node { title } } } }",
        user="team.bangladesh@network.example.org",
    )
    # then the database itself kept out the other region and what does not travel down
    # from above (RESTRICTED and CONFIDENTIAL): the subtree, and the shared records above
    own = await WorkStream.filter(tenant__slug__in=["bangladesh", "dhaka"]).count()
    shared_above = await WorkStream.filter(
        tenant__slug__in=["global", "asia-pacific"], classification__in=["public", "network"]
    ).count()
    expected = own + shared_above
    assert shared_above > 0
    assert reply.data["workStreams"]["totalCount"] == expected
    assert len(reply.data["workStreams"]["edges"]) == expected


async def test_every_table_with_a_tenant_has_row_level_security(network: None) -> None:
    # given every table that holds tenant-owned rows
    rows = await Tortoise.get_connection("default").execute_query_dict(
        """
        SELECT c.relname AS name, c.relrowsecurity AS protected
        FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname = 'public' AND c.relkind = 'r' AND EXISTS (
            SELECT 1 FROM information_schema.columns col
            WHERE col.table_schema = 'public' AND col.table_name = c.relname
              AND col.column_name = 'tenant_id')
        """
    )
    tables = {row["name"]: row["protected"] for row in rows}
    # then
    assert {"work_stream", "proposal", "proposal_transition", "theme_tag"} <= set(tables)
    assert [name for name, protected in tables.items() if not protected] == []
    # and none of them shows a row outside the scope, though the demo has such rows
    inside = [str(t.id) for t in await Tenant.filter(slug__in=["bangladesh", "dhaka"])]
    connection = Tortoise.get_connection("default")
    outside_as_owner = 0
    for table in tables:
        query = f"SELECT count(*) AS n FROM {table} WHERE NOT (tenant_id::text = ANY($1))"
        outside_as_owner += (await connection.execute_query_dict(query, [inside]))[0]["n"]
        async with tenant_scope(BANGLADESH):
            seen = await Tortoise.get_connection("default").execute_query_dict(query, [inside])
        assert seen[0]["n"] == 0, table
    assert outside_as_owner > 0
