"""Serving read operations from the result cache (see hub.results.cache).

A schema extension, so that an answer from the cache goes through the same operation span,
metrics and error handling as one computed afresh: it only takes the place of execution.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from typing import Any, cast

from graphql import ExecutionResult as GraphQLExecutionResult
from opentelemetry import trace
from strawberry.extensions import SchemaExtension
from strawberry.types.graphql import OperationType

from hub.core.request_state import RequestState
from hub.results.cache import CacheKey
from hub.results.directory import tenant_revisions

log = logging.getLogger("hub.graphql.cached_reads")  # the name logs have always had


def _key(context: Any, query: str, operation_name: str | None, variables: Any) -> CacheKey:
    return CacheKey.of(
        tenant_id=str(context.tenant.id),
        subject=context.principal.subject,
        policy_generation=context.decisions.access.generation,
        document=query,
        operation_name=operation_name,
        variables=variables,
        accept_language=context.request.headers.get("accept-language", ""),
    )


class CachedReads(SchemaExtension):
    """The cached result of a query when nothing it reads has been written since, else the
    query runs and its result is kept.

    It comes before ``TenantIsolation`` in the schema's extensions, so that a cached answer
    opens no transaction."""

    async def on_execute(self) -> AsyncIterator[None]:
        execution = self.execution_context
        context = execution.context
        cache = getattr(context, "result_cache", None)
        if (
            cache is None
            or not cache.enabled
            or not execution.query
            or execution.operation_type is not OperationType.QUERY
        ):
            yield
            return
        key = _key(context, execution.query, execution.operation_name, execution.variables)
        try:
            revision, network = await tenant_revisions(context.tenant.slug, context.tenant.path)
        except Exception:  # without a revision nothing can be trusted: run, and fail there
            log.debug("result cache: no revision", exc_info=True)
            yield
            return
        operation = RequestState.of(context.request.scope).operation
        cached = cache.get(key, revision, network)
        if cached is not None:
            trace.get_current_span().set_attribute("hub.result_cache", "hit")
            # The cached JSON stands where the data would: the response's encoder copies it.
            execution.result = GraphQLExecutionResult(data=cast(Any, cached), errors=None)
            yield
            return
        yield
        result = execution.result
        data = getattr(result, "data", None)
        if operation.cacheable and not getattr(result, "errors", None) and data is not None:
            cache.put(key, revision, data, network if operation.reads_network else None)
