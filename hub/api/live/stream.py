"""From the events of a tenant to the objects one subscriber may see.

Each event is checked afresh: the subscriber's token and role in its tenant (an error
ends the subscription), the event's tenant (another tenant's event is skipped unread),
then the object is read through its service with the rights loaded now, inside the
tenant's isolation scope; an object the subscriber may not read is skipped.

The fields below the object are resolved by graphql-core after the generator yields.
``LiveExecutor`` gives that per-event execution the same fresh context and its own
isolation scope, which the schema's extensions do not: they wrap the subscription's
setup, not its events.

Each event handed to a subscriber is traced by a span of its own, linked to the trace of
the write that published it, from its arrival until its answer has been sent.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Awaitable, Callable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

import strawberry
from graphql.execution import Executor
from opentelemetry import trace
from opentelemetry.trace import Span

from hub.api.live.sessions import Session
from hub.core.context import Context
from hub.core.request_state import RequestState
from hub.graphql.plain_selections import PlainSelectionsExecutor
from hub.live.events import EventKind
from hub.observability.metrics import subscription_open
from hub.observability.trace_context import start_delivery_span
from hub.tenancy.isolation import tenant_scope

T = TypeVar("T")

Load = Callable[[Context, str], Awaitable[T | None]]


@dataclass(frozen=True)
class Delivery(Generic[T]):
    node: T
    context: Context
    span: Span


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
                span = start_delivery_span(event.kind, event.trace_context)
                try:
                    with trace.use_span(span, record_exception=False):
                        if not await session.sees_tenant(event.tenant_id):
                            continue
                        context = await session.context()
                        async with tenant_scope(
                            context.tenant.path, context.decisions.reach_setting
                        ):
                            node = await load(context, str(event.object_id))
                    span.set_attribute("hub.live.delivered", node is not None)
                    if node is not None:
                        # Resumed once the event's answer has been sent.
                        yield cast(T, Delivery(node, context, span))
                finally:
                    span.end()


class LiveExecutor(PlainSelectionsExecutor):
    """Runs each subscription event with its delivery's context, in its tenant's scope."""

    # True for the copy that executes one delivered event, under the event's span.
    _scoped = False
    _span: Span = trace.INVALID_SPAN

    def build_per_event_executor(self, payload: Any) -> Executor[Any]:
        if not isinstance(payload, Delivery):
            return super().build_per_event_executor(payload)
        executor = cast(LiveExecutor, super().build_per_event_executor(payload.node))
        executor.context_value = payload.context
        executor._span = payload.span
        executor._scoped = True
        return executor

    def execute_operation(self, serially: bool | None = None) -> Any:
        if not self._scoped:
            return super().execute_operation(serially)
        return self._execute_scoped(serially)

    async def _execute_scoped(self, serially: bool | None) -> Any:
        context = cast(Context, self.context_value)
        with trace.use_span(self._span, record_exception=False):
            async with tenant_scope(context.tenant.path, context.decisions.reach_setting):
                result = super().execute_operation(serially)
                if self.is_awaitable(result):
                    result = await result
                return result
