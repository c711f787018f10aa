"""Plans: which operations compile, decided once per document and operation.

An operation compiles when each of its root fields is a declared list
(``hub.graphql.list_fields.DeclaredList``) paged by its service, guarded by nothing but
``Can``, and selects only the connection's own fields and, of its nodes, columns shown as
they are stored, the Relay id, ``__typename``, translated texts and nested pages declared
for it (``hub.graphql.declared_fields``): no fragments or directives, and no arguments
below the root but a translated text's ``lang`` and a nested page's ``first``. Anything
else (fields resolved otherwise, fields with rules of their own, mutations) leaves the
whole operation to the resolvers.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, TypeVar

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLEnumType,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLScalarType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
)
from graphql.utilities import get_operation_ast
from strawberry import relay
from strawberry.permission import PermissionExtension
from strawberry.types.field import StrawberryField
from tortoise import fields
from tortoise.fields.data import CharEnumFieldInstance

from hub.access.permissions import Can
from hub.access.scoped import ScopedService
from hub.compiled import values
from hub.graphql.declared_fields import (
    NESTED,
    RELATED,
    ROWS_NAMED,
    ROWS_UNDER,
    STORED_VALUE,
    STORED_VALUES,
    TRANSLATED,
    NestedRows,
    RelatedRow,
    RowsNamed,
    RowsUnder,
    Stored,
    StoredValue,
    StoredValues,
    Translated,
)
from hub.graphql.list_fields import DECLARED_LIST, LIST_ARGUMENTS, DeclaredList, ServicePages
from hub.graphql.model_types import ID_COLUMN, ModelNode, ServiceFetch, or_none

log = logging.getLogger("hub.compiled")
D = TypeVar("D")
BACKREF = "strawberry-definition"  # where Strawberry keeps a GraphQL field's own definition
PLANS_KEPT = 256
PAGE_INFO = {"hasNextPage", "hasPreviousPage", "startCursor", "endCursor", "__typename"}
LOCALIZED = {"text", "language", "available", "__typename"}
# A record or a list of rows is planned as a connection of one edge per row: its keys.
NODE_EDGES, NODE_KEY = "e", "node"


class NotCompiled(Exception):
    """Something in the operation the plan does not build in SQL."""


@dataclass(frozen=True)
class Text:
    """A constant of the selection: a ``__typename``."""

    value: str


@dataclass(frozen=True)
class TotalCount:
    """The connection's ``totalCount``: the service's own count of its rows."""


@dataclass(frozen=True)
class PageInfo:
    """The connection's ``pageInfo``: (key, field name) of the fields it selects."""

    type_name: str
    fields: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Cursor:
    """An edge's ``cursor``."""


@dataclass(frozen=True)
class Fixed:
    """A node field whose SQL is the same for every request: ``columns`` those it reads."""

    sql: str
    columns: tuple[str, ...]


@dataclass(frozen=True)
class Translation:
    """A translated text, in the languages of the request and of its ``lang`` argument.
    ``localized`` is (key, field name) of the ``LocalizedText`` selected, None for the
    text alone; ``language_names`` the GraphQL names of the language codes."""

    graphql_field: GraphQLField
    field_node: FieldNode
    declared: Translated
    row: str
    localized: tuple[tuple[str, str], ...] | None
    type_name: str
    language_names: tuple[tuple[str, str], ...]

    @property
    def columns(self) -> tuple[str, ...]:
        if self.declared.stored is Stored.VERSIONS:
            return (self.declared.column, "language", "translations")
        return (self.declared.column,)


@dataclass(frozen=True)
class NestedPage:
    """A page of rows under the node's row, of the size its ``first`` argument asks."""

    graphql_field: GraphQLField
    field_node: FieldNode
    declared: NestedRows
    connection: Connected
    columns: tuple[str, ...] = ("id",)


@dataclass(frozen=True)
class Related:
    """The row the node's row names in a column, or null, with what its node selects."""

    declared: RelatedRow
    node: Node
    row: str

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.declared.column,)


