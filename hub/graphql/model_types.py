"""GraphQL types filled from one model row, declared as data.

A type says which model it shows; each of its plain fields is read as it is from the
column of its own name, unless its model map says where else it comes from::

    @strawberry.type(description="An organisation the network works with.")
    class Organisation(ModelNode[models.Organisation]):
        id: relay.NodeID[str]
        name: str = strawberry.field(description="Its name.")  # the column ``name``
        themes: list[Theme] = strawberry.field(description="Themes it works on.")

        model_map = ModelMap(
            models.Organisation,
            themes=column("themes", convert=parse_themes),
            fetch=get_many(OrganisationService),
        )

``from_model`` (a row to the type) and Relay's ``resolve_nodes`` (ids to the rows the
caller may see, through the service's ``fetch``) follow from that declaration alone; a field
without a column to read fails as the type is declared. It is kept as data,
``field_columns()`` answering type field -> columns and conversion, so that a read can be
planned from the columns a document selects. A type that declares a private
``row`` gets the whole row there too, for the fields its resolvers work out.
"""

from __future__ import annotations

import dataclasses
import inspect
import operator
from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from typing import Any, ClassVar, Generic, Protocol, Self, TypeVar, cast

import strawberry
from strawberry import relay
from tortoise.fields.relational import ForeignKeyFieldInstance

from hub.core.context import Context

M = TypeVar("M")
M_co = TypeVar("M_co", covariant=True)

Convert = Callable[..., Any]
Read = Callable[[Any], Any]
Fetch = Callable[[Context, list[str]], Awaitable[Sequence[M | None]]]


@dataclasses.dataclass(frozen=True)
class Column:
    """Where a type field's value comes from: ``convert`` applied to the values of the
    columns ``names``, in that order, or without ``convert`` the one column's value."""

    names: tuple[str, ...]
    convert: Convert | None = None

    def reader(self) -> Read:
        get = operator.attrgetter(*self.names)
        convert = self.convert
        if convert is None:
            if len(self.names) != 1:
                raise TypeError(f"columns {self.names} need a conversion to one value")
            return get
        if len(self.names) == 1:
            return lambda row: convert(get(row))
        return lambda row: convert(*get(row))


def column(*names: str, convert: Convert | None = None) -> Column:
    return Column(names, convert)


def or_none(value: Any) -> Any:
    """The value, or ``None`` for an empty one: GraphQL shows null where a column holds
    an empty text."""
    return value or None


def is_none(value: Any) -> bool:
    return value is None


# A Node's id is its primary key, as text.
ID_COLUMN = column("id", convert=str)


class GetMany(Protocol[M_co]):
    def get_many(self, ids: Sequence[str]) -> Awaitable[Sequence[M_co | None]]: ...


@dataclasses.dataclass(frozen=True)
class ServiceFetch(Generic[M]):
    """Node rows by id through ``service``'s ``get_many``: ``None`` for each the caller may
    not see or that does not exist. Declared, so that a compiled read finds the service."""

    service: Callable[[Context], GetMany[M]]

    def __call__(self, ctx: Context, ids: list[str]) -> Awaitable[Sequence[M | None]]:
        return self.service(ctx).get_many(ids)


def get_many(service: Callable[[Context], GetMany[M]]) -> Fetch[M]:
    return ServiceFetch(service)


