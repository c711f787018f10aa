"""The JSON of a node field's value, as PostgreSQL writes it and as the resolvers would.

Each value is an SQL expression over a page row (``p0`` at the root, ``p1`` in a page
nested under it); each kind writes what Strawberry
writes for the Python value Tortoise reads from the column, so that the two paths answer
the same JSON.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tortoise import fields
from tortoise.fields.data import CharEnumFieldInstance

ROW = "p0"


def literal(text: str) -> str:
    """``text`` as an SQL string literal (quotes doubled: standard_conforming_strings is on
    in every supported PostgreSQL)."""
    return "'" + text.replace("'", "''") + "'"


def column(name: str, row: str = ROW) -> str:
    return f'{row}."{name}"'


def _finite(sql: str, text: str, earliest: str, latest: str) -> str:
    """``text`` of a finite value; asyncpg reads PostgreSQL's infinities as Python's
    earliest and latest values, so they show as those."""
    return (
        f"(CASE WHEN {sql} = '-infinity' THEN {literal(earliest)} "
        f"WHEN {sql} = 'infinity' THEN {literal(latest)} ELSE {text} END)"
    )


def iso_datetime(sql: str) -> str:
    """``datetime.isoformat()`` of a UTC timestamp: microseconds only when there are some,
    the offset as +00:00 (Tortoise reads timestamps in UTC, hub.core.db)."""
    text = f"to_char({sql} AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US')"
    shown = f"(regexp_replace({text}, '\\.000000$', '') || '+00:00')"
    return _finite(sql, shown, "0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59.999999+00:00")


def iso_date(sql: str) -> str:
    return _finite(sql, f"to_char({sql}, 'YYYY-MM-DD')", "0001-01-01", "9999-12-31")


@dataclass(frozen=True)
class Kind:
    """How a column's value shows: ``shown`` the expression of the GraphQL value (NULL for
    null), ``in_cursor`` the JSON text ``hub.core.pagination.encode_cursor`` writes for it."""

    name: str

    def shown(self, sql: str) -> str:
        if self.name == "datetime":
            return iso_datetime(sql)
        if self.name == "date":
            return iso_date(sql)
        return sql

    def in_cursor(self, sql: str) -> str:
        if self.name == "datetime":
            return f"""coalesce('{{"dt": "' || {iso_datetime(sql)} || '"}}', 'null')"""
        if self.name == "date":
            return f"""coalesce('{{"d": "' || {iso_date(sql)} || '"}}', 'null')"""
        if self.name == "int":
            return f"coalesce({sql}::text, 'null')"
        if self.name == "bool":
            return f"coalesce(CASE WHEN {sql} THEN 'true' ELSE 'false' END, 'null')"
        return f"coalesce(to_json({sql})::text, 'null')"


TEXT, INT, BOOL, DATE, DATETIME = (Kind(n) for n in ("text", "int", "bool", "date", "datetime"))

# The model fields whose values compile, by the GraphQL scalar that shows them. A
# subclass (an encrypted text field, say) is not among them: its value is not the column's.
_SCALARS: dict[tuple[type[Any], str], Kind] = {
    (fields.CharField, "String"): TEXT,
    (fields.TextField, "String"): TEXT,
    (fields.IntField, "Int"): INT,
    (fields.SmallIntField, "Int"): INT,
    (fields.BooleanField, "Boolean"): BOOL,
    (fields.DateField, "Date"): DATE,
    (fields.DatetimeField, "DateTime"): DATETIME,
}


def scalar_kind(field: fields.Field[Any], graphql_type: str) -> Kind | None:
    """The kind of a column shown as the GraphQL scalar ``graphql_type``; None when the
    pair does not compile."""
    return _SCALARS.get((type(field), graphql_type))


def cursor_kind(field: fields.Field[Any]) -> Kind | None:
    """The kind of a sort column in a cursor: an enum's stored text is text there."""
    if type(field) is CharEnumFieldInstance:
        return TEXT
    return next((k for (t, _), k in _SCALARS.items() if type(field) is t), None)


def enum_name(sql: str, values: dict[str, str]) -> str:
    """The GraphQL name of the stored value (``values``: stored value -> name)."""
    cases = " ".join(f"WHEN {literal(v)} THEN {literal(n)}" for v, n in values.items())
    return f"(CASE {sql} {cases} END)"


def enum_names(sql: str, values: dict[str, str]) -> str:
    """The GraphQL names of the values in the JSON list ``sql``, in its order, those with
    no name skipped."""
    named = enum_name("t.value", values)
    return (
        f"(SELECT coalesce(json_agg({named} ORDER BY t.n) FILTER (WHERE {named} IS NOT NULL), "
        f"'[]'::json) FROM jsonb_array_elements_text({sql}) WITH ORDINALITY AS t(value, n))"
    )


def relay_id(type_name: str, row: str = ROW) -> str:
    """Strawberry's global id of the row: base64 of ``TypeName:id``."""
    text = f"{literal(type_name + ':')} || {column('id', row)}::text"
    return f"translate(encode(convert_to({text}, 'UTF8'), 'base64'), E'\\n', '')"


def cursor(field: str, sort_column: str, kind: Kind, row: str = ROW) -> str:
    """``encode_cursor`` of the row, ordered by ``field`` (its column ``sort_column``):
    url-safe base64 of ``["field", value, "id"]`` as ``json.dumps`` writes it."""
    head = literal("[" + json.dumps(field, ensure_ascii=False) + ", ")
    value = kind.in_cursor(column(sort_column, row))
    text = f"""{head} || {value} || ', "' || {column("id", row)}::text || '"]'"""
    return f"translate(encode(convert_to({text}, 'UTF8'), 'base64'), E'+/\\n', '-_')"
