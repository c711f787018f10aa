"""What a resolved field declares about its value, so that a read can be planned from the
declaration (``hub.compiled``) instead of by running the resolver: a text translated into
the languages a request prefers, or a nested page of rows under the field's own row.

The resolver stays the field's meaning; a declaration must say exactly what it computes.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any

from tortoise.queryset import QuerySet

from hub.core.context import Context
from hub.core.loading import Children
from hub.core.pagination import Ordering

TRANSLATED = "hub.translated"
NESTED = "hub.nested"


class Stored(Enum):
    """How a row keeps a text's translations."""

    # The column holds {"en": text, "fr": text}.
    TRANSLATIONS = "translations"
    # The column holds the text in the row's ``language``; its ``translations`` column
    # holds the others as {"fr": {"<column>": text}}.
    VERSIONS = "versions"


@dataclass(frozen=True)
class Translated:
    """A text of the column ``column``, in the first of ``languages(ctx, lang)`` (language
    codes, every UN language in the end) that has a text that is not blank; ``lang`` is
    the field's argument as graphql-core coerced it."""

    column: str
    stored: Stored
    languages: Callable[[Context, Any], tuple[str, ...]]


def translated_field(declared: Translated) -> Mapping[str, Any]:
    return {TRANSLATED: declared}


@dataclass(frozen=True)
class NestedRows:
    """The rows of ``node`` under a row: those of ``rows(ctx)`` (the caller's, None when
    none) whose ``parent`` column holds the row's id, in ``ordering``, the first
    ``first`` of them (the field's argument)."""

    node: type[Any]
    rows: Callable[[Context], QuerySet[Any] | None]
    parent: str
    ordering: Ordering


def nested_field(rows: Callable[[], NestedRows]) -> Mapping[str, Any]:
    """Field metadata of a nested page; ``rows`` gives its declaration when first asked
    (its node type may live in a module that imports this field's)."""
    return {NESTED: rows}


RELATED = "hub.related"


@dataclass(frozen=True)
class RelatedRow:
    """The row of ``node`` whose id the row holds in its ``column``, if it is among
    ``rows(ctx)`` (the caller's, None when none); null otherwise."""

    node: type[Any]
    column: str
    rows: Callable[[Context], QuerySet[Any] | None]


def related_field(declared: RelatedRow | Callable[[], RelatedRow]) -> Mapping[str, Any]:
    """Field metadata of a related row; given as a function, the declaration is made when
    first asked (its node type may live in a module that imports this field's)."""
    return {RELATED: declared}


STORED_VALUES = "hub.stored_values"


@dataclass(frozen=True)
class StoredValues:
    """A list of an enum's members, kept in the JSON list of their values in ``column``,
    in that order; values the enum no longer has are skipped."""

    column: str


def stored_values(column: str) -> Mapping[str, Any]:
    return {STORED_VALUES: StoredValues(column)}


STORED_VALUE = "hub.stored_value"


@dataclass(frozen=True)
class StoredValue:
    """An enum's member kept as its value in ``column``; null for a value the enum no
    longer has."""

    column: str


def stored_value(column: str) -> Mapping[str, Any]:
    return {STORED_VALUE: StoredValue(column)}


ROWS_UNDER = "hub.rows_under"


@dataclass(frozen=True)
class RowsUnder:
    """Every row of ``node`` under the row, in order: those ``children`` declares whose
    parent column holds the row's column ``source``. With ``ended``, a row whose column
    ``ended`` is set shows only when the field's argument ``include_past`` is true."""

    node: type[Any]
    children: Children
    source: str
    ended: str | None = None


def rows_under_field(rows: Callable[[], RowsUnder]) -> Mapping[str, Any]:
    """Field metadata of the rows under a row; ``rows`` gives the declaration when first
    asked (its node type may be defined after the field's)."""
    return {ROWS_UNDER: rows}


ROWS_NAMED = "hub.rows_named"


@dataclass(frozen=True)
class RowsNamed:
    """The rows of ``node`` whose ids the row holds in the JSON list ``column`` (as the hub
    writes ids), in that order, those among ``rows(ctx)`` (the caller's, None when none)."""

    node: type[Any]
    column: str
    rows: Callable[[Context], QuerySet[Any] | None]


def rows_named_field(declared: RowsNamed) -> Mapping[str, Any]:
    return {ROWS_NAMED: declared}
