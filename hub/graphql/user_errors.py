"""Invalid input reported inside mutation payloads."""

from __future__ import annotations

import strawberry

from hub.validation import InvalidInput


@strawberry.type(description="A problem with the input of a mutation; nothing was written.")
class UserError:
    field: str | None = strawberry.field(description="The input field at fault, if one is.")
    code: str = strawberry.field(description="A stable code, e.g. REQUIRED or TOO_LONG.")
    message: str = strawberry.field(description="What is wrong, for people.")


def user_errors(error: InvalidInput) -> list[UserError]:
    return [UserError(field=p.field, code=p.code, message=p.message) for p in error.problems]
