"""A root field's statement for one request, and its answer.

The rows come from the service's own query (``ServicePages.listing``: the caller's scope
and the filter), paged by ``hub.core.pagination.page_query`` as the resolvers page them,
and counted as the listing says the resolvers count them (``Listing.total``); Tortoise
writes the queries (``hub.compiled.embedding`` keeps what it wrote), and the statement
only wraps them to have PostgreSQL build the JSON. A nested page or a related row is a
LATERAL subquery over the rows its declaration names (the caller's, as the resolvers read
them), correlated with the row above it. Whatever the resolvers would refuse (a bad
cursor, a page size out of range, a filter they reject, a guard that denies) is left to
them, so that the error is theirs; so is a page holding a confidential row, whose read
they audit.
"""

from __future__ import annotations

import logging
from collections.abc import Hashable
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import orjson
from graphql.execution.values import VariableValues, get_argument_values, get_variable_values
from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Parameterizer
from strawberry import Schema, relay
from strawberry.types.arguments import convert_arguments
from tortoise.backends.base.client import BaseDBAsyncClient
from tortoise.queryset import CountQuery, QuerySet

from hub.compiled import texts, values
from hub.compiled.embedding import Embeddings
from hub.compiled.plan import (
    NODE_EDGES,
    NODE_KEY,
    Connected,
    Cursor,
    EdgePart,
    Edges,
    Fixed,
    NestedPage,
    Node,
    NodeRoot,
    PageInfo,
    Plan,
    Related,
    RootField,
    RowsBelow,
    RowsListed,
    Text,
    TotalCount,
    Translation,
    Value,
)
from hub.core.classification import Classification
from hub.core.context import Context
from hub.core.errors import BadUserInput
from hub.core.lookup import parse_id
from hub.core.pagination import Listing, Ordering, check_page_size, decode_cursor, page_query
from hub.graphql.arguments import ListScope

log = logging.getLogger("hub.compiled")
CONFIDENTIAL = values.literal(str(Classification.CONFIDENTIAL))
EMBEDDINGS = Embeddings()


class Fallback(Exception):
    """The request is the resolvers' to answer."""


@dataclass
class Request:
    """What the statements of one request are built from: its context and variables, and
    one parameterizer that numbers the parameters of every query they embed."""

    context: Context
    variables: VariableValues
    sql: SqlContext
    # The connection the statement runs on: the request's transaction.
    db: BaseDBAsyncClient

    def embed(self, queryset: QuerySet[Any]) -> str:
        """The SQL of ``queryset``, its parameters numbered among the statement's."""
        return self._embed(queryset, EMBEDDINGS.key(queryset))

    def embed_count(self, queryset: QuerySet[Any]) -> str:
        """The SQL counting ``queryset``'s rows."""
        key = EMBEDDINGS.key(queryset)
        return self._embed(queryset.count(), None if key is None else ("count", key))

    def _embed(self, query: QuerySet[Any] | CountQuery, key: Hashable) -> str:
        query._choose_db_if_not_chosen()
        if query._db.capabilities.dialect != "postgres":
            raise Fallback("not PostgreSQL")
        return EMBEDDINGS.sql(query, self.sql, key)

    def parameter(self, value: Any) -> str:
        """``value`` as one more parameter of the statement."""
        assert self.sql.parameterizer is not None
        return str(self.sql.parameterizer.create_param(value).get_sql(self.sql))

    def arguments(self, value: Translation | NestedPage | RowsBelow) -> dict[str, Any]:
        try:
            return get_argument_values(value.graphql_field, value.field_node, self.variables)
        except Exception as exc:  # the resolvers report it
            raise Fallback("an argument") from exc


def _sort_kind(ordering: Ordering, model: Any) -> values.Kind:
    field = model._meta.fields_map.get(ordering.field)
    kind = None if field is None else values.cursor_kind(field)
    if field is None or kind is None or getattr(field, "source_field", None):
        raise Fallback(f"ordered by {ordering.field}")
    return kind


