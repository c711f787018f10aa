"""``node(id:)`` answers alike through both paths, for every type whose service fetches
its records by id: records of every tenant and classification, hidden ones included, and
ids that are malformed, unknown or of another type, as every demo user in tenants at each
level of the tree."""

from __future__ import annotations

from typing import Any

import pytest
from graphql import GraphQLObjectType

from hub.api.schema import schema
from hub.compiled.plan import _fetched_by
from hub.demo import DEMO_USERS
from tests.compiled.conftest import ONLY_ON_POSTGRES, Paths, audited_answer, built_json, same
from tests.compiled.corpus import compiled_fields
from tests.conftest import relay_id

TENANTS = ("global", "asia-pacific", "bangladesh")


def _fetched_types() -> dict[str, tuple[type[Any], GraphQLObjectType]]:
    """Node types whose records ``node`` reads through a service: what it compiles."""
    interface = schema._schema.get_type("Node")
    found = {}
    for owner in schema._schema.get_implementations(interface).objects:  # type: ignore[arg-type]
        node_type = owner.extensions["strawberry-definition"].origin
        if _fetched_by(node_type) is not None:
            found[owner.name] = (node_type, owner)
    return found


TYPES = _fetched_types()
pytestmark = ONLY_ON_POSTGRES


def test_node_compiles_for_the_types_the_readme_names() -> None:
    expected = {
        "WorkStream",
        "Priority",
        "Organisation",
        "Consultation",
        "Proposal",
        "Initiative",
        "KnowledgeResource",
        "Statement",
        "AdvocacyNote",
        "Contact",
        "Fund",
        "Pledge",
    }
    assert set(TYPES) == expected


async def _ids(type_name: str) -> list[str]:
    """A record of each tenant and classification of the type, and ids naming nothing:
    malformed, unknown, of another type, a bare UUID, not an id at all."""
    model = TYPES[type_name][0].model_map.model
    one_each: dict[tuple[object, object], str] = {}
    for row in await model.all().order_by("id"):
        place = (row.tenant_id, getattr(row, "classification", None))
        one_each.setdefault(place, str(row.pk))
    ids = [relay_id(type_name, pk) for pk in one_each.values()]
    some = next(iter(one_each.values()))
    other = "Fund" if type_name != "Fund" else "WorkStream"
    return [
        *ids,
        relay_id(type_name, "00000000-0000-0000-0000-000000000000"),
        relay_id(type_name, "not-a-uuid"),
        relay_id(other, some),
        some,
        "%%%",
    ]


def _document(type_name: str) -> str:
    node = " ".join(compiled_fields(*TYPES[type_name]))
    other = "Fund" if type_name != "Fund" else "WorkStream"
    return (
        "query($id: ID!) { node(id: $id) { id __typename "
        f"... on {type_name} {{ {node} }} ... on {other} {{ id }} }} "
        "again: node(id: $id) { __typename } }"
    )


@pytest.mark.parametrize("type_name", sorted(TYPES))
async def test_node_answers_alike_through_both_paths(
    paths: Paths, sql_log: list[str], type_name: str
) -> None:
    document = _document(type_name)
    compiled_rows = 0
    for node_id in await _ids(type_name):
        for user in DEMO_USERS:
            for tenant in TENANTS:
                variables = {"id": node_id}
                sql_log.clear()
                compiled, compiled_audit = await audited_answer(
                    paths.compiled, document, variables, user.email, tenant
                )
                built = bool(built_json(sql_log))
                resolved, resolved_audit = await audited_answer(
                    paths.resolved, document, variables, user.email, tenant
                )
                same(compiled, resolved)
                assert compiled_audit == resolved_audit
                compiled_rows += built and (compiled.data or {}).get("node") is not None
    # the compiled path answered, and not only with nulls
    assert compiled_rows > 0
