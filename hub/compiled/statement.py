"""A root field's statement for one request, and its answer.

The rows come from the service's own query (``ServicePages.listing``: the caller's scope
and the filter), paged by ``hub.core.pagination.page_query`` as the resolvers page them;
Tortoise writes both, and the statement only wraps them to have PostgreSQL build the JSON.
Whatever the resolvers would refuse (a bad cursor, a page size out of range, a filter they
reject, a guard that denies) is left to them, so that the error is theirs.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

import orjson
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from pypika_tortoise.terms import Parameterizer
from strawberry import Schema
from strawberry.types.arguments import convert_arguments
from tortoise.queryset import QuerySet

from hub.compiled import values
from hub.compiled.plan import (
    Cursor,
    EdgePart,
    Edges,
    PageInfo,
    Plan,
    RootField,
    Text,
    TotalCount,
)
from hub.core.classification import Classification
from hub.core.context import Context
from hub.core.pagination import Ordering, check_page_size, page_query
from hub.graphql.arguments import ListScope

log = logging.getLogger("hub.compiled")
PAGE = "hub_page"


class Fallback(Exception):
    """The request is the resolvers' to answer."""


def _order(ordering: Ordering, model: Any) -> tuple[str, str]:
    """The ORDER BY of the page rows and the cursor expression of a row, for ``ordering``."""
    field = model._meta.fields_map.get(ordering.field)
    kind = None if field is None else values.cursor_kind(field)
    if field is None or kind is None or getattr(field, "source_field", None):
        raise Fallback(f"ordered by {ordering.field}")
    direction = " DESC" if ordering.descending else ""
    order = ", ".join(f"{values.column(c)}{direction}" for c in (ordering.field, "id"))
    return order, values.cursor(ordering.field, ordering.field, kind)


def _page_info(part: PageInfo, size: int, after: str | None, cursor: str) -> str:
    entries = []
    for key, name in part.fields:
        if name == "hasNextPage":
            sql = f"((SELECT count(*) FROM {PAGE}) > {size})"
        elif name == "hasPreviousPage":
            sql = "true" if after is not None else "false"
        elif name == "startCursor":
            sql = f"(SELECT {cursor} FROM {PAGE} AS p WHERE hub_n = 1 AND hub_n <= {size})"
        elif name == "endCursor":
            sql = (
                f"(SELECT {cursor} FROM {PAGE} AS p WHERE hub_n <= {size} "
                "ORDER BY hub_n DESC LIMIT 1)"
            )
        else:
            sql = values.literal(part.type_name)  # __typename, the one other field planned
        entries.append(f"{values.literal(key)}, {sql}")
    return f"json_build_object({', '.join(entries)})"


def _edge_value(part: EdgePart, cursor: str) -> str:
    if isinstance(part, Text):
        return values.literal(part.value)
    if isinstance(part, Cursor):
        return cursor
    node = ", ".join(f"{values.literal(k)}, {v}" for k, v in part.values)
    return f"json_build_object({node})"


def _edges(part: Edges, size: int, cursor: str) -> str:
    entries = ", ".join(f"{values.literal(k)}, {_edge_value(p, cursor)}" for k, p in part.parts)
    return (
        f"coalesce((SELECT json_agg(json_build_object({entries}) ORDER BY hub_n) "
        f"FROM {PAGE} AS p WHERE hub_n <= {size}), '[]'::json)"
    )


