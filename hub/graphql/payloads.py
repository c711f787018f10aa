"""Mutation payloads: what the service made of the input, or why it refused the input.

A mutation builds what its service needs, calls it and hands the call over; only a refusal
of the input becomes the payload's ``errors``. Anything else the service raises (not found,
forbidden, a timeout) is left to propagate, so the mutation alone answers null with its
error at its path while the others of the same document keep their answers.

Example::

    @mutation_payload("Result of a contact mutation.")
    class ContactPayload:
        contact: Contact | None = strawberry.field(description="As it now is.")


    contact_payload = Payloads(ContactPayload, "contact", Contact.from_model)

    async def update_contact(self, info, input) -> ContactPayload | None:
        return await contact_payload.answer(ContactService(info.context).update(...))
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable
from typing import TYPE_CHECKING, Any, Generic, TypeVar, dataclass_transform

import strawberry

from hub.core.errors import BadUserInput
from hub.core.validation import InvalidInput
from hub.graphql.user_errors import Refusal, UserError, input_errors, user_errors

if TYPE_CHECKING:
    from _typeshed import DataclassInstance

Row = TypeVar("Row")
Payload = TypeVar("Payload", bound="DataclassInstance")
Declared = TypeVar("Declared")

# What services raise when the input is wrong; administration also refuses with BadUserInput.
INPUT_REFUSALS: tuple[type[Refusal], ...] = (InvalidInput,)
ADMIN_REFUSALS: tuple[type[Refusal], ...] = (BadUserInput, InvalidInput)


@dataclass_transform(kw_only_default=True, field_specifiers=(strawberry.field,))
def mutation_payload(description: str) -> Callable[[type[Declared]], type[Declared]]:
    """The GraphQL type of a mutation's payload: the fields the class declares, then
    ``errors``, why the input was refused.

    Every payload ends with the same ``errors`` field; it is added here, after the
    class's own fields, so that no payload forgets it or lists it elsewhere.
    """

    def declare(cls: type[Declared]) -> type[Declared]:
        cls.__annotations__["errors"] = list[UserError]
        cls.errors = input_errors()  # type: ignore[attr-defined]
        return strawberry.type(cls, description=description)

    return declare


async def payload_or_errors(
    work: Awaitable[Row],
    done: Callable[[Row], Payload],
    refused: Callable[[list[UserError]], Payload],
    *,
    refusing: tuple[type[Refusal], ...] = INPUT_REFUSALS,
) -> Payload:
    """``done`` with what ``work`` returns, or ``refused`` with the problems it raised."""
    try:
        row = await work
    except refusing as error:
        return refused(user_errors(error))
    return done(row)


@dataclasses.dataclass(frozen=True, slots=True)
class Payloads(Generic[Row, Payload]):
    """The payloads of a type with one result field beside ``errors``.

    ``field`` names that result field, which holds ``present(row)``, or null when the
    input was refused.
    """

    payload: type[Payload]
    field: str
    present: Callable[[Row], object]

    def __post_init__(self) -> None:
        # A misspelt field would otherwise surface only when a mutation answers.
        names = {field.name for field in dataclasses.fields(self.payload)}
        if names != {self.field, "errors"}:
            raise TypeError(
                f"{self.payload.__name__} has the fields {sorted(names)}, "
                f"not {self.field} and errors"
            )

    def of(self, row: Row) -> Payload:
        return self._make(self.present(row), [])

    def refused(self, errors: list[UserError]) -> Payload:
        return self._make(None, errors)

    async def answer(self, work: Awaitable[Row]) -> Payload:
        return await payload_or_errors(work, self.of, self.refused)

    def _make(self, result: object, errors: list[UserError]) -> Payload:
        make: Callable[..., Payload] = self.payload
        fields: dict[str, Any] = {self.field: result, "errors": errors}
        return make(**fields)
