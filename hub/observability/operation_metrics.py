"""The GraphQL side of the request metrics: the schema extension that tells
``RequestMetricsMiddleware`` (hub.observability.metrics) which operation a request ran.

Apart from the metrics themselves so that what records them (the policy reload, the command
line) does not import the GraphQL library.
"""

from __future__ import annotations

from collections.abc import Iterator

from strawberry.extensions import SchemaExtension

from hub.core.request_state import RequestState
from hub.observability.metrics import (
    Operation,
    metric_operation_name,
    metrics_enabled,
    outcome_of,
)


class OperationMetrics(SchemaExtension):
    """Leaves the operation's name, type and outcome in the request's state for
    ``RequestMetricsMiddleware``.

    It must come before ``ErrorCodes`` in the schema's extensions, so that it sees the
    errors once they carry their codes.
    """

    def on_operation(self) -> Iterator[None]:
        yield
        if not metrics_enabled():
            return
        ctx = self.execution_context
        request = getattr(ctx.context, "request", None)
        if request is None:
            return
        try:
            operation_type = ctx.operation_type.value
        except RuntimeError:  # the document did not parse
            operation_type = "unknown"
        errors = getattr(ctx.result, "errors", None) or []
        codes = [(error.extensions or {}).get("code") for error in errors]
        RequestState.of(request.scope).operation.measured = Operation(
            metric_operation_name(ctx.operation_name), operation_type, outcome_of(codes)
        )
