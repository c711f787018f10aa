"""Marks an operation whose result must not be cached: it wrote an audit entry or read them."""

from __future__ import annotations

from hub.core.request_state import RequestState


def reads_network() -> None:
    """The running operation read records that may come from any tenant of the network."""
    state = RequestState.current()
    if state is not None:
        state.operation.reads_network = True


def not_cacheable() -> None:
    """The result of the running operation must be computed afresh every time."""
    state = RequestState.current()
    if state is not None:
        state.operation.cacheable = False
