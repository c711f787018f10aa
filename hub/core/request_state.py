"""What the hub learns about a request while it handles it, in one typed record.

Each layer fills in its part as the request goes down the stack: the log middleware its id,
the rate limit its remaining budget, authentication the principal, the tenant middleware the
tenant and the caller's decisions, the view the document and the operation's outcome. The
record lives in the request's ASGI scope and is reached through ``RequestState.of(scope)``;
code that has no scope (the cached lookups of users and tenants, an audit entry that makes
a result uncacheable) reaches the record of the request being handled through
``RequestState.current()``.

A GraphQL operation has an ``OperationState`` of its own: each operation of a batch is
answered as if it were alone, with its own document, outcome and revisions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from starlette.types import Scope

if TYPE_CHECKING:
    from hub.access.decisions import Decisions
    from hub.api.live.sessions import Live, Session
    from hub.core.errors import RateLimited
    from hub.core.principal import Principal
    from hub.observability.metrics import Operation
    from hub.tenancy.models import Tenant
    from hub.trusted.requests import RequestDocument

STATE_KEY = "hub.request"

# Called with how many more requests a request counts as (a batch's other operations), it
# answers the error of a rate limit they exceed, or None.
RateBudget = Callable[[int], Awaitable["RateLimited | None"]]


@dataclass
class RevisionsRead:
    """The revisions read for one operation: each is read once and used by every lookup.

    The revision of the tenant the request names (header or path) is read with the global
    one, in the same statement."""

    # The request, to find the tenant it names once routing has read the path; None when
    # only the global revision is wanted.
    naming: Scope | None = field(default=None, repr=False)
    global_revision: int | None = None
    related: int | None = None
    network: int | None = None


@dataclass
class OperationState:
    """One GraphQL operation: alone, or one of a batch."""

    # Its place in the batch; None when it came alone.
    batch_index: int | None = None
    # The document it runs, when looked up (see hub.trusted.requests).
    document: RequestDocument | None = None
    # It did not parse or validate, or a variable could not be coerced.
    request_error: bool = False
    # Name, type and outcome, for the request metrics.
    measured: Operation | None = None
    # False once it wrote or read something a cached answer would skip (an audit entry).
    cacheable: bool = True
    # It read records that reached its tenant from across the tree: a write anywhere in
    # the network may change its answer, not only one in the tenant's branch.
    reads_network: bool = False
    # None outside HTTP requests: lookups then read the revisions afresh at every call.
    revisions: RevisionsRead | None = None


@dataclass
class RequestState:
    request_id: str = ""
    # Answered: work it left behind (a task it started) no longer speaks for it.
    handled: bool = False

    # Who asks (authentication), and where, with which rights (the tenant middleware).
    principal: Principal | None = None
    tenant: Tenant | None = None
    decisions: Decisions | None = None

    operation: OperationState = field(default_factory=OperationState)

    # What is left of the caller's rate limits, for a batch's other operations.
    rate_budget: RateBudget | None = None

    # A WebSocket's live side, and once ``connection_init`` is accepted its session.
    live: Live | None = None
    session: Session | None = None

    @classmethod
    def of(cls, scope: Scope) -> RequestState:
        """The request's state, made when first asked for."""
        state = scope.get(STATE_KEY)
        if not isinstance(state, RequestState):
            state = cls()
            if scope["type"] == "http":
                state.operation.revisions = RevisionsRead(scope)
            scope[STATE_KEY] = state
        return state

    @staticmethod
    def current() -> RequestState | None:
        """The state of the request being handled, inside ``entered``."""
        return _current.get()

    @contextmanager
    def entered(self) -> Iterator[RequestState]:
        """Make this the current request's state for the enclosed work."""
        token = _current.set(self)
        try:
            yield self
        finally:
            _current.reset(token)

    def for_batch_item(self, index: int) -> RequestState:
        """The state of one operation of a batch. The first reuses the revisions read with
        the caller and tenant; the next ones read theirs afresh, since an operation before
        them may have written."""
        revisions = self.operation.revisions
        if index > 0 and revisions is not None:
            revisions = RevisionsRead()
        operation = OperationState(batch_index=index, revisions=revisions)
        return dataclasses.replace(self, operation=operation)


_current: ContextVar[RequestState | None] = ContextVar("hub_request_state", default=None)
