"""Answering read operations with compiled SQL (see hub.compiled), when the setting
``compiled_reads`` is on.

A schema extension after ``TenantIsolation``, so that the statements run in the request's
tenant transaction, under its row security, as the resolvers' would; and after
``CachedReads``, which keeps a compiled answer as it keeps any other. Root fields that do
not compile beside ones that do (``viewer``), or that the resolvers are to answer for this
request (a confidential record, an id that is not one), are executed by the resolvers, as
an operation of their own in the same request, and the answers are put together in the
operation's order.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from graphql import ExecutionResult as GraphQLExecutionResult
from graphql import execute, located_error
from opentelemetry import trace
from strawberry import Schema
from strawberry.execution import optimized_is_awaitable
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionContext
from strawberry.types.graphql import OperationType
from strawberry.utils.await_maybe import await_maybe

from hub.compiled.plan import Plan, Plans
from hub.compiled.statement import answer

PLANS = Plans()


class CompiledReads(SchemaExtension):
    """The answer of a query with root fields that compile, the others the resolvers'."""

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        document = execution.graphql_document
        if (
            execution.result is not None  # answered from the result cache
            or not context.settings.compiled_reads
            or document is None
            or not execution.query
            or execution.operation_type is not OperationType.QUERY
        ):
            yield
            return
        schema = execution.schema
        plan = PLANS.get(schema._schema, execution.query, document, execution.operation_name)
        try:
            data = None
            if plan is not None:
                data = await answer(context, schema, plan, execution.variables)
            if plan is not None and data is not None:
                trace.get_current_span().set_attribute("hub.compiled", True)
                execution.result = await _with_the_rest(execution, plan, data)
        except Exception as exc:
            # Raised here, before this hook yields, it would leave the hooks entered before
            # it (the tenant's transaction, holding a pooled connection) never exited: the
            # error is the result's, as a resolver's error would be.
            execution.result = GraphQLExecutionResult(data=None, errors=[located_error(exc)])
        yield


async def _with_the_rest(
    execution: ExecutionContext, plan: Plan, compiled: dict[str, Any]
) -> GraphQLExecutionResult:
    """The compiled root fields with the others as the resolvers answer them."""
    document = plan.rest(compiled)
    if document is None:
        return GraphQLExecutionResult(data=compiled, errors=None)
    schema = execution.schema
    assert isinstance(schema, Schema)
    rest = await await_maybe(
        execute(
            schema._schema,
            document,
            root_value=execution.root_value,
            variable_values=execution.variables,
            operation_name=execution.operation_name,
            context_value=execution.context,
            is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]  # as Strawberry passes it
            executor_class=schema.execution_context_class,
        )
    )
    assert isinstance(rest, GraphQLExecutionResult)
    if rest.data is None:  # a non-null root field failed: so does the operation
        return rest
    data = {key: compiled[key] if key in compiled else rest.data[key] for key in plan.keys}
    return GraphQLExecutionResult(data=data, errors=rest.errors)