@dataclass(frozen=True)
class RowsBelow:
    """Every row under the node's row that the declaration names, in its order, with
    what each selects (as a connection's edges: ``NODE_EDGES``, ``NODE_KEY``)."""

    graphql_field: GraphQLField
    field_node: FieldNode
    declared: RowsUnder
    connection: Connected

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.declared.source,)


@dataclass(frozen=True)
class RowsListed:
    """The rows whose ids the node's row lists, in that order, with what each selects
    (as a connection's edges: ``NODE_EDGES``, ``NODE_KEY``)."""

    declared: RowsNamed
    connection: Connected

    @property
    def columns(self) -> tuple[str, ...]:
        return (self.declared.column,)


Value = Fixed | Translation | NestedPage | Related | RowsBelow | RowsListed


@dataclass(frozen=True)
class Node:
    """An edge's ``node``: (key, value) of the fields it selects."""

    values: tuple[tuple[str, Value], ...]


EdgePart = Text | Cursor | Node


@dataclass(frozen=True)
class Edges:
    """The connection's ``edges``: (key, part) of what each edge selects."""

    parts: tuple[tuple[str, EdgePart], ...]


ConnectionPart = Text | TotalCount | PageInfo | Edges


@dataclass(frozen=True)
class Connected:
    """What a connection selects, (key, part) of each of its fields, over its page rows,
    which the statement names ``row`` (one name per depth: a nested page refers to the
    row above it)."""

    row: str
    model: type[Any]
    parts: tuple[tuple[str, ConnectionPart], ...]

    def nodes(self) -> list[Node]:
        return [
            edge
            for _, part in self.parts
            if isinstance(part, Edges)
            for _, edge in part.parts
            if isinstance(edge, Node)
        ]

    def columns(self, sort: str) -> list[str]:
        """The columns of the page rows the statement reads: the key, the sort column,
        the classification (whether the page is confidential) and those of the values."""
        wanted = ["id", sort]
        if "classification" in self.model._meta.fields_map:
            wanted.append("classification")
        for node in self.nodes():
            for _, value in node.values:
                wanted.extend(value.columns)
        return list(dict.fromkeys(wanted))


@dataclass(frozen=True)
class RootField:
    """One root list field: its response key, its declaration (``pages`` its read, a
    service's), and what its connection selects."""

    key: str
    node: FieldNode
    graphql_field: GraphQLField
    field: StrawberryField
    declared: DeclaredList[Any, Any]
    pages: ServicePages[Any, Any]
    guards: tuple[Can, ...]
    connection: Connected


@dataclass(frozen=True)
class NodeRoot:
    """The root ``node(id:)``: for each type whose rows its service fetches by id, the
    service's class and what the selection reads of a row of the type, as a connection
    of one edge (``NODE_EDGES``, ``NODE_KEY``) so that its statement is a list's."""

    key: str
    node: FieldNode
    graphql_field: GraphQLField
    choices: Mapping[str, tuple[type[ScopedService[Any]], Connected]]


Root = RootField | NodeRoot


@dataclass(frozen=True)
class Plan:
    """The root fields that compile, and ``fields`` every root field by key, in the
    answer's order."""

    operation: OperationDefinitionNode
    roots: tuple[Root, ...]
    fields: tuple[tuple[str, FieldNode], ...]

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(key for key, _ in self.fields)

    def rest(self, answered: Collection[str]) -> DocumentNode | None:
        """The operation made of the root fields not ``answered``, for the resolvers;
        None when every one was."""
        return _operation_of(self.operation, [n for k, n in self.fields if k not in answered])


def _unwrap(graphql_type: Any) -> Any:
    while isinstance(graphql_type, GraphQLNonNull | GraphQLList):
        graphql_type = graphql_type.of_type
    return graphql_type


