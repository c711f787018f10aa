"""Serving read operations from the result cache (see hub.results.cache)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

from graphql import OperationType
from opentelemetry import trace
from strawberry.http import GraphQLRequestData
from strawberry.types import ExecutionResult

from hub.context import Context
from hub.graphql.documents import document_of
from hub.results.cache import CacheKey, ResultCache
from hub.results.directory import after_write, tenant_revision
from hub.results.marks import watching

log = logging.getLogger(__name__)


def _is_query(document: str, operation_name: str | None) -> bool:
    parsed = document_of(document)
    return parsed is not None and parsed.type_of(operation_name) == OperationType.QUERY


def _key(context: Context, data: GraphQLRequestData) -> CacheKey:
    return CacheKey.of(
        tenant_id=str(context.tenant.id),
        subject=context.principal.subject,
        policy_generation=context.decisions.access.generation,
        document=data.query or "",
        operation_name=data.operation_name,
        variables=data.variables,
        accept_language=context.request.headers.get("accept-language", ""),
    )


async def execute_cached(
    cache: ResultCache,
    context: Context,
    data: GraphQLRequestData,
    execute: Callable[[], Awaitable[ExecutionResult]],
) -> ExecutionResult:
    """The cached result of a query when nothing it reads has been written since, else run."""
    if not data.query or not _is_query(data.query, data.operation_name):
        try:
            return await execute()
        finally:
            after_write()
    if not cache.enabled:
        return await execute()
    key = _key(context, data)
    try:
        revision = await tenant_revision(context.tenant.slug, context.tenant.path)
    except Exception:  # without a revision nothing can be trusted: run, and fail there
        log.debug("result cache: no revision", exc_info=True)
        return await execute()
    cached = cache.get(key, revision)
    if cached is not None:
        trace.get_current_span().set_attribute("hub.result_cache", "hit")
        return ExecutionResult(data=cached, errors=None)
    with watching() as marks:
        result = await execute()
    if marks.cacheable and not result.errors and result.data is not None:
        cache.put(key, revision, result.data)
    return result
