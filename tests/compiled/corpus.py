"""A generated corpus of list queries the compiled path answers: for each list, seeded
random selections of the node fields that compile, orders, page sizes, filters and
scopes, and the follow-up pages their cursors lead to."""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLEnumType,
    GraphQLInputObjectType,
    GraphQLList,
    GraphQLNonNull,
    parse,
)

from hub.api.schema import schema
from hub.compiled.plan import NotCompiled, _node_value, _unwrap
from hub.graphql.list_fields import DECLARED_LIST, DeclaredList

SEED = 19
# Page sizes the resolvers accept, and two they refuse (the error must be theirs).
SIZES = (0, 1, 2, 3, 5, 20, 100, None, -1, 101)
FILTERS: tuple[dict[str, Any], ...] = (
    {},
    {"includeArchived": True},
    {"search": "mi"},
    {"classification": ["PUBLIC", "NETWORK"]},
    {"tenant": "bangladesh"},
)


@dataclass(frozen=True)
class ListQuery:
    field: str
    document: str
    variables: dict[str, Any]


# What a node may select besides plain fields: a translated text in a language asked for,
# a localized text, and a nested page (each kept for the fields where it compiles).
SHAPES = (
    "{name}",
    "{name}(lang: FR)",
    "{name} {{ text language available __typename }}",
    "{name}(lang: ZH) {{ language text }}",
    "{name}(first: 2) {{ totalCount pageInfo {{ hasNextPage startCursor endCursor }} "
    "edges {{ cursor node {{ id title __typename }} }} }}",
    "{name}(first: 0) {{ edges {{ node {{ id }} }} totalCount __typename }}",
    "{name} {{ edges {{ node {{ status localizedTitle {{ text language available }} }} }} }}",
    "{name} {{ id __typename }}",
    "{name} {{ id name kind }}",
    "{name} {{ ... on WorkStream {{ id title status }} id }}",
    "{name} {{ fromStatus toStatus actor note at __typename }}",
    "{name} {{ number title {{ text language }} framingQuestions keyRecommendations }}",
    "{name} {{ id role attended organisation {{ id name }} contact {{ id name position }} }}",
    "{name} {{ id role since organisation {{ id name kind country }} }}",
    "{name}(includePast: true) {{ id role until }}",
    "{name} {{ id title }}",
)


def _compiles(node_type: type[Any], owner: Any, text: str) -> bool:
    [item] = parse(f"{{ {text} }}").definitions[0].selection_set.selections  # type: ignore[attr-defined]
    try:
        _node_value(node_type, owner, item, 0)
    except NotCompiled:
        return False
    return True


def _node_fields(field: str) -> list[str]:
    """The node fields of a list that the compiled path builds, as selected."""
    graphql_field = schema._schema.query_type.fields[field]  # type: ignore[union-attr]
    declared = graphql_field.extensions["strawberry-definition"].metadata[DECLARED_LIST]
    assert isinstance(declared, DeclaredList)
    edge = _unwrap(_unwrap(graphql_field.type).fields["edges"].type)
    return compiled_fields(declared.of.node, _unwrap(edge.fields["node"].type))


def compiled_fields(node_type: type[Any], owner: Any) -> list[str]:
    """The fields of a type that the compiled path builds, as selected."""
    kept = []
    for name in owner.fields:
        for number, shape in enumerate(SHAPES):
            text = shape.format(name=name)
            if _compiles(node_type, owner, text):
                # Each shape of a field under a key of its own: a key is one field.
                kept.append(f"{name}{number}: {text}" if number else text)
    return [*kept, "__typename"]


def _node_type(field: str) -> str:
    graphql_field = schema._schema.query_type.fields[field]  # type: ignore[union-attr]
    edge = _unwrap(_unwrap(graphql_field.type).fields["edges"].type)
    return str(_unwrap(edge.fields["node"].type).name)


def _orders(field: str) -> list[str]:
    order = schema._schema.query_type.fields[field].args["orderBy"].type  # type: ignore[union-attr]
    assert isinstance(order, GraphQLInputObjectType)
    sort = _unwrap(order.fields["field"].type)
    assert isinstance(sort, GraphQLEnumType)
    return list(sort.values)


def _filter_fields(field: str) -> set[str]:
    flt = schema._schema.query_type.fields[field].args["filter"].type  # type: ignore[union-attr]
    while isinstance(flt, GraphQLNonNull | GraphQLList):
        flt = flt.of_type
    assert isinstance(flt, GraphQLInputObjectType)
    return set(flt.fields)


def _selection(rng: random.Random, field: str, whole: bool) -> str:
    """A random selection of the connection, or with ``whole`` one of everything."""
    nodes = _node_fields(field)
    if whole:
        node = " ".join(nodes)
        return (
            "totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } "
            f"edges {{ cursor node {{ {node} }} }}"
        )
    picked = rng.sample(nodes, rng.randint(1, len(nodes)))
    node = " ".join(
        f"n{i}: {name}" if rng.random() < 0.2 and ":" not in name else name
        for i, name in enumerate(picked)
    )
    if rng.random() < 0.3:
        # Part of it in a fragment on the node's type, as front ends write them.
        node = f"id ... on {_node_type(field)} {{ {node} }}"
    info = rng.sample(
        ["hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"],
        rng.randint(1, 5),
    )
    edge = rng.sample(["cursor", f"node {{ {node} }}", "__typename"], rng.randint(1, 3))
    parts = [
        "totalCount",
        f"pageInfo {{ {' '.join(info)} }}",
        f"edges {{ {' '.join(edge)} }}",
        "__typename",
    ]
    chosen = rng.sample(parts, rng.randint(1, 4))
    if rng.random() < 0.3:
        chosen = [f"alias: {chosen[0]}", *chosen[1:]]
    return " ".join(chosen)


def corpus(field: str, count: int) -> list[ListQuery]:
    """``count`` queries of the list ``field``, the same at every run: the first selects
    every field that compiles, the others what chance picks."""
    rng = random.Random(f"{SEED}:{field}")
    orders = _orders(field)
    filters = [f for f in FILTERS if set(f) <= _filter_fields(field)]
    queries = []
    for number in range(count):
        variables: dict[str, Any] = {
            "first": rng.choice(SIZES) if number else 5,
            "filter": rng.choice(filters),
            "scope": rng.choice(["SUBTREE", "NETWORK"]),
        }
        if rng.random() < 0.7:
            variables["orderBy"] = {
                "field": rng.choice(orders),
                "direction": rng.choice(["ASC", "DESC"]),
            }
        flt, order = _argument_type(field, "filter"), _argument_type(field, "orderBy")
        document = (
            f"query($first: Int, $after: String, $filter: {flt}, $orderBy: {order}, "
            f"$scope: ListScope!) {{ {field}(first: $first, after: $after, filter: $filter, "
            f"orderBy: $orderBy, scope: $scope) {{ {_selection(rng, field, not number)} }} }}"
        )
        queries.append(ListQuery(field, document, variables))
    return queries


def _argument_type(field: str, argument: str) -> str:
    return str(schema._schema.query_type.fields[field].args[argument].type)  # type: ignore[union-attr]