def _order_by(ordering: Ordering, model: Any, row: str) -> str:
    """The ORDER BY of rows named ``row`` in ``ordering``."""
    _sort_kind(ordering, model)
    direction = " DESC" if ordering.descending else ""
    return ", ".join(f"{values.column(c, row)}{direction}" for c in (ordering.field, "id"))


def _cursor(ordering: Ordering, model: Any, row: str) -> str:
    """The cursor of a row named ``row`` in ``ordering``."""
    return values.cursor(ordering.field, ordering.field, _sort_kind(ordering, model), row)


@dataclass
class Level:
    """One connection's statement: a SELECT of its JSON (``answer``) and whether its page
    or a page nested in it holds a confidential row (``confidential``), over its page
    rows, numbered ``hub_n`` in their order, the first ``size`` shown and one more read
    to tell whether another page follows."""

    connection: Connected
    request: Request
    size: int
    after: str | None
    ordering: Ordering
    laterals: list[tuple[str, str]] = field(default_factory=list)

    @property
    def row(self) -> str:
        return self.connection.row

    def cursor(self) -> str:
        return _cursor(self.ordering, self.connection.model, self.row)

    def picked(self) -> str:
        """The columns of the rows named ``q`` that the connection reads."""
        columns = self.connection.columns(self.ordering.field)
        return ", ".join(values.column(c, "q") for c in columns)

    def numbered(self, source: str, where: str = "", limit: int | None = None) -> str:
        """The page rows from the rows of ``source`` (named ``q`` in ``where``): only the
        columns read, numbered in order, the first ``limit`` of them when given."""
        order = _order_by(self.ordering, self.connection.model, "q")
        first = "" if limit is None else f" ORDER BY {order} LIMIT {limit}"
        return (
            f"SELECT {self.picked()}, row_number() OVER (ORDER BY {order}) AS hub_n "
            f"FROM ({source}) AS q{where}{first}"
        )

    def select(self, rows: str, count: str) -> str:
        """The connection's JSON over its numbered ``rows``."""
        shown = f"{self.row}.hub_n <= {self.size}"
        entries = []
        for key, part in self.connection.parts:
            if isinstance(part, Text):
                sql = values.literal(part.value)
            elif isinstance(part, TotalCount):
                sql = count
            elif isinstance(part, PageInfo):
                sql = self._page_info(part, shown)
            else:
                sql = self._edges(part, shown)
            entries.append(f"{values.literal(key)}, {sql}")
        return self._over(rows, f"json_build_object({', '.join(entries)})", shown)

    def listed(self, rows: str) -> str:
        """The JSON list of the nodes of every one of the numbered ``rows``, in order."""
        [node] = self.connection.nodes()
        shown = self.node(node)
        listed = f"coalesce(json_agg({shown} ORDER BY {self.row}.hub_n), '[]'::json)"
        return self._over(rows, listed, "true")

    def _over(self, rows: str, answer: str, shown: str) -> str:
        """The SELECT of ``answer`` (an aggregate) over ``rows`` and the laterals the
        values planned so far joined, and whether a row ``shown`` is confidential."""
        confidential = [_confidential(self.connection.model, self.row)]
        confidential += [f"coalesce({alias}.confidential, false)" for alias, _ in self.laterals]
        joined = "".join(
            f" LEFT JOIN LATERAL ({sql}) AS {alias} ON true" for alias, sql in self.laterals
        )
        return (
            f"SELECT {answer} AS answer, "
            f"coalesce(bool_or({' OR '.join(confidential)}) FILTER (WHERE {shown}), false) "
            f"AS confidential FROM ({rows}) AS {self.row}{joined}"
        )

    def _page_info(self, part: PageInfo, shown: str) -> str:
        entries = []
        for key, name in part.fields:
            if name == "hasNextPage":
                sql = f"coalesce(max({self.row}.hub_n), 0) > {self.size}"
            elif name == "hasPreviousPage":
                sql = "true" if self.after is not None else "false"
            elif name in ("startCursor", "endCursor"):
                way = "" if name == "startCursor" else " DESC"
                sql = (
                    f"(array_agg({self.cursor()} ORDER BY {self.row}.hub_n{way}) "
                    f"FILTER (WHERE {shown}))[1]"
                )
            else:
                sql = values.literal(part.type_name)  # __typename, the one other field planned
            entries.append(f"{values.literal(key)}, {sql}")
        return f"json_build_object({', '.join(entries)})"

    def _edges(self, part: Edges, shown: str) -> str:
        entries = ", ".join(f"{values.literal(k)}, {self._edge_value(p)}" for k, p in part.parts)
        return (
            f"coalesce(json_agg(json_build_object({entries}) ORDER BY {self.row}.hub_n) "
            f"FILTER (WHERE {shown}), '[]'::json)"
        )

    def _edge_value(self, part: EdgePart) -> str:
        if isinstance(part, Text):
            return values.literal(part.value)
        if isinstance(part, Cursor):
            return self.cursor()
        return self.node(part)

    def node(self, node: Node) -> str:
        entries = ", ".join(f"{values.literal(k)}, {self._value(v)}" for k, v in node.values)
        return f"json_build_object({entries})"

    def _value(self, value: Value) -> str:
        if isinstance(value, Fixed):
            return value.sql
        if isinstance(value, Translation):
            return _translation(value, self.request)
        alias = f"{self.row}_n{len(self.laterals)}"
        if isinstance(value, NestedPage):
            joined = _nested(value, self)
        elif isinstance(value, RowsBelow):
            joined = _rows_below(value, self)
        elif isinstance(value, RowsListed):
            joined = _rows_listed(value, self)
        else:
            joined = _related(value, self)
        self.laterals.append((alias, joined))
        return f"{alias}.answer"