class ModelMap(Generic[M]):
    """A type's model, and the plain fields of the type that are not read as they are from
    the column of their own name: each with the ``Column`` it is read from. ``fetch`` loads
    Node rows by id."""

    def __init__(self, model: type[M], *, fetch: Fetch[M] | None = None, **other: Column) -> None:
        self.model = model
        self.fields: Mapping[str, Column] = other
        self.fetch = fetch

    def check_columns(self, fields: Mapping[str, Column]) -> None:
        """TypeError unless the model has every column ``fields`` are read from."""
        meta = getattr(self.model, "_meta", None)
        known: set[str] | None = None
        if meta is not None and hasattr(meta, "fields_map"):
            known = set(meta.fields_map)
            # A foreign key's own column, ``<name>_id``, joins fields_map only when the
            # models are initialised.
            known |= {
                f"{name}_id"
                for name, field in meta.fields_map.items()
                if isinstance(field, ForeignKeyFieldInstance)
            }
        elif dataclasses.is_dataclass(self.model):
            known = {f.name for f in dataclasses.fields(self.model)}
        if known is None:
            return
        for name, source in fields.items():
            missing = [c for c in source.names if c not in known]
            if missing:
                raise TypeError(f"{self.model.__name__} has no column {missing[0]} for {name}")


class FieldGroup:
    """Plain fields that several types show alike, each read from the column of its own
    name as it is: a type that takes the group among its bases shows them and reads them
    without naming them in its ``model_map``. A group is a ``strawberry.type`` that no field
    returns, so it never shows in the schema by its name::

        @strawberry.type
        class Recorded(FieldGroup):
            created_at: datetime = strawberry.field(description="When it was recorded.")

        class Pledge(Recorded, ModelNode[models.Pledge]): ...

    A group reads a field otherwise by naming its ``Column`` in ``columns``.
    """

    columns: ClassVar[Mapping[str, Column]] = {}


def _field_groups(cls: type) -> list[type[FieldGroup]]:
    return [
        b
        for b in reversed(cls.__mro__)
        if issubclass(b, FieldGroup) and b is not cls and b is not FieldGroup
    ]


def _plain_fields(cls: type) -> list[str]:
    """The plain fields of a type, those of its field groups first: its annotated fields
    but its private ones."""
    return [
        name
        for owner in [*_field_groups(cls), cls]
        for name, annotation in inspect.get_annotations(owner).items()
        if name != "row" and "Private" not in str(annotation)
    ]


class ModelType(Generic[M]):
    """A Strawberry type made from a model row: each plain field, those of its field groups
    too, from the column of its own name unless its ``model_map`` names others."""

    model_map: ClassVar[ModelMap[Any]]
    _readers: ClassVar[tuple[tuple[str, Read], ...]]
    _keeps_row: ClassVar[bool]

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model_map" not in cls.__dict__:
            return  # a base of model types, such as ModelNode
        plain = _plain_fields(cls)
        unknown = [name for name in cls.model_map.fields if name not in plain]
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {unknown[0]} to fill from its model")
        columns = cls.field_columns()
        cls.model_map.check_columns(columns)
        cls._readers = tuple((name, source.reader()) for name, source in columns.items())
        cls._keeps_row = "row" in inspect.get_annotations(cls)

    @classmethod
    def field_columns(cls) -> Mapping[str, Column]:
        """Each plain field of the type and the columns it is read from."""
        same = {name: column(name) for name in _plain_fields(cls)}
        grouped = {name: c for group in _field_groups(cls) for name, c in group.columns.items()}
        return {**same, **grouped, **cls.model_map.fields}

    @classmethod
    def from_model(cls, row: M) -> Self:
        values = {name: read(row) for name, read in cls._readers}
        if cls._keeps_row:
            values["row"] = row
        return cast(Callable[..., Self], cls)(**values)


class ModelNode(ModelType[M], relay.Node):
    """A Relay Node made from a model row; its id is the row's primary key and
    ``node``/``nodes`` find it through its ``model_map``'s ``fetch``."""

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        if "model_map" in cls.__dict__ and cls.model_map.fetch is None:
            raise TypeError(f"{cls.__name__} declares no fetch in its model_map")

    @classmethod
    def field_columns(cls) -> Mapping[str, Column]:
        return {**super().field_columns(), "id": ID_COLUMN}

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[Self | None]:
        fetch = cast(Fetch[Any], cls.model_map.fetch)
        rows = await fetch(info.context, list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]
