"""What a mutation hands its service: the input's fields, by name, in a service dataclass.

A service takes its own dataclass (``NewX``, ``XChanges``) whose fields mostly share their
names and values with the GraphQL input. Translation inputs become the texts they stand
for on the way; only the fields that differ otherwise are spelt out, e.g. global ids that
become row ids.

Example::

    new = from_input(
        NewContact, input, organisation_id=node_id_of(input.organisation, "Organisation")
    )
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, overload

from strawberry import relay

from hub.graphql.node import node_id_of

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Made = TypeVar("Made", bound="DataclassInstance")
Text = TypeVar("Text", covariant=True)


class Valued(Protocol[Text]):
    def value(self) -> Text: ...


def from_input(kind: type[Made], source: object, **given: object) -> Made:
    """A ``kind`` with ``given`` values, and the rest from ``source``'s fields of the same
    name, translation inputs as their texts; a field neither holds keeps its default."""
    names = {field.name for field in dataclasses.fields(kind) if field.init}
    unknown = set(given) - names
    if unknown:
        # A misspelt conversion would otherwise be dropped without a word.
        raise TypeError(f"{kind.__name__} has no fields {sorted(unknown)}")
    values: dict[str, Any] = {
        name: _plain(getattr(source, name)) for name in names - set(given) if hasattr(source, name)
    }
    make: Callable[..., Made] = kind
    return make(**values, **given)


def _plain(value: object) -> object:
    """Translation inputs as the texts they stand for; any other value as it is."""
    # Enum members have a ``value`` too, but not one to call.
    if (
        isinstance(value, list)
        and value
        and all(callable(getattr(item, "value", None)) for item in value)
    ):
        return [item.value() for item in value]
    return value


@overload
def texts(items: Sequence[Valued[Text]]) -> list[Text]: ...
@overload
def texts(items: Sequence[Valued[Text]] | None) -> list[Text] | None: ...
def texts(items: Sequence[Valued[Text]] | None) -> list[Text] | None:
    """The texts these translation inputs stand for; None (leave as is) stays None."""
    return None if items is None else [item.value() for item in items]


@overload
def ids_of(gids: list[relay.GlobalID], type_name: str) -> list[str]: ...
@overload
def ids_of(gids: list[relay.GlobalID] | None, type_name: str) -> list[str] | None: ...
def ids_of(gids: list[relay.GlobalID] | None, type_name: str) -> list[str] | None:
    """The row ids inside these global ids of ``type_name``; None stays None."""
    return None if gids is None else [node_id_of(gid, type_name) for gid in gids]


def id_or_none(gid: relay.GlobalID | None, type_name: str) -> str | None:
    """The row id inside an optional global id of ``type_name``."""
    return None if gid is None else node_id_of(gid, type_name)