def _translation(value: Translation, request: Request) -> str:
    lang = request.arguments(value).get("lang")
    codes = value.declared.languages(request.context, getattr(lang, "value", lang))
    if value.localized is None:
        return texts.text(value.declared, value.row, codes)
    names = dict(value.language_names)
    return texts.localized(
        value.declared, value.row, codes, value.localized, value.type_name, names
    )


def _confidential(model: Any, row: str) -> str:
    """Whether the row named ``row`` is confidential."""
    if "classification" not in model._meta.fields_map:
        return "false"
    return f"{values.column('classification', row)} = {CONFIDENTIAL}"


def _related(value: Related, parent: Level) -> str:
    """The correlated SELECT of the row each of ``parent``'s shown rows names, if the
    caller may see it: no row otherwise, so null."""
    queryset = value.declared.rows(parent.request.context)
    if queryset is None:
        return "SELECT NULL::json AS answer, false AS confidential"
    listing = parent.request.embed(queryset)
    row = value.row
    named = values.column(value.declared.column, parent.row)
    return (
        f"SELECT {parent.node(value.node)} AS answer, "
        f"{_confidential(queryset.model, row)} AS confidential FROM ({listing}) AS {row} "
        f"WHERE {values.column('id', row)} = {named} AND {parent.row}.hub_n <= {parent.size}"
    )


def _nested(value: NestedPage, parent: Level) -> str:
    """The correlated SELECT of a page nested under each of ``parent``'s shown rows."""
    declared = value.declared
    first = parent.request.arguments(value).get("first")
    try:
        size = check_page_size(first)
    except BadUserInput as exc:  # the resolvers report it
        raise Fallback("a page size") from exc
    queryset = declared.rows(parent.request.context)
    if queryset is None:
        raise Fallback("nothing to list")
    listing = parent.request.embed(queryset)
    level = Level(value.connection, parent.request, size, None, declared.ordering)
    under = (
        f"{values.column(declared.parent, 'q')} = {values.column('id', parent.row)} "
        f"AND {parent.row}.hub_n <= {parent.size}"
    )
    rows = level.numbered(listing, f" WHERE {under}", size + 1)
    count = (
        f"(CASE WHEN {parent.row}.hub_n <= {parent.size} THEN (SELECT count(*) "
        f"FROM ({listing}) AS c WHERE {values.column(declared.parent, 'c')} = "
        f"{values.column('id', parent.row)}) END)"
    )
    return level.select(rows, count)


