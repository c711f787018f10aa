"""Answering read operations with compiled SQL (see hub.compiled), when the setting
``compiled_reads`` is on.

A schema extension after ``TenantIsolation``, so that the statements run in the request's
tenant transaction, under its row security, as the resolvers' would; and after
``CachedReads``, which keeps a compiled answer as it keeps any other.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from graphql import ExecutionResult as GraphQLExecutionResult
from opentelemetry import trace
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from hub.compiled.plan import Plans
from hub.compiled.statement import answer

PLANS = Plans()


class CompiledReads(SchemaExtension):
    """The answer of a query whose every root field compiles; otherwise the resolvers run."""

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
        graphql_schema = execution.schema._schema
        plan = PLANS.get(graphql_schema, execution.query, document, execution.operation_name)
        data = None
        if plan is not None:
            data = await answer(context, execution.schema, plan, execution.variables)
        if data is not None:
            trace.get_current_span().set_attribute("hub.compiled", True)
            execution.result = GraphQLExecutionResult(data=data, errors=None)
        yield