def _sql(root: RootField, rows: str, count: str, bound: Bound) -> str:
    """The statement: the page rows numbered in their order, and the connection's JSON
    built over them, with whether the page holds a confidential row."""
    size, after = bound.size, bound.after
    order, cursor = _order(bound.order, bound.listing.model)
    entries = []
    for key, part in root.connection:
        if isinstance(part, Text):
            sql = values.literal(part.value)
        elif isinstance(part, TotalCount):
            sql = f"({count})"
        elif isinstance(part, PageInfo):
            sql = _page_info(part, size, after, cursor)
        else:
            sql = _edges(part, size, cursor)
        entries.append(f"{values.literal(key)}, {sql}")
    confidential = values.literal(str(Classification.CONFIDENTIAL))
    return (
        f"WITH {PAGE} AS (SELECT p.*, row_number() OVER (ORDER BY {order}) AS hub_n "
        f"FROM ({rows}) AS p) "
        f"SELECT json_build_object({', '.join(entries)})::text AS answer, "
        f"coalesce((SELECT bool_or(classification = {confidential}) FROM {PAGE} "
        f"WHERE hub_n <= {size}), false) AS confidential"
    )


@dataclass(frozen=True)
class Bound:
    """A root field bound to a request's arguments: the rows its service lists for the
    caller, the page of them the resolvers would read, and how it is asked for."""

    listing: QuerySet[Any]
    page: QuerySet[Any]
    order: Ordering
    size: int
    after: str | None


def bind(context: Context, schema: Schema, root: RootField, variables: VariableValues) -> Bound:
    """The root field for this request; Fallback when the resolvers are to answer it."""
    if not all(guard.allows(context) for guard in root.guards):
        raise Fallback("denied")
    try:
        raw = get_argument_values(root.graphql_field, root.node, variables)
        kwargs = convert_arguments(
            raw,
            root.field.arguments,
            scalar_registry=schema.schema_converter.scalar_registry,
            config=schema.config,
        )
        asked = root.declared.request(
            kwargs.get("filter"), kwargs.get("order_by"), kwargs.get("scope", ListScope.SUBTREE)
        )
        size = check_page_size(kwargs.get("first"))
        after = kwargs.get("after")
        listing = root.pages.listing(context, asked.filter, asked.network)
        if listing is None:
            raise Fallback("nothing to list")
        page = page_query(listing, asked.order, size, after)
    except Fallback:
        raise
    except Exception as exc:  # the resolvers answer it, with their own error
        raise Fallback("refused") from exc
    return Bound(listing, page, asked.order, size, after)


async def answer_root(
    context: Context, schema: Schema, root: RootField, variables: VariableValues
) -> orjson.Fragment:
    """The JSON of one root field; Fallback when the resolvers are to answer it."""
    bound = bind(context, schema, root, variables)
    page = bound.page
    page._choose_db_if_not_chosen()
    db = page._db
    if db.capabilities.dialect != "postgres":
        raise Fallback("not PostgreSQL")
    page._make_query()
    # One parameterizer numbers the parameters of both queries as one statement's.
    shared = page.query.QUERY_CLS.SQL_CONTEXT.copy(parameterizer=Parameterizer())
    rows_sql = page.query.get_sql(shared)
    count_sql = ""
    if any(isinstance(part, TotalCount) for _, part in root.connection):
        count = bound.listing.count()
        count._choose_db_if_not_chosen()
        count._make_query()
        count_sql = count.query.get_sql(shared)
    params = shared.parameterizer.values if shared.parameterizer else []
    sql = _sql(root, rows_sql, count_sql, bound)
    _, found = await db.execute_query(sql, params)
    [row] = found
    if row["confidential"]:
        # A confidential read is audited by the resolvers as they read it.
        raise Fallback("confidential rows")
    return orjson.Fragment(row["answer"])


async def answer(
    context: Context, schema: Schema, plan: Plan, raw_variables: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The data of the operation, each root field's JSON as PostgreSQL wrote it; None when
    the resolvers are to answer it."""
    coerced = get_variable_values(
        schema._schema, plan.operation.variable_definitions or (), raw_variables or {}
    )
    if isinstance(coerced, list):
        return None  # the resolvers' path reports the variables' errors
    data: dict[str, Any] = {}
    try:
        for root in plan.roots:
            data[root.key] = await answer_root(context, schema, root, coerced)
    except Fallback as reason:
        log.debug("answered by the resolvers: %s", reason)
        return None
    return data