# A list under a row shows every row: the bound the page rows are compared with.
EVERY_ROW = 2**31 - 1
# A list under a row when the caller may see none of its kind.
NO_ROWS = "SELECT '[]'::json AS answer, false AS confidential"


def _rows_below(value: RowsBelow, parent: Level) -> str:
    """The correlated SELECT of the list of rows under each of ``parent``'s shown rows."""
    children = value.declared.children
    queryset = children.rows(parent.request.context)
    if queryset is None:
        return NO_ROWS
    level = Level(value.connection, parent.request, EVERY_ROW, None, children.ordering)
    under = (
        f"{values.column(children.parent, 'q')} = "
        f"{values.column(value.declared.source, parent.row)} "
        f"AND {parent.row}.hub_n <= {parent.size}"
    )
    ended = value.declared.ended
    if ended and not parent.request.arguments(value).get("includePast"):
        under += f" AND {values.column(ended, 'q')} IS NULL"
    return level.listed(level.numbered(parent.request.embed(queryset), f" WHERE {under}"))


def _rows_listed(value: RowsListed, parent: Level) -> str:
    """The correlated SELECT of the rows whose ids each of ``parent``'s shown rows lists,
    in the list's order, those among the caller's."""
    queryset = value.declared.rows(parent.request.context)
    if queryset is None:
        return NO_ROWS
    level = Level(value.connection, parent.request, EVERY_ROW, None, Ordering("id"))
    ids = values.column(value.declared.column, parent.row)
    rows = (
        f"SELECT {level.picked()}, named.hub_n FROM jsonb_array_elements_text({ids}) "
        f"WITH ORDINALITY AS named(id, hub_n) JOIN ({parent.request.embed(queryset)}) AS q "
        f"ON {values.column('id', 'q')}::text = named.id WHERE {parent.row}.hub_n <= {parent.size}"
    )
    return level.listed(rows)


@dataclass(frozen=True)
class Bound:
    """A root field bound to a request's arguments: the rows its service lists for the
    caller, the page of them the resolvers would read, and how it is asked for."""

    listing: Listing[Any]
    order: Ordering
    size: int
    after: str | None
    # The sort value and id the cursor ``after`` holds.
    cursor: tuple[Any, str] | None


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
        cursor = decode_cursor(asked.order, after, listing.rows.model) if after else None
    except Fallback:
        raise
    except Exception as exc:  # the resolvers answer it, with their own error
        raise Fallback("refused") from exc
    return Bound(listing, asked.order, size, after, cursor)


def _page(request: Request, bound: Bound) -> str:
    """The rows of the page and one more, as ``hub.core.pagination.page_query`` reads
    them: the listing's rows after the cursor, in order. The listing is embedded as it is
    (kept, the same for every page), the cursor's values bound as parameters."""
    model = bound.listing.rows.model
    order = _order_by(bound.order, model, "q")
    after = ""
    if bound.cursor is not None:
        value, pk = bound.cursor
        if value is None:  # the resolvers' comparison with NULL: written by Tortoise
            return request.embed(
                page_query(bound.listing.rows, bound.order, bound.size, bound.after)
            )
        sort, key = values.column(bound.order.field, "q"), values.column("id", "q")
        op = "<" if bound.order.descending else ">"
        at, past = request.parameter(value), request.parameter(UUID(pk))
        # The plain range first, as page_query writes it, so that an index starts there.
        later = f"{sort} {op} {at} OR ({sort} = {at} AND {key} {op} {past})"
        after = f" WHERE {sort} {op}= {at} AND ({later})"
    listing = request.embed(bound.listing.rows)
    return f"SELECT * FROM ({listing}) AS q{after} ORDER BY {order} LIMIT {bound.size + 1}"