def _fields(
    selection: SelectionSetNode | None, type_name: str, among: frozenset[str] | None = None
) -> list[tuple[str, FieldNode]]:
    """The fields of a selection on the type ``type_name`` by response key, those of its
    inline fragments on the type included (spreads are inlined by ``build``) and those of
    one key merged, as execution collects them; NotCompiled for directives or a fragment
    on another type. With ``among`` (the type and its interfaces), the selection is on an
    interface: a fragment on a type outside ``among`` is skipped, as execution skips it."""
    if selection is None:
        raise NotCompiled("no selection")
    out: dict[str, FieldNode] = {}
    for item in selection.selections:
        if item.directives:
            raise NotCompiled("a directive")
        if isinstance(item, InlineFragmentNode):
            condition = item.type_condition
            if condition is not None and condition.name.value != type_name:
                if among is None:
                    raise NotCompiled("a fragment on another type")
                if condition.name.value not in among:
                    continue
            for key, field in _fields(item.selection_set, type_name, among):
                _merge(out, key, field)
        elif isinstance(item, FieldNode):
            _merge(out, item.alias.value if item.alias else item.name.value, item)
        else:
            raise NotCompiled("a fragment spread")
    return list(out.items())


def _merge(out: dict[str, FieldNode], key: str, field: FieldNode) -> None:
    """A validated document gives one key to one field with the same arguments: their
    selections are one."""
    seen = out.get(key)
    if seen is None:
        out[key] = field
    elif seen.selection_set and field.selection_set:
        both = (*seen.selection_set.selections, *field.selection_set.selections)
        out[key] = FieldNode(
            loc=seen.loc,
            alias=seen.alias,
            name=seen.name,
            arguments=seen.arguments,
            directives=seen.directives,
            selection_set=SelectionSetNode(selections=both),
        )


def _inlined(
    selection: SelectionSetNode, fragments: dict[str, FragmentDefinitionNode]
) -> SelectionSetNode:
    """The selection with every fragment spread made an inline fragment."""
    items: list[Any] = []
    for item in selection.selections:
        if isinstance(item, FragmentSpreadNode):
            fragment = fragments[item.name.value]
            items.append(
                InlineFragmentNode(
                    loc=item.loc,
                    type_condition=fragment.type_condition,
                    directives=(*(item.directives or ()), *(fragment.directives or ())),
                    selection_set=_inlined(fragment.selection_set, fragments),
                )
            )
        elif isinstance(item, FieldNode | InlineFragmentNode):
            inner = item.selection_set and _inlined(item.selection_set, fragments)
            items.append(type(item)(**{**_attributes(item), "selection_set": inner}))
        else:
            items.append(item)
    return SelectionSetNode(selections=tuple(items))


def _attributes(item: FieldNode | InlineFragmentNode) -> dict[str, Any]:
    # The location too: an error the resolvers raise under the field reports it.
    return {key: getattr(item, key) for key in item.keys}


def _plain(selection: SelectionSetNode | None, type_name: str) -> list[tuple[str, str]]:
    """(key, field name) of a selection of scalars without arguments."""
    picked = []
    for key, node in _fields(selection, type_name):
        if node.arguments or node.selection_set:
            raise NotCompiled("arguments or a selection")
        picked.append((key, node.name.value))
    return picked


def _arguments_only(item: FieldNode, allowed: set[str]) -> None:
    if any(argument.name.value not in allowed for argument in item.arguments or ()):
        raise NotCompiled("arguments")


def _relay_id_of_pk(node_type: type[Any]) -> bool:
    """Is the type's ``id`` Relay's global id of its primary key, as ``ModelNode`` makes it?"""
    return (
        issubclass(node_type, ModelNode)
        and node_type.field_columns().get("id") == ID_COLUMN
        and node_type.resolve_id.__func__ is relay.Node.resolve_id.__func__  # type: ignore[attr-defined]
    )


def _strawberry_field(graphql_field: GraphQLField) -> StrawberryField:
    field = graphql_field.extensions.get(BACKREF)
    if not isinstance(field, StrawberryField) or field.extensions:
        raise NotCompiled("a field with extensions")
    return field


