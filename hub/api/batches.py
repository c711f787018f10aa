"""Batches: a POST whose body is a JSON array of GraphQL requests.

Each operation of a batch is answered as it would be alone (its own context and loaders, its
trusted-document check, its result-cache entry, its request errors), one after another in
the order sent, so that a mutation is seen by the operations after it. The answer is a JSON
array of their results in the same order, with status 200. A batch counts against the rate
limits as one request per operation; more than ``LIMITS.operations_per_batch`` is refused
before any of them runs.
"""

from __future__ import annotations

import orjson
from starlette.requests import Request
from starlette.types import Message, Scope

from hub.api.limits import LIMITS
from hub.core.errors import BadRequest, ErrorCode, HubError
from hub.core.request_state import STATE_KEY, RequestState

NOT_JSON = "Unable to parse request body as JSON"


class BatchTooLarge(HubError):
    code = ErrorCode.LIMIT_EXCEEDED

    def __init__(self) -> None:
        super().__init__(
            f"A batch holds at most {LIMITS.operations_per_batch} operations.",
            limit="operationsPerBatch",
            value=LIMITS.operations_per_batch,
        )


async def batch_items(request: Request) -> list[object] | None:
    """The requests of a batch, or None when the body is not a JSON array."""
    if request.method != "POST":
        return None
    body = await request.body()
    if not body.lstrip().startswith(b"["):
        return None
    try:
        items = orjson.loads(body)
    except orjson.JSONDecodeError as exc:
        raise BadRequest(NOT_JSON) from exc
    if not isinstance(items, list):
        raise BadRequest(NOT_JSON)
    if not items:
        raise BadRequest("A batch holds at least one operation.")
    if len(items) > LIMITS.operations_per_batch:
        raise BatchTooLarge()
    return items


def item_request(scope: Scope, item: object, index: int) -> Request:
    """One operation of a batch as a request of its own, with the batch's headers, caller
    and tenant, and its place in the batch (in its state's operation)."""
    body = orjson.dumps(item)
    sent = False

    async def receive() -> Message:
        nonlocal sent
        if sent:
            return {"type": "http.disconnect"}
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    state = RequestState.of(scope).for_batch_item(index)
    return Request({**scope, STATE_KEY: state}, receive)