async def answer_root(
    context: Context, schema: Schema, root: RootField, variables: VariableValues
) -> orjson.Fragment:
    """The JSON of one root field; Fallback when the resolvers are to answer it."""
    bound = bind(context, schema, root, variables)
    request = _request(context, variables, bound.listing.rows)
    rows = _page(request, bound)
    count = "NULL"
    if any(isinstance(part, TotalCount) for _, part in root.connection.parts):
        count = bound.listing.total(request.embed, request.embed_count)
    level = Level(root.connection, request, bound.size, bound.after, bound.order)
    return await _answer(request, level.select(level.numbered(rows), count))


async def answer_node(
    context: Context, root: NodeRoot, variables: VariableValues
) -> orjson.Fragment:
    """The JSON of ``node(id:)``: the row of the id among those the type's service lets the
    caller see (reach included), or null; Fallback when the resolvers are to answer it."""
    try:
        raw = get_argument_values(root.graphql_field, root.node, variables)["id"]
        asked = raw if isinstance(raw, relay.GlobalID) else relay.GlobalID.from_id(raw)
    except Exception as exc:  # the resolvers report it
        raise Fallback("an id") from exc
    choice = root.choices.get(asked.type_name)
    if choice is None:
        raise Fallback(f"a node of {asked.type_name}")
    service, connection = choice
    rows = service(context).visible(network=True)
    pk = parse_id(asked.node_id)
    if rows is None or pk is None:
        return orjson.Fragment(b"null")  # as the resolvers: hidden, unknown and malformed alike
    request = _request(context, variables, rows)
    level = Level(connection, request, 1, None, Ordering("id"))
    found = (
        f"SELECT {level.picked()}, 1 AS hub_n FROM ({request.embed(rows)}) AS q "
        f"WHERE {values.column('id', 'q')} = {request.parameter(pk)}"
    )
    path = f"->{values.literal(NODE_EDGES)}->0->{values.literal(NODE_KEY)}"
    return await _answer(request, level.select(found, "NULL"), path)


def _request(context: Context, variables: VariableValues, rows: QuerySet[Any]) -> Request:
    rows._choose_db_if_not_chosen()
    if rows._db.capabilities.dialect != "postgres":
        raise Fallback("not PostgreSQL")
    # One parameterizer numbers the parameters of every query embedded as one statement's;
    # PostgreSQL's query class writes them as $n.
    sql = rows._db.query_class.SQL_CONTEXT.copy(parameterizer=Parameterizer())
    return Request(context, variables, sql, rows._db)


async def _answer(request: Request, select: str, path: str = "") -> orjson.Fragment:
    """Run a level's SELECT: the JSON it builds (at ``path`` in it), unless confidential."""
    sql = (
        f"SELECT (hub_answer.answer{path})::text AS answer, hub_answer.confidential "
        f"FROM ({select}) AS hub_answer"
    )
    parameterizer = request.sql.parameterizer
    _, found = await request.db.execute_query(sql, parameterizer.values if parameterizer else [])
    [row] = found
    if row["confidential"]:
        # A confidential read is audited by the resolvers as they read it.
        raise Fallback("confidential rows")
    return orjson.Fragment(b"null" if row["answer"] is None else row["answer"])


async def answer(
    context: Context, schema: Schema, plan: Plan, raw_variables: dict[str, Any] | None
) -> dict[str, Any] | None:
    """The data of the root fields that compiled, each one's JSON as PostgreSQL wrote it;
    a root field the resolvers are to answer is left out. None when they answer them all."""
    coerced = get_variable_values(
        schema._schema, plan.operation.variable_definitions or (), raw_variables or {}
    )
    if isinstance(coerced, list):
        return None  # the resolvers' path reports the variables' errors
    data: dict[str, Any] = {}
    for root in plan.roots:
        try:
            if isinstance(root, NodeRoot):
                data[root.key] = await answer_node(context, root, coerced)
            else:
                data[root.key] = await answer_root(context, schema, root, coerced)
        except Fallback as reason:
            log.debug("%s answered by the resolvers: %s", root.key, reason)
    return data or None
