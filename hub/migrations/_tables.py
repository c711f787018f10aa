"""The columns that many tables of the migrations share, built with the same arguments
that the migrations once spelled out in full.

Tortoise takes no module whose name starts with "_" for a migration. Migrations applied
somewhere must keep sending the same SQL: a column here may not change; a new kind of
column gets a new function, and a changed column belongs in a new migration.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from enum import StrEnum
from json import dumps, loads
from typing import Any, TypedDict, Unpack, cast
from uuid import uuid4

from tortoise import fields
from tortoise.fields.base import OnDelete
from tortoise.indexes import Index
from tortoise.migrations import operations as ops

from hub.core.classification import Classification

Column = tuple[str, fields.Field[Any]]

_CLASSIFICATIONS = (
    "PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential"
)


def uuid_id() -> Column:
    return ("id", fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True))


def serial_id() -> Column:
    """A key the database counts up, for rows only ever appended (steps, log entries)."""
    return (
        "id",
        fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True),
    )


def foreign_key(
    name: str,
    model: str,
    related_name: str,
    *,
    null: bool = False,
    on_delete: OnDelete = OnDelete.RESTRICT,
) -> Column:
    """A reference to a row of ``model`` ("hub.Fund"), held in the column ``<name>_id``."""
    optional: dict[str, Any] = {"null": True} if null else {}
    field = fields.ForeignKeyField(
        model,
        source_field=f"{name}_id",
        **optional,
        db_constraint=True,
        to_field="id",
        related_name=related_name,
        on_delete=on_delete,
    )
    return (name, field)


def tenant(related_name: str) -> Column:
    """The tenant that owns the row; ``related_name`` is the tenant's list of such rows."""
    return foreign_key("tenant", "hub.Tenant", related_name)


def classification(default: Classification = Classification.NETWORK) -> Column:
    field = fields.CharEnumField(
        default=default, description=_CLASSIFICATIONS, enum_type=Classification, max_length=16
    )
    return ("classification", field)


def insert_time(name: str) -> Column:
    """The time the row was written first."""
    return (name, fields.DatetimeField(auto_now=False, auto_now_add=True))


def update_time(name: str = "updated_at") -> Column:
    """The time the row was written last."""
    return (name, fields.DatetimeField(auto_now=True, auto_now_add=False))


def optional_time(name: str) -> Column:
    """A time set by the application when something happens, NULL until then."""
    return (name, fields.DatetimeField(null=True, auto_now=False, auto_now_add=False))


def _text_field() -> fields.TextField:
    return fields.TextField(default="", unique=False)


def _json_field(default: type[dict[Any, Any]] | type[list[Any]]) -> fields.JSONField[Any]:
    encoder = functools.partial(dumps, separators=(",", ":"))
    return fields.JSONField(default=default, encoder=encoder, decoder=loads)


def text(name: str) -> Column:
    """Free text, empty by default."""
    return (name, _text_field())


def json_value(name: str, default: type[dict[Any, Any]] | type[list[Any]]) -> Column:
    """A JSON document written without spaces, ``{}`` or ``[]`` by default."""
    return (name, _json_field(default))


def transition_steps(status: type[StrEnum], statuses: str) -> list[Column]:
    """The columns of a workflow step: from where (NULL for the first step) to where in
    ``status`` (whose members ``statuses`` describes), who moved it, why and when."""
    return [
        (
            "from_status",
            fields.CharEnumField(null=True, description=statuses, enum_type=status, max_length=16),
        ),
        ("to_status", fields.CharEnumField(description=statuses, enum_type=status, max_length=16)),
        ("actor", fields.CharField(max_length=254)),
        text("note"),
        insert_time("at"),
    ]


def add_column(model_name: str, column: Column) -> ops.AddField:
    """The operation that adds ``column`` to the table of ``model_name``."""
    name, field = column
    return ops.AddField(model_name=model_name, name=name, field=field)


