"""The condition that a column holds one of a list of values, sent to PostgreSQL as one
array parameter.

A caller's scope lists the tenants (and classifications, and tenant paths) it may read: up
to every tenant of the tree. Written as ``IN ($1, ..., $200)``, the statement's text and its
parameters grow with the tree, each caller's list is a statement of its own to prepare,
and Python builds the list term by term on every request. As ``"tenant_id"=ANY($1)`` the
text stays the same whatever the list. SQLite has no arrays and keeps ``IN``.
"""

from __future__ import annotations

import copy
from collections.abc import Sequence
from typing import Any

from pypika_tortoise.context import SqlContext
from pypika_tortoise.enums import Dialects
from pypika_tortoise.terms import ContainsCriterion, Criterion, Tuple, ValueWrapper
from tortoise.expressions import Q, ResolveContext
from tortoise.query_utils import QueryModifier


class _ArrayContains(ContainsCriterion):
    """``term IN (values)``, written on PostgreSQL as ``term=ANY($n)`` with the values in
    one parameter (``term<>ALL($n)`` negated, the same for a list without NULLs)."""

    def __init__(self, contains: ContainsCriterion) -> None:
        super().__init__(contains.term, contains.container, contains.alias)
        self._is_negated = contains._is_negated

    def _values(self) -> list[object] | None:
        """The plain values listed; None if the list holds anything else (a subquery)."""
        container = self.container
        if not isinstance(container, Tuple):
            return None
        wrapped = [v for v in container.values if isinstance(v, ValueWrapper)]
        if len(wrapped) < len(container.values):
            return None
        return [v.value for v in wrapped]

    def get_sql(self, ctx: SqlContext) -> str:
        values = self._values()
        if ctx.dialect != Dialects.POSTGRESQL or ctx.parameterizer is None or values is None:
            # Also for SQL written with its values inline, which has no parameters.
            return super().get_sql(ctx)
        array = ctx.parameterizer.create_param(values).get_sql(ctx)
        comparison = "<>ALL" if self._is_negated else "=ANY"
        return f"{self.term.get_sql(ctx)}{comparison}({array})"


def _bound_as_array(criterion: Criterion) -> Criterion:
    return _ArrayContains(criterion) if isinstance(criterion, ContainsCriterion) else criterion


class Among(Q):
    """``Q(<lookup>__in=values)``, its values one array parameter on PostgreSQL.

    Tortoise resolves the lookup as for ``__in`` (joins, value conversion, negation); only
    the way the resolved criterion is written changes."""

    __slots__ = ()

    def __init__(self, lookup: str, values: Sequence[object]) -> None:
        condition: dict[str, Any] = {f"{lookup}__in": list(values)}
        super().__init__(**condition)

    def __invert__(self) -> Q:
        # Q's own builds a plain Q, which would write the list out again.
        negated = copy.copy(self)
        negated.negate()
        return negated

    def resolve(self, resolve_context: ResolveContext) -> QueryModifier:
        modifier = super().resolve(resolve_context)
        modifier.where_criterion = _bound_as_array(modifier.where_criterion)
        return modifier


def among(lookup: str, values: Sequence[object]) -> Q:
    """Rows whose ``lookup`` (a field, or one across relations: ``tenant__path``) is one
    of ``values``; one value compares with ``=``, which lets an index on the column and
    the sort key return a page in order."""
    if len(values) == 1:
        condition: dict[str, Any] = {lookup: values[0]}
        return Q(**condition)
    return Among(lookup, values)