def _node_value(
    node_type: type[Any], owner: GraphQLObjectType, item: FieldNode, depth: int
) -> Value:
    """What one field of a node selects."""
    name, row = item.name.value, f"p{depth}"
    if name == "__typename":
        return Fixed(values.literal(owner.name), ())
    graphql_field = owner.fields.get(name)
    if graphql_field is None:
        raise NotCompiled(name)
    if name == "id" and _relay_id_of_pk(node_type):
        _plain_field(item)
        return Fixed(values.relay_id(owner.name, row), ("id",))
    field = _strawberry_field(graphql_field)
    metadata: Mapping[str, Any] = field.metadata or {}
    if isinstance(metadata.get(TRANSLATED), Translated):
        return _translation(node_type, graphql_field, item, metadata[TRANSLATED], row)
    nested = _declared(metadata, NESTED, NestedRows)
    if nested is not None:
        return _nested(graphql_field, item, nested, depth)
    related = _declared(metadata, RELATED, RelatedRow)
    if related is not None:
        return _related(graphql_field, item, related, depth)
    below = _declared(metadata, ROWS_UNDER, RowsUnder)
    if below is not None:
        return _rows_below(graphql_field, item, below, depth)
    listed = _declared(metadata, ROWS_NAMED, RowsNamed)
    if listed is not None:
        return _rows_listed(graphql_field, item, listed, depth)
    _plain_field(item)
    if isinstance(metadata.get(STORED_VALUE), StoredValue):
        return _stored_value(node_type, graphql_field, metadata[STORED_VALUE], row)
    if field.base_resolver:
        raise NotCompiled(f"{name} is resolved")
    if isinstance(metadata.get(STORED_VALUES), StoredValues):
        return _stored_values(node_type, graphql_field, metadata[STORED_VALUES], row)
    return _column_value(node_type, graphql_field, field, row)


def _stored_values(
    node_type: type[Any], graphql_field: GraphQLField, declared: StoredValues, row: str
) -> Fixed:
    shown = _unwrap(graphql_field.type)
    model_field = node_type.model_map.model._meta.fields_map.get(declared.column)
    if not isinstance(shown, GraphQLEnumType) or not isinstance(model_field, fields.JSONField):
        raise NotCompiled("values of another kind")
    sql = values.enum_names(values.column(declared.column, row), _enum_names(shown))
    return Fixed(sql, (declared.column,))


def _declared(metadata: Mapping[str, Any], key: str, kind: type[D]) -> D | None:
    """The declaration under ``key``, given as it is or as a function making it."""
    found = metadata.get(key)
    if found is not None and not isinstance(found, kind) and callable(found):
        found = found()
    return found if isinstance(found, kind) else None


def _stored_value(
    node_type: type[Any], graphql_field: GraphQLField, declared: StoredValue, row: str
) -> Fixed:
    shown = _unwrap(graphql_field.type)
    model_field = node_type.model_map.model._meta.fields_map.get(declared.column)
    if not isinstance(shown, GraphQLEnumType) or not isinstance(
        model_field, fields.CharField | fields.TextField
    ):
        raise NotCompiled("a value of another kind")
    sql = values.enum_name(values.column(declared.column, row), _enum_names(shown))
    return Fixed(sql, (declared.column,))


def _plain_field(item: FieldNode) -> None:
    if item.arguments or item.selection_set:
        raise NotCompiled("arguments or a selection")


def _column_value(
    node_type: type[Any], graphql_field: GraphQLField, field: StrawberryField, row: str
) -> Fixed:
    name = field.python_name
    source = node_type.field_columns().get(name)
    if source is None or source.names != (name,):
        raise NotCompiled(f"{name} is read from other columns")
    model_field = node_type.model_map.model._meta.fields_map.get(name)
    shown = _unwrap(graphql_field.type)
    if model_field is None or getattr(model_field, "source_field", None):
        raise NotCompiled(f"{name} has no column of its own")
    sql = values.column(name, row)
    if source.convert is list and _texts(graphql_field, model_field):
        return Fixed(f"{sql}::json", (name,))
    if isinstance(shown, GraphQLEnumType) and source.convert is None:
        return Fixed(_enum(sql, shown, model_field), (name,))
    kind = (
        values.scalar_kind(model_field, shown.name)
        if isinstance(shown, GraphQLScalarType)
        else None
    )
    if kind is None:
        raise NotCompiled(f"{name} is of a kind not compiled")
    if source.convert is or_none and kind is values.TEXT:
        sql = f"NULLIF({sql}, '')"  # an empty text shows as null
    elif source.convert is not None:
        raise NotCompiled(f"{name} is converted")
    return Fixed(kind.shown(sql), (name,))


