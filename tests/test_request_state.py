from __future__ import annotations

from starlette.types import Scope

from hub.core.request_state import RequestState
from hub.results.marks import not_cacheable


def _http() -> Scope:
    return {"type": "http", "method": "POST", "path": "/graphql", "headers": []}


def test_a_request_has_one_state() -> None:
    scope = _http()
    state = RequestState.of(scope)
    state.request_id = "r-1"
    assert RequestState.of(scope) is state
    assert RequestState.of(scope).request_id == "r-1"


def test_only_http_requests_share_their_revisions() -> None:
    assert RequestState.of(_http()).operation.revisions is not None
    assert RequestState.of({"type": "websocket", "headers": []}).operation.revisions is None


def test_each_operation_of_a_batch_has_its_own_state() -> None:
    state = RequestState.of(_http())
    state.request_id = "r-2"
    # when
    first, second = state.for_batch_item(0), state.for_batch_item(1)
    # then both act for the same request
    assert (first.request_id, second.request_id) == ("r-2", "r-2")
    assert (first.operation.batch_index, second.operation.batch_index) == (0, 1)
    # the first uses what authentication read; the next read theirs again
    assert first.operation.revisions is state.operation.revisions
    assert second.operation.revisions is not state.operation.revisions
    # and one marked uncacheable leaves the others be
    with second.entered():
        not_cacheable()
    assert not second.operation.cacheable
    assert first.operation.cacheable
    assert state.operation.cacheable


def test_outside_a_request_nothing_is_marked() -> None:
    assert RequestState.current() is None
    not_cacheable()  # no error
