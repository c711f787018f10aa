"""Selections of plain fields, completed without graphql-core's per-field machinery.

graphql-core completes every field of every object alike: it builds an info object, looks up
and coerces the field's arguments, calls the resolver, asks whether the result is awaitable
and dispatches on the field's type. A page of 20 work streams with their first 5 proposals
has some 300 fields whose resolvers only read an attribute or are ``direct`` (see
:mod:`hub.graphql.direct`), and that dispatching was the largest part of an uncached
request's CPU time.

When every field a selection asks of an object type has a pure resolver (marked ``PURE`` on
the graphql-core field when the schema is built) and each field's type is a leaf, a list, or
an object type whose own selection is plain in turn, the executor builds a plan for the
selection once per execution (arguments coerced once) and fills each object's dict from it.

Anything out of the ordinary (a null in a non-null field, a value its scalar refuses, an
exception, a value of another type) abandons the plan for that object and lets graphql-core
complete it, so errors, their paths and null propagation are graphql-core's own. Pure
resolvers have no side effects, so calling one again then is harmless. Nothing runs for
fields with extensions (permissions among them): those are never marked pure.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any, cast

from graphql import (
    GraphQLEnumType,
    GraphQLError,
    GraphQLField,
    GraphQLList,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLResolveInfo,
    GraphQLScalarType,
    Undefined,
)
from graphql.execution import Executor
from graphql.execution.collect_fields import DeferUsage, FieldDetails, GroupedFieldSet
from graphql.execution.executor import to_nodes
from graphql.execution.incremental.incremental_executor import DeliveryGroupMap
from graphql.execution.values import get_argument_values
from graphql.pyutils import AwaitableOrValue, Path
from strawberry.schema.schema import StrawberryGraphQLCoreExecutionContext

# The key, in a graphql-core field's ``extensions``, of a resolver ``(source, info, **args)``
# that only reads: from ``info`` it may use ``context`` alone (a plan's info is built once,
# for the first object it completes).
PURE = "hub.pure_resolver"

Resolve = Callable[..., Any]
Complete = Callable[[Any], Any]
# Response key, resolver, its info (none for __typename), its arguments, how to complete.
_Step = tuple[str, Resolve, "GraphQLResolveInfo[Any] | None", dict[str, Any], Complete]


class _Abandon(Exception):
    """A value the plan does not handle; graphql-core completes the object instead."""


class _Plan:
    """How to complete one selection on one object type."""

    __slots__ = ("fields",)

    def __init__(self, fields: Sequence[_Step]) -> None:
        self.fields = tuple(fields)

    def complete(self, source: Any) -> dict[str, Any]:
        return {
            key: complete(resolve(source, info, **arguments))
            for key, resolve, info, arguments, complete in self.fields
        }


def _typename(name: str) -> Resolve:
    def resolve(source: Any, info: GraphQLResolveInfo[Any] | None) -> str:
        return name

    return resolve


def _same(value: Any) -> Any:
    return value


def _leaf(serialize: Callable[[Any], Any]) -> Complete:
    def complete(value: Any) -> Any:
        serialized = serialize(value)
        if serialized is None or serialized is Undefined:
            raise _Abandon
        return serialized

    return complete


def _nullable(inner: Complete) -> Complete:
    def complete(value: Any) -> Any:
        return None if value is None else inner(value)

    return complete


def _non_null(inner: Complete) -> Complete:
    def complete(value: Any) -> Any:
        if value is None:
            raise _Abandon
        return inner(value)

    return complete


def _list(inner: Complete) -> Complete:
    def complete(value: Any) -> Any:
        if isinstance(value, str | bytes | dict) or not isinstance(value, Iterable):
            raise _Abandon
        return [inner(item) for item in value]

    return complete


def _object(type_: GraphQLObjectType, plan: _Plan, info: GraphQLResolveInfo[Any]) -> Complete:
    is_type_of = type_.is_type_of

    def complete(value: Any) -> Any:
        if is_type_of is not None and is_type_of(value, info) is not True:
            raise _Abandon
        return plan.complete(value)

    return complete


class PlainSelectionsExecutor(StrawberryGraphQLCoreExecutionContext):
    """Strawberry's executor, completing plain selections from a plan (see the module)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Keyed by the identity of graphql-core's memoised grouped field sets, which the
        # entry keeps alive so that no other set can take its id during the execution.
        self._plans: dict[tuple[str, int], tuple[GroupedFieldSet, _Plan | None]] = {}

    def build_per_event_executor(self, payload: Any) -> Executor[Any]:
        executor = cast(PlainSelectionsExecutor, super().build_per_event_executor(payload))
        # A copy shares this executor's attributes, and a plan holds info objects with the
        # context; a subscription's event may be executed with a context of its own.
        executor._plans = {}
        return executor

    def execute_collected_subfields(
        self,
        parent_type: GraphQLObjectType,
        source_value: Any,
        path: Path,
        grouped_field_set: GroupedFieldSet,
        new_defer_usages: Sequence[DeferUsage],
        delivery_group_map: DeliveryGroupMap | None,
    ) -> AwaitableOrValue[dict[str, Any]]:
        if delivery_group_map is None and not new_defer_usages:
            plan = self._plan(parent_type, grouped_field_set, path)
            if plan is not None:
                try:
                    return plan.complete(source_value)
                except Exception:  # graphql-core completes the object and reports the error
                    pass
        return super().execute_collected_subfields(
            parent_type,
            source_value,
            path,
            grouped_field_set,
            new_defer_usages,
            delivery_group_map,
        )

    def _plan(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet, path: Path
    ) -> _Plan | None:
        key = (parent_type.name, id(grouped_field_set))
        known = self._plans.get(key)
        if known is not None:
            return known[1]
        plan = self._build(parent_type, grouped_field_set, path)
        self._plans[key] = (grouped_field_set, plan)
        return plan

    def _build(
        self, parent_type: GraphQLObjectType, grouped_field_set: GroupedFieldSet, path: Path
    ) -> _Plan | None:
        middleware = self.middleware_manager
        if middleware is not None and middleware.middlewares:
            return None  # a schema extension that wraps each resolver must see each field
        fields: list[_Step] = []
        for response_key, details in grouped_field_set.items():
            first = details[0]
            name = first.node.name.value
            if name == "__typename":
                fields.append((response_key, _typename(parent_type.name), None, {}, _same))
                continue
            field_def = parent_type.fields.get(name)
            resolve = field_def.extensions.get(PURE) if field_def else None
            if field_def is None or resolve is None:
                return None
            field_path = path.add_key(response_key, parent_type.name)
            info = self.build_resolve_info(field_def, to_nodes(details), parent_type, field_path)
            complete = self._completer(field_def.type, details, info)
            arguments = self._arguments(field_def, first)
            if complete is None or arguments is None:
                return None
            fields.append((response_key, resolve, info, arguments, complete))
        return _Plan(fields)

    def _arguments(self, field_def: GraphQLField, first: FieldDetails) -> dict[str, Any] | None:
        if not (field_def.args or first.node.arguments):
            return {}
        try:
            return get_argument_values(
                field_def,
                first.node,
                self.variable_values,
                first.fragment_variable_values,
                self.hide_suggestions,
            )
        except GraphQLError:
            return None

    def _completer(
        self,
        type_: GraphQLOutputType,
        details: list[FieldDetails],
        info: GraphQLResolveInfo[Any],
        nullable: bool = True,
    ) -> Complete | None:
        if isinstance(type_, GraphQLNonNull):
            inner = self._completer(type_.of_type, details, info, nullable=False)
            return None if inner is None else _non_null(inner)
        complete: Complete | None
        if isinstance(type_, GraphQLList):
            item = self._completer(type_.of_type, details, info)
            complete = None if item is None else _list(item)
        elif isinstance(type_, GraphQLScalarType | GraphQLEnumType):
            complete = _leaf(type_.serialize)
        elif isinstance(type_, GraphQLObjectType):
            grouped, new_defer_usages = self.collect_subfields(type_, details)[:2]
            plan = None if new_defer_usages else self._plan(type_, grouped, info.path)
            complete = None if plan is None else _object(type_, plan, info)
        else:
            complete = None  # an interface or a union: graphql-core resolves the type
        if complete is None or not nullable:
            return complete
        return _nullable(complete)
