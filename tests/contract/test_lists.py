"""The promises every root list keeps: a page costs the same number of statements whatever
its size, and rows of another subtree are reached by no path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import pytest
from _pytest.mark import ParameterSet

from hub.stakeholders.models import Organisation
from tests.conftest import Client, relay_id
from tests.contract.lists import OUT_OF_REACH, PAGE_COSTS, OutOfReach, PageCost

Case = TypeVar("Case", PageCost, OutOfReach)


def _cases(table: Mapping[str, Case], keep: Callable[[Case], object] = bool) -> list[ParameterSet]:
    return [pytest.param(case, id=name) for name, case in table.items() if keep(case)]


@pytest.mark.parametrize("case", _cases(PAGE_COSTS))
async def test_statements_do_not_grow_with_the_page(
    client: Client, sql_log: list[str], case: PageCost
) -> None:
    # given
    await case.seed()
    counts = []
    for variables in (case.small, case.large):
        # when
        await client.warm(case.reader)
        sql_log.clear()
        reply = await client.gql(case.document, dict(variables), user=case.reader)
        # then
        assert not reply.errors, reply.errors
        if case.paged is not None:
            assert len(reply.data[case.paged]["edges"]) == variables["first"]
        counts.append(len(sql_log))
    assert counts[0] == counts[1], sql_log
    if case.statements is not None:
        assert counts == [case.statements] * 2, sql_log


@pytest.mark.parametrize("case", _cases(OUT_OF_REACH))
async def test_node_of_another_tenant_answers_as_an_unknown_id(
    client: Client, case: OutOfReach
) -> None:
    # given
    foreign_id = relay_id(case.node_type, await case.foreign_row())
    unknown_id = relay_id(case.node_type, "00000000-0000-0000-0000-000000000000")
    # when
    foreign = await client.gql(case.node, {"id": foreign_id}, user=case.outsider)
    unknown = await client.gql(case.node, {"id": unknown_id}, user=case.outsider)
    # then
    assert foreign.body == unknown.body == {"data": {"node": None}}


@pytest.mark.parametrize("case", _cases(OUT_OF_REACH, lambda case: case.foreign_tenant))
async def test_filtering_by_a_foreign_tenant_finds_nothing(
    client: Client, case: OutOfReach
) -> None:
    reply = await client.gql(
        case.document, {"filter": {"tenant": case.foreign_tenant}}, user=case.outsider
    )
    [connection] = reply.data.values()
    assert connection["totalCount"] == 0


@pytest.mark.parametrize("case", _cases(OUT_OF_REACH, lambda case: case.by_organisation))
async def test_filtering_by_a_foreign_organisation_finds_nothing(
    client: Client, case: OutOfReach
) -> None:
    unions = await Organisation.get(name="Global federation of trade unions (demo)")
    reply = await client.gql(
        case.document,
        {"filter": {"organisation": relay_id("Organisation", unions.id)}},
        user=case.outsider,
    )
    [connection] = reply.data.values()
    assert connection["totalCount"] == 0
