"""The SQL of the querysets a compiled statement embeds, kept by what they ask for.

Tortoise builds a queryset's SQL anew each time: resolving its ``Q`` objects into criteria
and rendering them costs more than the rest of a compiled request (a work stream page with
its nested proposals embeds three). A scope's conditions are the same for every request of
callers with the same grants in a tenant, and a list without a filter is only its scope, so
the SQL is kept by a key made of the queryset's model, conditions (their structure and
values), order and limits, and its parameters renumbered into each statement.

A queryset holding anything else (annotations, joins asked for, raw expressions, values of
an unknown kind) has no key and is rendered each time: a key must say everything that
makes the SQL.
"""

from __future__ import annotations

import datetime
import re
import uuid
from collections import OrderedDict
from collections.abc import Hashable
from enum import Enum
from typing import Any

from pypika_tortoise.context import SqlContext
from pypika_tortoise.terms import Parameterizer
from tortoise.expressions import Q
from tortoise.queryset import CountQuery, QuerySet

from hub.core.among import Among

KEPT = 1024
# The attributes of a queryset the key holds; every other must be as a fresh queryset's.
_KEYED = frozenset({"model", "query", "capabilities", "_db", "fields", "_q_objects", "_orderings"})
_LIMITS = ("_limit", "_offset")
_PLAIN = (str, int, float, bool, uuid.UUID, datetime.date, datetime.datetime, Enum, type(None))
_PARAMETER = re.compile(r"\$(\d+)")


def _slots(kind: type[Any]) -> tuple[str, ...]:
    return tuple(name for cls in kind.__mro__ for name in getattr(cls, "__slots__", ()))


_QUERYSET_STATE = tuple(
    name for name in _slots(QuerySet) if name not in _KEYED and name not in _LIMITS
)


def _state(queryset: QuerySet[Any]) -> dict[str, Any]:
    """What a queryset holds besides what its key says."""
    return {name: getattr(queryset, name, None) for name in _QUERYSET_STATE}


def _value_key(value: Any) -> Hashable:
    if isinstance(value, _PLAIN):
        return (type(value), value)
    if isinstance(value, list | tuple | set | frozenset):
        inner = tuple(_value_key(v) for v in value)
        return (type(value), inner) if None not in inner else None
    return None


def _q_key(q: Q) -> Hashable:
    if type(q) not in (Q, Among):
        return None
    children = tuple(_q_key(child) for child in q.children)
    filters = tuple((name, _value_key(v)) for name, v in q.filters.items())
    if None in children or any(v is None for _, v in filters):
        return None
    return (type(q), q.join_type, q._is_negated, children, filters)


class Embeddings:
    """Rendered SQL (numbered from $1) and its parameters, by queryset key; the most
    recently used kept."""

    def __init__(self, kept: int = KEPT) -> None:
        self.kept = kept
        self._sql: OrderedDict[Hashable, tuple[str, list[Any]]] = OrderedDict()
        self._fresh: dict[type[Any], dict[str, Any]] = {}

    def key(self, queryset: QuerySet[Any]) -> Hashable:
        """What makes the queryset's SQL, or None when that cannot be told (to be asked
        before its query is made, which records joins in it)."""
        if type(queryset) is not QuerySet:
            return None
        fresh = self._fresh.get(queryset.model)
        if fresh is None:
            fresh = _state(queryset.model.all())
            self._fresh[queryset.model] = fresh
        if _state(queryset) != fresh:
            return None
        conditions = tuple(_q_key(q) for q in queryset._q_objects)
        if None in conditions:
            return None
        orderings = tuple((field, str(order)) for field, order in queryset._orderings)
        limits = tuple(getattr(queryset, name) for name in _LIMITS)
        return (queryset.model, conditions, orderings, limits)

    def sql(self, query: QuerySet[Any] | CountQuery, shared: SqlContext, key: Hashable) -> str:
        """The SQL of ``query`` (of the queryset whose key is ``key``, None for none), its
        parameters added to ``shared``'s."""
        kept = self._sql.get(key) if key is not None else None
        if kept is None:
            own = shared.copy(parameterizer=Parameterizer())
            query._make_query()
            kept = (query.query.get_sql(own), own.parameterizer.values if own.parameterizer else [])
            if key is not None:
                self._sql[key] = kept
                if len(self._sql) > self.kept:
                    self._sql.popitem(last=False)
        else:
            self._sql.move_to_end(key)
        sql, values = kept
        assert shared.parameterizer is not None
        before = len(shared.parameterizer.values)
        shared.parameterizer.values.extend(values)
        if not before:
            return sql
        return _PARAMETER.sub(lambda m: f"${int(m.group(1)) + before}", sql)
