"""The promises every root list keeps: a page costs the same number of statements whatever
its size, and rows of another subtree are reached by no path."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

import pytest
from _pytest.mark import ParameterSet

from hub.directory.models import Organisation
from tests.conftest import Client, relay_id
from tests.contract.lists import (
    ABOVE_THE_READER,
    FOREIGN_CHANGES,
    IN_ANOTHER_NAME,
    OUT_OF_REACH,
    PAGE_COSTS,
    AboveTheReader,
    ForeignChange,
    InAnotherName,
    OutOfReach,
    PageCost,
)

Case = TypeVar("Case", PageCost, OutOfReach, InAnotherName, ForeignChange, AboveTheReader)


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
    foreign_id = relay_id(case.node_type, (await case.foreign_row()).pk)
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


@pytest.mark.parametrize("case", _cases(IN_ANOTHER_NAME))
async def test_adding_in_a_foreign_organisations_name_is_refused(
    client: Client, case: InAnotherName
) -> None:
    # given an organisation of the global tenant that does not reach the caller (a
    # PUBLIC or NETWORK one would: the directory is shared)
    before = await case.model.all().count()
    unions = await Organisation.get(name="Global federation of trade unions (demo)")
    await Organisation.filter(pk=unions.pk).update(classification="restricted")
    named = {case.organisation_field: relay_id("Organisation", unions.id)}
    # when
    reply = await client.gql(
        case.mutation, {"input": {**named, **case.rest_of_input}}, user=case.caller
    )
    # then
    errors = reply.data[case.payload]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [(case.organisation_field, "NOT_FOUND")]
    assert await case.model.all().count() == before


@pytest.mark.parametrize("case", _cases(FOREIGN_CHANGES))
async def test_changing_a_foreign_row_is_not_found_and_changes_nothing(
    client: Client, case: ForeignChange
) -> None:
    # given
    row = await case.row()
    row_id = relay_id(case.node_type, row.pk)
    # when
    update = await client.gql(
        case.update, {"input": {"id": row_id, **case.change}}, user=case.caller
    )
    archive = await client.gql(case.archive, {"input": {"id": row_id}}, user=case.caller)
    wrong_type = await client.gql(
        case.archive, {"input": {"id": relay_id(case.other_type, row.pk)}}, user=case.caller
    )
    # then
    for reply in (update, archive, wrong_type):
        assert reply.errors[0]["extensions"]["code"] == "NOT_FOUND"
    await row.refresh_from_db()
    assert {name: getattr(row, name) for name in case.kept} == case.kept


@pytest.mark.parametrize("case", _cases(ABOVE_THE_READER))
async def test_a_higher_classification_stays_hidden(client: Client, case: AboveTheReader) -> None:
    # given
    secret_id = relay_id(case.node_type, (await case.secret()).pk)
    # when
    listed = await client.gql(case.document, {"first": case.first}, user=case.reader)
    filtered = await client.gql(
        case.document, {"filter": {"classification": [case.classification]}}, user=case.reader
    )
    node = await client.gql(case.node, {"id": secret_id}, user=case.reader)
    # then
    assert case.title not in case.titles(listed.data)
    [connection] = filtered.data.values()
    assert connection["totalCount"] == 0
    assert node.data == {"node": None}
    if case.search is not None:
        searched = await client.gql(
            case.document, {"filter": {"search": case.search}}, user=case.reader
        )
        [connection] = searched.data.values()
        assert connection["totalCount"] == 0
    if case.nodes is not None:
        nodes = await client.gql(case.nodes, {"ids": [secret_id]}, user=case.reader)
        assert nodes.data == {"nodes": [None]}
