"""Limits that keep a hostile document from being executed at all.

Depth, aliases and cost are validation rules: they run once per document and their
verdict is cached with the rest of validation, so a document that passed is not weighed
again. Cost counts every field once, times the page sizes of the lists above it (`first`,
or the default page size; a variable counts as the largest page). Tokens are counted by
the parser, which stops reading at the limit. A page size (`first`) over the largest page is
refused by the rule when written into the document, and before execution when sent in a
variable (``hub.api.documents``). Each refusal is a `LIMIT_EXCEEDED` error
naming the limit and its value, before anything is executed. A socket holds so many
subscriptions at once; one more is refused with the same error (see ``hub.api.live.protocol``).
"""

from __future__ import annotations

from dataclasses import dataclass

from graphql import (
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    InlineFragmentNode,
    IntValueNode,
    OperationDefinitionNode,
    SelectionSetNode,
    ValidationContext,
    ValidationRule,
    VariableNode,
)

from hub.core.errors import ErrorCode
from hub.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE


@dataclass(frozen=True)
class Limits:
    depth: int = 12
    aliases: int = 30
    tokens: int = 5_000
    # Two nested lists of 100 with a few fields each fit; a third level of lists does not.
    cost: int = 100_000
    body_bytes: int = 100_000
    # Each subscription holds a queue and checks the caller's rights for every event.
    subscriptions_per_socket: int = 25
    # Operations of one batch run one after another, each counted as a request.
    operations_per_batch: int = 10
    # The largest page a list returns (hub.core.pagination checks it again as it reads).
    first: int = MAX_PAGE_SIZE


LIMITS = Limits()


def limit_error(name: str, value: int, found: int | None = None) -> GraphQLError:
    detail = f" ({found} found)" if found is not None else ""
    return GraphQLError(
        f"The request exceeds the {name} limit of {value}{detail}.",
        extensions={"code": str(ErrorCode.LIMIT_EXCEEDED), "limit": name, "value": value},
    )


def _page_size(field: FieldNode) -> int:
    for argument in field.arguments or ():
        if argument.name.value != "first":
            continue
        if isinstance(argument.value, IntValueNode):
            return max(int(argument.value.value), 1)
        if isinstance(argument.value, VariableNode):
            return MAX_PAGE_SIZE
    return DEFAULT_PAGE_SIZE if _is_connection(field) else 1


def _is_connection(field: FieldNode) -> bool:
    selections = field.selection_set.selections if field.selection_set else ()
    names = {s.name.value for s in selections if isinstance(s, FieldNode)}
    return "edges" in names or "totalCount" in names


class _Walker:
    def __init__(self, context: ValidationContext) -> None:
        self.fragments = {
            d.name.value: d
            for d in context.document.definitions
            if isinstance(d, FragmentDefinitionNode)
        }

    def fields(
        self, selection_set: SelectionSetNode | None, seen: frozenset[str]
    ) -> list[tuple[FieldNode, frozenset[str]]]:
        """The fields of a selection set, fragments expanded (each once per path)."""
        found: list[tuple[FieldNode, frozenset[str]]] = []
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                found.append((selection, seen))
            elif isinstance(selection, InlineFragmentNode):
                found += self.fields(selection.selection_set, seen)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    found += self.fields(fragment.selection_set, seen | {name})
        return found

    def depth(self, selection_set: SelectionSetNode | None, seen: frozenset[str]) -> int:
        deepest = 0
        for field, path in self.fields(selection_set, seen):
            if field.name.value.startswith("__"):
                continue  # introspection is bounded by the schema itself
            deepest = max(deepest, 1 + self.depth(field.selection_set, path))
        return deepest

    def aliases(self, selection_set: SelectionSetNode | None, seen: frozenset[str]) -> int:
        return sum(
            (1 if field.alias else 0) + self.aliases(field.selection_set, path)
            for field, path in self.fields(selection_set, seen)
        )

    def largest_page(self, selection_set: SelectionSetNode | None, seen: frozenset[str]) -> int:
        """The largest page asked for; a ``first`` sent in a variable counts as the largest
        allowed here and is checked with the variables (hub.api.documents)."""
        largest = 0
        for field, path in self.fields(selection_set, seen):
            largest = max(largest, _page_size(field), self.largest_page(field.selection_set, path))
        return largest

    def cost(self, selection_set: SelectionSetNode | None, seen: frozenset[str], times: int) -> int:
        total = 0
        for field, path in self.fields(selection_set, seen):
            if field.name.value.startswith("__"):
                continue
            total += times + self.cost(field.selection_set, path, times * _page_size(field))
        return total


def _operations(context: ValidationContext) -> list[OperationDefinitionNode]:
    return [d for d in context.document.definitions if isinstance(d, OperationDefinitionNode)]


class LimitsRule(ValidationRule):
    """Depth, aliases and cost of every operation in the document."""

    def __init__(self, context: ValidationContext) -> None:
        super().__init__(context)
        walker = _Walker(context)
        for operation in _operations(context):
            empty: frozenset[str] = frozenset()
            checks = (
                ("depth", LIMITS.depth, walker.depth(operation.selection_set, empty)),
                ("aliases", LIMITS.aliases, walker.aliases(operation.selection_set, empty)),
                ("cost", LIMITS.cost, walker.cost(operation.selection_set, empty, 1)),
                ("first", LIMITS.first, walker.largest_page(operation.selection_set, empty)),
            )
            for name, limit, found in checks:
                if found > limit:
                    context.report_error(limit_error(name, limit, found))
                    return


TOKENS_MESSAGE = "Document contains more than"


def is_token_limit(message: str) -> bool:
    """graphql-core's own message when the parser stops at the token limit."""
    return TOKENS_MESSAGE in message
