"""From the events of a tenant to the objects one subscriber may see.

Each event is checked afresh: the subscriber's token and role in its tenant (an error
ends the subscription), the event's tenant (another tenant's event is skipped unread),
then the object is read through its service with the rights loaded now, inside the
tenant's isolation scope; an object the subscriber may not read is skipped.

The fields below the object are resolved by graphql-core after the generator yields.
``LiveExecutor`` gives that per-event execution the same fresh context and its own
isolation scope, which the schema's extensions do not: they wrap the subscription's
setup, not its events.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import strawberry
from graphql.execution import Executor

from hub.api.live.sessions import Session
from hub.core.context import Context
from hub.core.request_state import RequestState
from hub.graphql.plain_selections import PlainSelectionsExecutor
from hub.live.events import EventKind
from hub.observability.metrics import subscription_open
from hub.tenancy.isolation import tenant_scope

T = TypeVar("T")

Load = Callable[[Context, str], Awaitable[T | None]]


@dataclass(frozen=True)
class Delivery(Generic[T]):
    node: T
    context: Context


def session_of(info: strawberry.Info[Context, None]) -> Session:
    return cast(Session, RequestState.of(info.context.request.scope).session)


async def deliveries(
    info: strawberry.Info[Context, None], kind: EventKind, load: Load[T]
) -> AsyncGenerator[T, None]:
    """The objects of ``kind`` events, as the subscriber may see them now.

    Each is yielded wrapped in a ``Delivery`` (typed as the object, which is what the
    schema sees once ``LiveExecutor`` has unwrapped it).
    """
    session = session_of(info)
    name = info.operation.name.value if info.operation.name else None
    with subscription_open(name):
        async with session.live.fanout.subscribe([kind]) as queue:
            while True:
                event = await queue.get()
                if not await session.sees_tenant(event.tenant_id):
                    continue
                context = await session.context()
                async with tenant_scope(context.tenant.path, context.decisions.reach_setting):
                    node = await load(context, str(event.object_id))
                if node is not None:
                    yield cast(T, Delivery(node, context))


class LiveExecutor(PlainSelectionsExecutor):
    """Runs each subscription event with its delivery's context, in its tenant's scope."""

    # True for the copy that executes one delivered event.
    _scoped = False

    def build_per_event_executor(self, payload: Any) -> Executor[Any]:
        if not isinstance(payload, Delivery):
            return super().build_per_event_executor(payload)
        executor = cast(LiveExecutor, super().build_per_event_executor(payload.node))
        executor.context_value = payload.context
        executor._scoped = True
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        if not self._scoped:
            return super().execute_operation(serially)
        return self._execute_scoped(serially)

    async def _execute_scoped(self, serially: bool | None) -> Any:
        context = cast(Context, self.context_value)
        async with tenant_scope(context.tenant.path, context.decisions.reach_setting):
            result = super().execute_operation(serially)
            if self.is_awaitable(result):
                result = await result
            return result
