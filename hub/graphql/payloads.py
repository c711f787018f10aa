"""Mutation payloads: what the service made of the input, or why it refused the input.

A mutation builds what its service needs, calls it and hands the call over; only a refusal
of the input becomes the payload's ``errors``. Anything else the service raises (not found,
forbidden, a timeout) is left to propagate, so the mutation alone answers null with its
error at its path while the others of the same document keep their answers.

Example::

    @strawberry.type(description="Result of a contact mutation.")
    class ContactPayload(MutationPayload, present=Contact.from_model):
        contact: Contact | None = strawberry.field(description="As it now is.")

    async def update_contact(self, info, input) -> ContactPayload | None:
        return await ContactPayload.answer(ContactService(info.context).update(...))
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar, Self, TypeVar

from hub.core.errors import BadUserInput
from hub.core.validation import InvalidInput
from hub.graphql.user_errors import Refusal, UserError, input_errors, user_errors

Row = TypeVar("Row")
Answer = TypeVar("Answer")

# What services raise when the input is wrong; administration also refuses with BadUserInput.
INPUT_REFUSALS: tuple[type[Refusal], ...] = (InvalidInput,)
ADMIN_REFUSALS: tuple[type[Refusal], ...] = (BadUserInput, InvalidInput)


async def payload_or_errors(
    work: Awaitable[Row],
    done: Callable[[Row], Answer],
    refused: Callable[[list[UserError]], Answer],
    *,
    refusing: tuple[type[Refusal], ...] = INPUT_REFUSALS,
) -> Answer:
    """``done`` with what ``work`` returns, or ``refused`` with the problems it raised."""
    try:
        row = await work
    except refusing as error:
        return refused(user_errors(error))
    return done(row)


class MutationPayload:
    """A payload with one result field, then ``errors``.

    A subclass declares the result field and, with ``present=``, what it holds for the row
    the service returns; it is null when the input was refused. ``errors`` is added after
    the subclass's field, so that every payload ends with the same field.
    """

    errors: list[UserError]
    _result: ClassVar[str]
    _present: ClassVar[Callable[[Any], object]]

    def __init_subclass__(cls, *, present: Callable[[Any], object], **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        declared = list(inspect.get_annotations(cls))
        if len(declared) != 1:
            # A second field would otherwise be left null by every answer.
            raise TypeError(f"{cls.__name__} declares {declared}, not one result field")
        cls._result = declared[0]
        cls._present = present
        cls.__annotations__["errors"] = list[UserError]
        cls.errors = input_errors()

    @classmethod
    def of(cls, row: Any) -> Self:
        return cls._make(cls._present(row), [])

    @classmethod
    def refused(cls, errors: list[UserError]) -> Self:
        return cls._make(None, errors)

    @classmethod
    async def answer(cls, work: Awaitable[Any]) -> Self:
        return await payload_or_errors(work, cls.of, cls.refused)

    @classmethod
    def _make(cls, result: object, errors: list[UserError]) -> Self:
        make: Callable[..., Self] = cls
        fields: dict[str, Any] = {cls._result: result, "errors": errors}
        return make(**fields)