def _texts(graphql_field: GraphQLField, model_field: fields.Field[Any]) -> bool:
    """Is the field a list of texts kept as a JSON list of them?"""
    shown = graphql_field.type
    while isinstance(shown, GraphQLNonNull):
        shown = shown.of_type
    item = _unwrap(shown)
    return (
        isinstance(shown, GraphQLList)
        and isinstance(item, GraphQLScalarType)
        and item.name == "String"
        and isinstance(model_field, fields.JSONField)
    )


def _enum_names(shown: GraphQLEnumType) -> dict[str, str]:
    """Stored value -> GraphQL name of the enum's values."""
    names: dict[str, str] = {}
    for name, value in shown.values.items():
        stored = getattr(value.value, "value", value.value)
        if not isinstance(stored, str):
            raise NotCompiled("an enum of other values")
        names[stored] = name
    return names


def _enum(sql: str, shown: GraphQLEnumType, model_field: fields.Field[Any]) -> str:
    enum_type = getattr(model_field, "enum_type", None)
    if type(model_field) is not CharEnumFieldInstance or enum_type is None:
        raise NotCompiled("an enum not stored as text")
    return values.enum_name(sql, _enum_names(shown))


def _translation(
    node_type: type[Any],
    graphql_field: GraphQLField,
    item: FieldNode,
    declared: Translated,
    row: str,
) -> Translation:
    _arguments_only(item, {"lang"})
    model_fields = node_type.model_map.model._meta.fields_map
    needed = [declared.column]
    if declared.stored is Stored.VERSIONS:
        needed += ["language", "translations"]
    if any(name not in model_fields for name in needed):
        raise NotCompiled("a translation without its columns")
    shown = _unwrap(graphql_field.type)
    if isinstance(shown, GraphQLScalarType) and shown.name == "String":
        if declared.stored is not Stored.VERSIONS or item.selection_set:
            raise NotCompiled("a text of other translations")
        return Translation(graphql_field, item, declared, row, None, "", ())
    if not isinstance(shown, GraphQLObjectType):
        raise NotCompiled("a translation of another type")
    picked = tuple(_plain(item.selection_set, shown.name))
    if any(name not in LOCALIZED for _, name in picked):
        raise NotCompiled("a field of a localized text")
    language = _unwrap(shown.fields["language"].type)
    names = tuple(_enum_names(language).items())
    return Translation(graphql_field, item, declared, row, picked, shown.name, names)


def _nested(
    graphql_field: GraphQLField, item: FieldNode, declared: NestedRows, depth: int
) -> NestedPage:
    _arguments_only(item, {"first"})
    connection_type = _unwrap(graphql_field.type)
    if not isinstance(connection_type, GraphQLObjectType):
        raise NotCompiled("a nested page of another type")
    connection = _connected(connection_type, item.selection_set, declared.node, depth + 1)
    return NestedPage(graphql_field, item, declared, connection)


def _related(
    graphql_field: GraphQLField, item: FieldNode, declared: RelatedRow, depth: int
) -> Related:
    if item.arguments:
        raise NotCompiled("arguments")
    owner = _unwrap(graphql_field.type)
    node = _node(declared.node, owner, item.selection_set, depth + 1)
    below = NestedPage | Related | RowsBelow | RowsListed
    if any(isinstance(value, below) for _, value in node.values):
        raise NotCompiled("rows under a related row")
    return Related(declared, node, f"p{depth + 1}")


def _rows_below(
    graphql_field: GraphQLField, item: FieldNode, declared: RowsUnder, depth: int
) -> RowsBelow:
    _arguments_only(item, {"includePast"} if declared.ended else set())
    owner = _unwrap(graphql_field.type)
    node = _node(declared.node, owner, item.selection_set, depth + 1)
    return RowsBelow(graphql_field, item, declared, _as_edges(declared.node, node, depth + 1))


