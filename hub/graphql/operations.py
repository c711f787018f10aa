"""Which operation of a document a request runs, read once per distinct document.

Strawberry runs a document's first operation when a request names none, even when the
document holds several; the specification makes that a request error, since the client has
not said which one it meant."""

from __future__ import annotations

import functools
from dataclasses import dataclass

from graphql import GraphQLError, OperationDefinitionNode, OperationType, parse

from hub.graphql.limits import LIMITS

MISSING_NAME = "Must provide operation name if query contains multiple operations."


@dataclass(frozen=True)
class Operations:
    """The operations of a document that parsed, by name (``None`` for an anonymous one)."""

    by_name: dict[str | None, OperationType]
    count: int

    def type_of(self, name: str | None) -> OperationType | None:
        """The type of the operation a request names, or of the only one; ``None`` when
        there is no such operation, or several and no name."""
        if name is None and self.count != 1:
            return None
        if name is None:
            return next(iter(self.by_name.values()))
        return self.by_name.get(name)


@functools.lru_cache(maxsize=1024)
def operations_of(document: str) -> Operations | None:
    """The document's operations, or ``None`` when it does not parse or is over the token
    limit (execution answers either)."""
    try:
        parsed = parse(document, max_tokens=LIMITS.tokens)
    except GraphQLError:
        return None
    found = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    return Operations(
        by_name={(d.name.value if d.name else None): d.operation for d in found},
        count=len(found),
    )


def missing_operation_name(document: str | None, name: str | None) -> bool:
    """The document holds several operations and the request names none of them."""
    if document is None or name is not None:
        return False
    operations = operations_of(document)
    return operations is not None and operations.count > 1
