"""Mutations that do one thing to one object named by its global id, e.g. archive it.

Such a mutation refuses no input, so a failure (not found, forbidden) propagates and the
payload only ever holds the object as it now is.

Example::

    archive_priority = archive_mutation(
        Resource.WORK_PLAN, "Archive a priority of the work plan.",
        PriorityService, "Priority", PriorityPayload,
    )
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Protocol, TypeVar

import strawberry
from strawberry import relay

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.graphql.arguments import INPUT, TargetId
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info

Row = TypeVar("Row")
Row_co = TypeVar("Row_co", covariant=True)


class Archiving(Protocol[Row_co]):
    def archive(self, raw_id: str, /) -> Awaitable[Row_co]: ...


class Target(Protocol):
    @property
    def id(self) -> relay.GlobalID: ...


def archive_mutation(
    resource: Resource,
    description: str,
    service: Callable[[Context], Archiving[Row]],
    type_name: str,
    payload: type[MutationPayload],
    *,
    input: type[Target] | None = None,
) -> Any:
    """``service.archive`` of the object of ``type_name``, named by ``id`` or by ``input``."""
    return target_mutation(
        guarded(resource, Action.ARCHIVE, description),
        lambda context, raw_id: service(context).archive(raw_id),
        type_name,
        payload,
        input=input,
    )


def target_mutation(
    guard: dict[str, Any],
    act: Callable[[Context, str], Awaitable[Row]],
    type_name: str,
    payload: type[MutationPayload],
    *,
    input: type[Target] | None = None,
) -> Any:
    """A mutation answering ``payload`` with what ``act`` makes of the object: named by an
    ``id`` argument, or by the ``id`` of an ``input`` argument of the type given."""

    async def by_id(self: Any, info: Info, id: TargetId) -> Any:
        return payload.of(await act(info.context, node_id_of(id, type_name)))

    async def by_input(self: Any, info: Info, input: Any) -> Any:
        return payload.of(await act(info.context, node_id_of(input.id, type_name)))

    resolve: Callable[..., Awaitable[Any]] = by_id if input is None else by_input
    signature = inspect.signature(resolve)
    parameters = list(signature.parameters.values())
    if input is not None:
        parameters[-1] = parameters[-1].replace(annotation=Annotated[input, INPUT])
    # Strawberry reads the argument and result types from the signature; these depend
    # on the object, so they are given here rather than in the code above.
    resolve.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=payload | None
    )
    return strawberry.mutation(resolver=resolve, **guard)
