"""Demo rows kept as tables of values: TOML files next to this module, one array of tables
a file, each table one row of the dataclass that describes it.

A key holds the field's value as TOML writes it (text, dates, lists, tables), an enum by its
value; a key left out takes the field's default.
"""

from __future__ import annotations

import tomllib
import types
from collections.abc import AsyncIterator, Iterable
from enum import Enum
from importlib import resources
from typing import Any, Protocol, TypedDict, TypeVar, Union, get_args, get_origin, get_type_hints

from tortoise.models import Model

from hub.directory.models import Organisation
from hub.i18n.text import Translations, index_text, search_text
from hub.tenancy.models import Tenant

R = TypeVar("R")


def read_rows(row_type: type[R], file_name: str, table: str) -> tuple[R, ...]:
    """The rows of the array of tables ``table`` in the demo file ``file_name``."""
    text = resources.files(__package__).joinpath(file_name).read_text(encoding="utf-8")
    hints = get_type_hints(row_type)
    return tuple(
        row_type(**{key: _value(hints[key], value) for key, value in row.items()})
        for row in tomllib.loads(text)[table]
    )


def _value(hint: Any, value: Any) -> Any:
    origin = get_origin(hint)
    if origin in (Union, types.UnionType):
        (kind,) = (arg for arg in get_args(hint) if arg is not type(None))
        return _value(kind, value)
    if origin is tuple:
        return tuple(_value(get_args(hint)[0], item) for item in value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value


class TitledRow(Protocol):
    @property
    def tenant(self) -> str: ...

    @property
    def title(self) -> Translations: ...


T = TypeVar("T", bound=TitledRow)


async def missing(
    model: type[Model], rows: Iterable[T], tenants: dict[str, Tenant]
) -> AsyncIterator[tuple[T, Tenant, str]]:
    """The rows whose title their tenant has no ``model`` row of yet, with that tenant and
    the title's index: loading the demo again adds only what is missing."""
    for row in rows:
        tenant = tenants[row.tenant]
        title_index = index_text(row.title, tenant.default_language)
        if not await model.exists(tenant=tenant, title_index=title_index):
            yield row, tenant, title_index


async def organisation_named(tenant: Tenant, name: str | None) -> Organisation | None:
    """The tenant's organisation of that name; None for none (the network itself)."""
    return None if name is None else await Organisation.get(tenant=tenant, name=name)


class TitleColumns(TypedDict):
    title: Translations
    title_index: str
    search_text: str


def titled(tenant: Tenant, title: Translations) -> TitleColumns:
    """The columns of a row with a multilingual title (``MultilingualTitle``) whose search
    finds its title only: the title, the text it sorts by in the tenant's language and
    every translation to search."""
    return TitleColumns(
        title=title,
        title_index=index_text(title, tenant.default_language),
        search_text=search_text(title),
    )
