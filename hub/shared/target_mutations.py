"""Mutations that do one thing to one object named by its global id: change, archive, erase.

A ``MutationTarget`` names, once per kind of object, what such mutations share: the
resource guarding it, the service writing it, its type and the payload answering with it.
An update answers why its input was refused in the payload's ``errors``; the others refuse
no input, so a failure (not found, forbidden) propagates and their payload only ever holds
the object as it now is.

Example::

    PRIORITY = MutationTarget(Resource.WORK_PLAN, PriorityService, "Priority", PriorityPayload)

    class WorkplanMutation:
        update_priority = PRIORITY.update_mutation(
            "Change a priority of the work plan.", UpdatePriorityInput, _draft
        )
        archive_priority = PRIORITY.archive_mutation("Archive a priority of the work plan.")
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Generic, Protocol, TypeVar

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
Service_co = TypeVar("Service_co", covariant=True)
Changes = TypeVar("Changes")
Changes_contra = TypeVar("Changes_contra", contravariant=True)


class Archiving(Protocol[Row_co]):
    def archive(self, raw_id: str, /) -> Awaitable[Row_co]: ...


class Updating(Protocol[Changes_contra, Row_co]):
    def update(self, raw_id: str, changes: Changes_contra, /) -> Awaitable[Row_co]: ...


class Target(Protocol):
    @property
    def id(self) -> relay.GlobalID: ...


TargetInput = TypeVar("TargetInput", bound=Target)


@dataclass(frozen=True)
class MutationTarget(Generic[Service_co]):
    """A kind of object that mutations name by its global id."""

    resource: Resource
    service: Callable[[Context], Service_co]
    type_name: str
    payload: type[MutationPayload]

    def archive_mutation(
        self: MutationTarget[Archiving[Any]],
        description: str,
        *,
        input: type[Target] | None = None,
    ) -> Any:
        """``service.archive`` of the object, named by ``id`` or by ``input``."""
        return self.act_mutation(
            Action.ARCHIVE,
            description,
            lambda service, raw_id: service.archive(raw_id),
            input=input,
        )

    def act_mutation(
        self,
        action: Action,
        description: str,
        act: Callable[[Service_co, str], Awaitable[Any]],
        *,
        input: type[Target] | None = None,
    ) -> Any:
        """What ``act`` does with the service to the object, named by ``id`` or by ``input``,
        for callers allowed ``action`` on the resource."""
        service = self.service
        return target_mutation(
            guarded(self.resource, action, description),
            lambda context, raw_id: act(service(context), raw_id),
            self.type_name,
            self.payload,
            input=input,
        )

    def update_mutation(
        self: MutationTarget[Updating[Changes, Any]],
        description: str,
        input: type[TargetInput],
        changes: Callable[[TargetInput], Changes],
    ) -> Any:
        """``service.update`` of the object named by ``input``, with the ``changes`` it holds;
        the payload holds the object as it now is, or why the input was refused."""
        service, type_name, payload = self.service, self.type_name, self.payload

        async def update(self: Any, info: Info, input: Any) -> Any:
            # Inside the work answered for: an input refused while read is refused as the
            # service's own checks are, in the payload's errors.
            async def work() -> Any:
                wanted = changes(input)
                return await service(info.context).update(node_id_of(input.id, type_name), wanted)

            return await payload.answer(work())

        return strawberry.mutation(
            resolver=_typed(update, input, payload),
            **guarded(self.resource, Action.UPDATE, description),
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
    return strawberry.mutation(resolver=_typed(resolve, input, payload), **guard)


def _typed(
    resolve: Callable[..., Awaitable[Any]],
    input: type[Any] | None,
    payload: type[MutationPayload],
) -> Callable[..., Awaitable[Any]]:
    """``resolve`` answering ``payload | None``, taking an ``input`` of that type if given."""
    signature = inspect.signature(resolve)
    parameters = list(signature.parameters.values())
    if input is not None:
        parameters[-1] = parameters[-1].replace(annotation=Annotated[input, INPUT])
    # Strawberry reads the argument and result types from the signature; these depend
    # on the object, so they are given here rather than in the resolver's code.
    resolve.__signature__ = signature.replace(  # type: ignore[attr-defined]
        parameters=parameters, return_annotation=payload | None
    )
    return resolve