def _rows_listed(
    graphql_field: GraphQLField, item: FieldNode, declared: RowsNamed, depth: int
) -> RowsListed:
    _arguments_only(item, set())
    owner = _unwrap(graphql_field.type)
    node = _node(declared.node, owner, item.selection_set, depth + 1)
    return RowsListed(declared, _as_edges(declared.node, node, depth + 1))


def _as_edges(node_type: type[Any], node: Node, depth: int) -> Connected:
    """Rows of ``node_type`` selecting ``node``, planned as a connection's edges."""
    edges = (NODE_EDGES, Edges(((NODE_KEY, node),)))
    return Connected(f"p{depth}", node_type.model_map.model, (edges,))


def _node(
    node_type: type[Any],
    owner: GraphQLObjectType,
    selection: SelectionSetNode | None,
    depth: int,
    among: frozenset[str] | None = None,
) -> Node:
    picked = _fields(selection, owner.name, among)
    return Node(tuple((key, _node_value(node_type, owner, n, depth)) for key, n in picked))


def _connected(
    connection: GraphQLObjectType,
    selection: SelectionSetNode | None,
    node_type: type[Any],
    depth: int,
) -> Connected:
    parts = tuple(
        (key, _connection_part(connection, item, node_type, depth))
        for key, item in _fields(selection, connection.name)
    )
    return Connected(f"p{depth}", node_type.model_map.model, parts)


def _connection_part(
    connection: GraphQLObjectType, item: FieldNode, node_type: type[Any], depth: int
) -> ConnectionPart:
    name = item.name.value
    if item.arguments:
        raise NotCompiled("arguments")
    if name == "__typename":
        return Text(connection.name)
    if name == "totalCount":
        return TotalCount()
    if name == "pageInfo":
        page_info = _unwrap(connection.fields[name].type).name
        picked = tuple(_plain(item.selection_set, page_info))
        if any(n not in PAGE_INFO for _, n in picked):
            raise NotCompiled("a field of pageInfo")
        return PageInfo(page_info, picked)
    if name == "edges":
        edge = _unwrap(connection.fields[name].type)
        parts = _fields(item.selection_set, edge.name)
        return Edges(tuple((key, _edge_part(edge, e, node_type, depth)) for key, e in parts))
    raise NotCompiled(name)


def _edge_part(
    edge: GraphQLObjectType, item: FieldNode, node_type: type[Any], depth: int
) -> EdgePart:
    name = item.name.value
    if item.arguments:
        raise NotCompiled("arguments")
    if name == "__typename":
        return Text(edge.name)
    if name == "cursor":
        return Cursor()
    if name == "node":
        return _node(node_type, _unwrap(edge.fields[name].type), item.selection_set, depth)
    raise NotCompiled(name)


def _root(schema: GraphQLSchema, key: str, node: FieldNode) -> RootField:
    query = schema.query_type
    assert query is not None
    graphql_field = query.fields.get(node.name.value)
    field = None if graphql_field is None else graphql_field.extensions.get(BACKREF)
    if graphql_field is None or not isinstance(field, StrawberryField):
        raise NotCompiled(node.name.value)
    declared = field.metadata.get(DECLARED_LIST) if field.metadata else None
    if not isinstance(declared, DeclaredList) or not isinstance(declared.read, ServicePages):
        raise NotCompiled(f"{node.name.value} is not a list its service pages")
    _arguments_only(node, set(LIST_ARGUMENTS))
    guards: list[Can] = []
    for extension in field.extensions:
        if not isinstance(extension, PermissionExtension):
            raise NotCompiled("an extension")
        for permission in extension.permissions:
            if not isinstance(permission, Can):
                raise NotCompiled("a permission")
            guards.append(permission)
    connection = _connected(_unwrap(graphql_field.type), node.selection_set, declared.of.node, 0)
    return RootField(
        key, node, graphql_field, field, declared, declared.read, tuple(guards), connection
    )


