"""Fields showing the rows a type's row refers to, through per-request loaders, so that a
page of rows costs one statement per such field whatever its size.

Example::

    @strawberry.type(description="A consultation.")
    class Consultation(ModelNode[models.Consultation]):
        row: strawberry.Private[models.Consultation]

        sessions = rows_under(WorkingSession, SessionsLoader, "Its working sessions.")
        contact = row_named_in(Contact, ContactByIdLoader, "contact_id", "The person.")

Each needs the type's ``row`` (``hub.graphql.model_types``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any, TypeVar

import strawberry
from tortoise.queryset import QuerySet

from hub.core.context import Context
from hub.core.loading import Children, RequestLoader
from hub.graphql.declared_fields import (
    RelatedRow,
    RowsNamed,
    RowsUnder,
    related_field,
    rows_named_field,
    rows_under_field,
)
from hub.graphql.model_types import ID_COLUMN, Column, ModelType

K = TypeVar("K")
M = TypeVar("M")


# A loader of rows by id, None for each the caller may not see.
ById = type[RequestLoader[str, M | None]]


def row_named_in(
    node: type[ModelType[M]],
    loader: ById[M],
    column: str,
    description: str,
    *,
    rows: Callable[[Context], QuerySet[Any] | None] | None = None,
) -> Any:
    """The ``node`` whose id the row holds in ``column``; null when it holds none or the
    caller may not see that one. ``rows``, the caller's rows that ``loader`` finds them
    among, declares the field for planned reads (``hub.graphql.declared_fields``)."""

    async def resolve(self: Any, info: strawberry.Info[Context, None]) -> Any:
        named = getattr(self.row, column)
        if named is None:
            return None
        row = await loader.of(info.context).load(str(named))
        return node.from_model(row) if row else None

    # Strawberry reads the field's type from its resolver: the node's, not Any.
    resolve.__annotations__["return"] = node | None
    metadata = related_field(RelatedRow(node, column, rows)) if rows else None
    return strawberry.field(resolver=resolve, description=description, metadata=metadata)


def rows_named_in(
    node: type[ModelType[M]],
    loader: ById[M],
    column: str,
    description: str,
    *,
    rows: Callable[[Context], QuerySet[Any] | None] | None = None,
) -> Any:
    """The ``node``s whose ids the row holds in ``column``, in that order, those the
    caller may see. ``rows``, the caller's rows that ``loader`` finds them among, declares
    the field for planned reads."""

    async def resolve(self: Any, info: strawberry.Info[Context, None]) -> list[Any]:
        found = await loader.of(info.context).load_many(list(getattr(self.row, column)))
        return [node.from_model(r) for r in found if r is not None]

    resolve.__annotations__["return"] = list[node]  # type: ignore[valid-type]
    metadata = rows_named_field(RowsNamed(node, column, rows)) if rows else None
    return strawberry.field(resolver=resolve, description=description, metadata=metadata)


def rows_under(
    node: type[ModelType[M]],
    loader: type[RequestLoader[K, list[M]]],
    description: str,
    key: Column = ID_COLUMN,
) -> Any:
    """The ``node``s that ``loader`` finds under the row's ``key`` (its id, as text, unless
    told), in the loader's order. A loader that declares what it reads (``children``)
    declares the field for planned reads."""
    read_key = key.reader()

    async def resolve(self: Any, info: strawberry.Info[Context, None]) -> list[Any]:
        rows = await loader.of(info.context).load(read_key(self.row))
        return [node.from_model(r) for r in rows]

    resolve.__annotations__["return"] = list[node]  # type: ignore[valid-type]
    metadata: Mapping[str, Any] = {}
    children = getattr(loader, "children", None)
    if isinstance(children, Children) and len(key.names) == 1:
        declared = RowsUnder(node, children, key.names[0])
        metadata = rows_under_field(lambda: declared)
    return strawberry.field(resolver=resolve, description=description, metadata=metadata)
