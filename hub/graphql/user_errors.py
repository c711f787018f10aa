"""Invalid input reported inside mutation payloads."""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry import relay

from hub.core.errors import BadUserInput
from hub.core.validation import InvalidInput

# The errors by which a service refuses the input of a mutation before writing anything.
Refusal = InvalidInput | BadUserInput


@strawberry.type(description="A problem with the input of a mutation; nothing was written.")
class UserError:
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    code: str = strawberry.field(description="A stable code, e.g. REQUIRED or TOO_LONG.")
    message: str = strawberry.field(description="What is wrong, for people.")
    existing: relay.GlobalID | None = strawberry.field(
        default=None,
        description="For DUPLICATE: the record you may see that the input repeats, to link "
        "to instead.",
    )


def user_errors(error: Refusal) -> list[UserError]:
    if isinstance(error, BadUserInput):
        # One problem, worded for the caller; its field, if any, travels in the extensions.
        return [
            UserError(field=error.extensions.get("field"), code="INVALID", message=error.message)
        ]
    return [
        UserError(
            field=p.field,
            code=p.code,
            message=p.message,
            existing=None if p.existing is None else relay.GlobalID(*p.existing),
        )
        for p in error.problems
    ]


def input_errors() -> Any:
    """The ``errors`` field of a mutation payload, empty unless the input was refused."""
    return strawberry.field(description="Why the input was refused.")
