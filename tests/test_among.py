"""A list of values in a condition is one array parameter on PostgreSQL, the same rows as
``__in`` on both databases."""

from __future__ import annotations

from typing import Any

from pypika_tortoise.terms import Parameterizer
from tortoise.queryset import QuerySet

from hub.core.among import among
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream
from tests.conftest import BACKEND


def _sql(queryset: QuerySet[Any]) -> tuple[str, list[Any]]:
    queryset._choose_db_if_not_chosen()
    queryset._make_query()
    return queryset.query.get_parameterized_sql()


async def _ids(queryset: QuerySet[WorkStream]) -> list[str]:
    return sorted(str(row.id) for row in await queryset)


async def test_among_selects_the_rows_that_in_selects(network: None) -> None:
    # given some of the tenants of the demo network, by id and by path
    tenants = (await Tenant.all().order_by("path"))[::2]
    ids = [t.id for t in tenants]
    paths = [t.path for t in tenants]
    # when their work streams are selected through among and through __in, and negated
    by_id = await _ids(WorkStream.filter(among("tenant_id", ids)))
    by_path = await _ids(WorkStream.filter(among("tenant__path", paths)))
    outside = await _ids(WorkStream.filter(~among("tenant_id", ids)))
    # then the rows are those that __in selects, and negated the others
    assert by_id == await _ids(WorkStream.filter(tenant_id__in=ids))
    assert by_id
    assert outside
    assert by_path == by_id
    assert outside == await _ids(WorkStream.exclude(tenant_id__in=ids))


async def test_one_parameter_on_postgresql_however_long_the_list(network: None) -> None:
    # given lists of two and of every tenant
    tenants = [t.id for t in await Tenant.all()]
    assert len(tenants) > 2
    # when the statements are written
    short_sql, short_params = _sql(WorkStream.filter(among("tenant_id", tenants[:2])))
    long_sql, long_params = _sql(WorkStream.filter(among("tenant_id", tenants)))
    if BACKEND == "postgres":
        # then PostgreSQL is sent the same text, the list in one parameter
        assert short_sql == long_sql
        assert '"tenant_id"=ANY($1)' in long_sql
        assert [len(short_params[0]), len(long_params[0])] == [2, len(tenants)]
    else:
        # then SQLite, which has no arrays, is sent the list
        assert '"tenant_id" IN (?,?)' in short_sql
        assert len(long_params) == len(tenants)


async def test_a_shared_parameterizer_numbers_the_array_with_the_rest(network: None) -> None:
    # given two statements written with one parameterizer, as hub.compiled writes them
    tenants = [t.id for t in await Tenant.all()]
    first = WorkStream.filter(search_text__gte="a").filter(among("tenant_id", tenants))
    second = WorkStream.filter(~among("tenant_id", tenants)).count()
    for queryset in (first, second):
        queryset._choose_db_if_not_chosen()
        queryset._make_query()
    shared = first.query.QUERY_CLS.SQL_CONTEXT.copy(parameterizer=Parameterizer())
    # when both are written
    sql = first.query.get_sql(shared) + " ; " + second.query.get_sql(shared)
    values = shared.parameterizer.values if shared.parameterizer else []
    # then each list is one parameter, numbered after the parameters before it
    if BACKEND == "postgres":
        assert '"tenant_id"=ANY($2)' in sql
        assert '"tenant_id"<>ALL($3)' in sql
        assert values[1] == values[2]
        assert len(values[1]) == len(tenants)
    else:
        assert sql.count("?") == len(values) == 2 * len(tenants) + 1


async def test_one_value_compares_with_equals(network: None) -> None:
    # given a list of one tenant
    [tenant] = await Tenant.filter(slug="global")
    # when the statement is written
    sql, params = _sql(WorkStream.filter(among("tenant_id", [tenant.id])))
    # then it is an equality, which an index on the tenant and the sort key serves in order
    assert '"tenant_id"=' in sql
    assert "ANY" not in sql
    assert " IN " not in sql
    assert params == [str(tenant.id)]
