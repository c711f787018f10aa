"""GraphQL enums whose every value is described.

Example::

    described_enum(Horizon, "When a priority is due.", {
        Horizon.IMMEDIATE: "For action now.", ...
    })
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import TypeVar

import strawberry

M = TypeVar("M", bound=Enum)


def described_enum(cls: type[M], description: str, values: Mapping[M, str]) -> type[M]:
    """Register ``cls`` with GraphQL, with ``values`` describing each of its members.

    The models' enums are plain ``StrEnum``s that Tortoise stores, so their members cannot
    be wrapped in ``strawberry.enum_value``; the descriptions go on the GraphQL definition.
    """
    named = {member.name: text for member, text in values.items()}
    if set(named) != set(cls.__members__):
        raise ValueError(f"{cls.__name__}: describe exactly its members, {sorted(cls.__members__)}")
    # An input's default value registers its enum as it is declared, so the enum may
    # have its definition already: describe that one, which the fields refer to.
    if not hasattr(cls, "__strawberry_definition__"):
        strawberry.enum(cls)
    cls.__strawberry_definition__.description = description  # type: ignore[attr-defined]
    for value in cls.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = named[value.name]
    return cls