class AddFilledField(ops.AddField):
    """Adds a column that may not be null to a table that may hold rows: the rows there get
    ``fill``, given as the column's default in the database. The models' state is the
    field as given: the application always writes a value itself."""

    def __init__(self, model_name: str, name: str, field: fields.Field[Any], fill: Any) -> None:
        super().__init__(model_name=model_name, name=name, field=field)
        self.fill = fill

    async def database_forward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        if not state_editor:
            return
        field = new_state.apps.get_model(f"{app_label}.{self.model_name}")._meta.fields_map[
            self.name
        ]
        kept = field.db_default
        field.db_default = self.fill
        try:
            await super().database_forward(app_label, old_state, new_state, state_editor)
        finally:
            field.db_default = kept


def filled(operation: ops.AddField, fill: Any) -> AddFilledField:
    """``operation``, filling the rows a table holds already with ``fill``."""
    field = cast(fields.Field[Any], operation.field)
    return AddFilledField(operation.model_name, operation.name, field, fill)


def add_archived_at(model_name: str) -> ops.AddField:
    """The operation that lets rows of ``model_name`` be archived (kept, off lists)."""
    return add_column(model_name, optional_time("archived_at"))


def add_index(model_name: str, *columns: str) -> ops.AddIndex:
    """The operation that indexes the table of ``model_name`` on ``columns``, in order."""
    return ops.AddIndex(model_name=model_name, index=Index(fields=list(columns)))


def add_translations(model_name: str) -> list[ops.AddField]:
    """The operations that give rows of ``model_name`` a language, versions of their texts
    in other languages, and every version as search text."""
    return [
        AddFilledField(model_name, "language", fields.CharField(default="en", max_length=2), "en"),
        AddFilledField(model_name, "search_text", _text_field(), ""),
        AddFilledField(model_name, "translations", _json_field(dict), {}),
    ]


def record_times() -> list[Column]:
    """When the row was written first (``created_at``) and last (``updated_at``)."""
    return [insert_time("created_at"), update_time()]


class TableOptions(TypedDict, total=False):
    """What a table may declare besides its columns: groups of columns unique together,
    the columns of each index in order, and a description."""

    unique_together: tuple[tuple[str, ...], ...]
    indexes: Sequence[tuple[str, ...]]
    description: str


def create_table(
    name: str,
    table: str,
    columns: list[Column],
    *,
    primary_key: str = "id",
    **declared: Unpack[TableOptions],
) -> ops.CreateModel:
    """The operation that creates the table of the hub's model ``name``, with the options
    Tortoise records for it."""
    options: dict[str, Any] = {"table": table, "app": "hub"}
    if "unique_together" in declared:
        options["unique_together"] = declared["unique_together"]
    if "indexes" in declared:
        options["indexes"] = [Index(fields=list(names)) for names in declared["indexes"]]
    options["pk_attr"] = primary_key
    if "description" in declared:
        options["table_description"] = declared["description"]
    return ops.CreateModel(name=name, fields=columns, options=options, bases=["Model"])


def tenant_table(
    name: str,
    table: str,
    related_name: str,
    columns: list[Column],
    **declared: Unpack[TableOptions],
) -> ops.CreateModel:
    """A table of records that a tenant owns: a UUID key and the tenant come first, then
    ``columns``; ``related_name`` is the tenant's list of such records."""
    return create_table(name, table, [uuid_id(), tenant(related_name), *columns], **declared)


def translated_texts(text_name: str) -> list[Column]:
    """A title and a longer text (``text_name``) in each language the record is written in,
    the title as the record's lists sort it, and every version as search text."""
    return [
        json_value("title", dict),
        ("title_index", fields.CharField(max_length=300)),
        json_value(text_name, dict),
        text("search_text"),
    ]


class _ModelOnly(ops.CreateModel):
    """A model the migrations know, whose table the migration's own SQL creates where it
    exists at all (a table of PostgreSQL only)."""

    async def database_forward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        return None

    async def database_backward(
        self, app_label: str, old_state: Any, new_state: Any, state_editor: Any = None
    ) -> None:
        return None


def model_only(create: ops.CreateModel) -> ops.CreateModel:
    """``create`` (from ``create_table``) as the models know it, creating no table: the
    migration creates it with SQL of its own, on the databases that have it."""
    return _ModelOnly(name=create.name, fields=create.fields, options=create.options, bases=create.bases)