def _fetched_by(node_type: Any) -> type[ScopedService[Any]] | None:
    """The scoped service whose ``get_many`` fetches the type's rows for ``node``; None
    when the type fetches them otherwise."""
    fetch = getattr(getattr(node_type, "model_map", None), "fetch", None)
    service = fetch.service if isinstance(fetch, ServiceFetch) else None
    if not (isinstance(service, type) and issubclass(service, ScopedService)):
        return None
    return service if service.get_many is ScopedService.get_many else None


def _node_root(schema: GraphQLSchema, key: str, node: FieldNode) -> NodeRoot:
    """``node(id:)``: a plan for each type it may answer with whose selection compiles;
    an id of another type is the resolvers' to answer."""
    query = schema.query_type
    assert query is not None
    graphql_field = query.fields[node.name.value]
    interface = _unwrap(graphql_field.type)
    choices: dict[str, tuple[type[ScopedService[Any]], Connected]] = {}
    for owner in schema.get_implementations(interface).objects:
        node_type = getattr(owner.extensions.get(BACKREF), "origin", None)
        service = _fetched_by(node_type)
        among = frozenset({owner.name, *(i.name for i in owner.interfaces)})
        try:
            if not (isinstance(node_type, type) and issubclass(node_type, ModelNode)):
                raise NotCompiled(f"{owner.name} is not a model's")
            if service is None:
                raise NotCompiled(f"{owner.name} is fetched otherwise")
            if not _relay_id_of_pk(node_type):
                raise NotCompiled(f"{owner.name} has another id")
            one = _node(node_type, owner, node.selection_set, 0, among)
        except NotCompiled as reason:
            log.debug("node of %s not compiled: %s", owner.name, reason)
            continue
        choices[owner.name] = (service, _as_edges(node_type, one, 0))
    return NodeRoot(key, node, graphql_field, choices)


def _any_root(schema: GraphQLSchema, key: str, node: FieldNode) -> Root:
    if node.name.value == "node":
        if node.directives or any(a.name.value != "id" for a in node.arguments or ()):
            raise NotCompiled("node with other arguments")
        return _node_root(schema, key, node)
    return _root(schema, key, node)


def build(schema: GraphQLSchema, document: DocumentNode, operation_name: str | None) -> Plan | None:
    """The plan of a validated operation; None when it does not compile."""
    operation = get_operation_ast(document, operation_name)
    if operation is None or operation.operation is not OperationType.QUERY or operation.directives:
        return None
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    query = schema.query_type
    assert query is not None
    try:
        fields = _fields(_inlined(operation.selection_set, fragments), query.name)
    except NotCompiled as reason:
        log.debug("not compiled: %s", reason)
        return None
    roots: list[Root] = []
    for key, node in fields:
        try:
            roots.append(_any_root(schema, key, node))
        except NotCompiled as reason:
            log.debug("%s not compiled: %s", key, reason)
    if not roots:
        return None
    return Plan(operation, tuple(roots), tuple(fields))


def _operation_of(
    operation: OperationDefinitionNode, fields: list[FieldNode]
) -> DocumentNode | None:
    """A document of the operation with only these root fields."""
    if not fields:
        return None
    only = OperationDefinitionNode(
        operation=operation.operation,
        name=operation.name,
        variable_definitions=operation.variable_definitions,
        directives=(),
        selection_set=SelectionSetNode(selections=tuple(fields)),
    )
    return DocumentNode(definitions=(only,))


class Plans:
    """Plans by (document, operation name), the most recently used kept. A plan holds
    nothing of a caller: scope and filter are the service's for each request, and the
    languages of a translated text are the request's, bound with its variables."""

    def __init__(self, kept: int = PLANS_KEPT) -> None:
        self.kept = kept
        self._plans: OrderedDict[tuple[str, str | None], Plan | None] = OrderedDict()

    def get(
        self, schema: GraphQLSchema, text: str, document: DocumentNode, operation_name: str | None
    ) -> Plan | None:
        key = (text, operation_name)
        if key in self._plans:
            self._plans.move_to_end(key)
            return self._plans[key]
        plan = build(schema, document, operation_name)
        self._plans[key] = plan
        if len(self._plans) > self.kept:
            self._plans.popitem(last=False)
        return plan
