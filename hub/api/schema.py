"""The schema: each domain's queries and mutations merged into one."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    AddValidationRules,
    DisableIntrospection,
    MaxTokensLimiter,
    ParserCache,
    SchemaExtension,
    ValidationCache,
)
from strawberry.tools import merge_types
from strawberry.types import ExecutionContext

from hub.access.mutations import AccessMutation
from hub.access.queries import AccessQuery
from hub.advocacy.mutations import AdvocacyMutation, StatementMutation
from hub.advocacy.queries import AdvocacyQuery
from hub.api.cached_reads import CachedReads
from hub.api.compiled_reads import CompiledReads
from hub.api.isolation import TenantIsolation
from hub.api.limits import LIMITS, LimitsRule
from hub.api.live.stream import LiveExecutor
from hub.api.live.subscriptions import LiveSubscription
from hub.auth.queries import AuthQuery
from hub.consultations.mutations import ConsultationMutation
from hub.consultations.queries import ConsultationQuery
from hub.fund.mutations import FundMutation
from hub.fund.queries import FundQuery
from hub.fund.setup_mutations import FundSetupMutation
from hub.graphql import direct
from hub.graphql.errors import ErrorCodes
from hub.graphql.node import NodeQuery
from hub.i18n.queries import EnumLabelQuery
from hub.idempotency.extension import IdempotentMutations
from hub.initiatives.mutations import InitiativeMutation
from hub.initiatives.queries import InitiativeQuery
from hub.knowledge.mutations import KnowledgeMutation
from hub.knowledge.queries import KnowledgeQuery
from hub.observability.operation_metrics import OperationMetrics
from hub.observability.telemetry import OperationSpan
from hub.proposals.mutations import ProposalMutation
from hub.proposals.queries import ProposalQuery
from hub.reports.queries import ReportQuery
from hub.stakeholders.mutations import StakeholderChangeMutation, StakeholderMutation
from hub.stakeholders.queries import StakeholderQuery
from hub.themes.queries import ThemeQuery
from hub.workplan.mutations import WorkplanMutation
from hub.workplan.queries import WorkplanQuery


def _root(name: str, description: str, parts: tuple[type, ...]) -> type:
    merged = merge_types(name, parts)
    # merge_types takes no description; the definition it builds is ours to finish.
    merged.__strawberry_definition__.description = description  # type: ignore[attr-defined]
    return merged


Query = _root(
    "Query",
    "What you may read in the request's tenant and the tenants below it.",
    (
        AuthQuery,
        NodeQuery,
        ThemeQuery,
        EnumLabelQuery,
        WorkplanQuery,
        StakeholderQuery,
        ConsultationQuery,
        ProposalQuery,
        InitiativeQuery,
        KnowledgeQuery,
        FundQuery,
        AdvocacyQuery,
        ReportQuery,
        AccessQuery,
    ),
)
Mutation = _root(
    "Mutation",
    "Changes, each in one transaction: a refused or invalid one writes nothing.",
    (
        WorkplanMutation,
        StakeholderMutation,
        StakeholderChangeMutation,
        ConsultationMutation,
        ProposalMutation,
        InitiativeMutation,
        KnowledgeMutation,
        FundMutation,
        FundSetupMutation,
        AdvocacyMutation,
        StatementMutation,
        AccessMutation,
    ),
)


Subscription = _root(
    "Subscription",
    "Events as they happen, over the graphql-transport-ws protocol on the GraphQL endpoint.",
    (LiveSubscription,),
)


class HubSchema(strawberry.Schema):
    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        # ErrorCodes logs the unexpected errors with their request id; expected ones
        # (permissions, bad input) are answers, not incidents.
        return None


_SUGGESTION = re.compile(r"\s*Did you mean [^?]*\?")


class HideSuggestions(SchemaExtension):
    """In production, error messages do not suggest the names of fields and types."""

    def on_operation(self) -> Iterator[None]:
        yield
        for error in getattr(self.execution_context.result, "errors", None) or []:
            error.message = _SUGGESTION.sub("", error.message)


def build_schema(*, production: bool = False, **kwargs: Any) -> HubSchema:
    # Production answers no introspection and suggests no names (see the README).
    hardening: list[Any] = [DisableIntrospection, HideSuggestions] if production else []
    built = HubSchema(
        query=Query,
        mutation=Mutation,
        subscription=Subscription,
        execution_context_class=LiveExecutor,
        extensions=[
            OperationSpan,
            OperationMetrics,
            ErrorCodes,
            *hardening,
            CachedReads,
            TenantIsolation,
            CompiledReads,
            IdempotentMutations,
            lambda: MaxTokensLimiter(LIMITS.tokens),
            lambda: ParserCache(maxsize=256),
            lambda: AddValidationRules([LimitsRule]),
            lambda: ValidationCache(maxsize=256),
        ],
        **kwargs,
    )
    direct.install(built)
    return built


schema = build_schema()


@functools.cache
def production_schema() -> HubSchema:
    return build_schema(production=True)


def sdl() -> str:
    """The schema in SDL, as committed in schema/schema.graphql."""
    return schema.as_str() + "\n"
