"""What a request's document holds, read once per distinct document, and the request errors
found from it before execution.

- Strawberry runs a document's first operation when a request names none, even when the
  document holds several; the specification makes that a request error, since the client
  has not said which one it meant.
- A page size (``first``) sent in a variable is held to the limit that the validation rule
  (hub.api.limits) applies to one written into the document.
- A search text (a list's ``search`` argument or the ``search`` of its filter) is at most
  ``MAX_SEARCH_LENGTH`` characters, written into the document or sent in a variable: a
  longer pattern only costs the database (SQLite refuses one of ~50,000 characters as too
  complex) and never helps anyone find a record.
- PostgreSQL stores no NUL character (U+0000) in text and refuses a statement carrying one:
  a request sending one, in a variable or written into the document, is refused.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass

from graphql import (
    ArgumentNode,
    GraphQLError,
    ObjectFieldNode,
    OperationDefinitionNode,
    OperationType,
    StringValueNode,
    VariableNode,
    Visitor,
    parse,
    visit,
)

from hub.api.limits import LIMITS, limit_error
from hub.core.errors import ErrorCode

MISSING_NAME = "Must provide operation name if query contains multiple operations."
NUL = "\x00"
NUL_MESSAGE = "Text may not contain the NUL character (U+0000)."
MAX_SEARCH_LENGTH = 200
SEARCH = "search"


@dataclass(frozen=True)
class Document:
    """A document that parsed: its operations by name (``None`` for an anonymous one)."""

    operations: dict[str | None, OperationType]
    count: int
    # The variables it passes as ``first``.
    page_size_variables: frozenset[str]
    # Whether a string written into it holds a NUL character.
    holds_nul: bool
    # The longest search text written into it, and the variables it passes as one.
    longest_search: int = 0
    search_variables: frozenset[str] = frozenset()

    def type_of(self, name: str | None) -> OperationType | None:
        """The type of the operation a request names, or of the only one; ``None`` when
        there is no such operation, or several and no name."""
        if name is None and self.count != 1:
            return None
        if name is None:
            return next(iter(self.operations.values()))
        return self.operations.get(name)


class _Reader(Visitor):
    def __init__(self) -> None:
        super().__init__()
        self.page_size_variables: set[str] = set()
        self.holds_nul = False
        self.longest_search = 0
        self.search_variables: set[str] = set()

    def enter_argument(self, node: ArgumentNode, *_: object) -> None:
        if node.name.value == "first" and isinstance(node.value, VariableNode):
            self.page_size_variables.add(node.value.name.value)
        self._search(node)

    def enter_object_field(self, node: ObjectFieldNode, *_: object) -> None:
        self._search(node)

    def _search(self, node: ArgumentNode | ObjectFieldNode) -> None:
        if node.name.value != SEARCH:
            return
        if isinstance(node.value, StringValueNode):
            self.longest_search = max(self.longest_search, len(node.value.value))
        elif isinstance(node.value, VariableNode):
            self.search_variables.add(node.value.name.value)

    def enter_string_value(self, node: StringValueNode, *_: object) -> None:
        self.holds_nul = self.holds_nul or NUL in node.value


@functools.lru_cache(maxsize=1024)
def document_of(text: str) -> Document | None:
    """The document, or ``None`` when it does not parse or is over the token limit
    (execution answers either)."""
    try:
        parsed = parse(text, max_tokens=LIMITS.tokens)
    except GraphQLError:
        return None
    found = [d for d in parsed.definitions if isinstance(d, OperationDefinitionNode)]
    reader = _Reader()
    visit(parsed, reader)
    return Document(
        operations={(d.name.value if d.name else None): d.operation for d in found},
        count=len(found),
        page_size_variables=frozenset(reader.page_size_variables),
        holds_nul=reader.holds_nul,
        longest_search=reader.longest_search,
        search_variables=frozenset(reader.search_variables),
    )


def _holds_nul(value: object) -> bool:
    # Iterative: variables may nest as deep as the JSON decoder allows.
    pending = [value]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            if NUL in item:
                return True
        elif isinstance(item, dict):
            pending.extend(item.keys())
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return False


def _longest_search(document: Document, variables: Mapping[str, object]) -> int:
    """The longest search text the variables send: one passed as a search text, or the
    ``search`` member of an input object (a list's filter) sent whole."""
    longest = 0
    pending: list[object] = []
    for name, value in variables.items():
        if name in document.search_variables and isinstance(value, str):
            longest = max(longest, len(value))
        pending.append(value)
    # Iterative, like _holds_nul.
    while pending:
        item = pending.pop()
        if isinstance(item, dict):
            found = item.get(SEARCH)
            if isinstance(found, str):
                longest = max(longest, len(found))
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return longest


def search_error(length: int) -> GraphQLError:
    return GraphQLError(
        f"A search text is at most {MAX_SEARCH_LENGTH} characters ({length} given).",
        extensions={"code": str(ErrorCode.BAD_USER_INPUT)},
    )


def request_error(
    text: str | None, operation_name: str | None, variables: Mapping[str, object] | None
) -> GraphQLError | None:
    """The request error a request makes before anything runs, else None."""
    document = document_of(text) if text else None
    if document is None:
        return None
    if operation_name is None and document.count > 1:
        return GraphQLError(MISSING_NAME, extensions={"code": str(ErrorCode.BAD_USER_INPUT)})
    for name in document.page_size_variables:
        value = (variables or {}).get(name)
        if isinstance(value, int) and not isinstance(value, bool) and value > LIMITS.first:
            return limit_error("first", LIMITS.first, value)
    if document.holds_nul or (variables and _holds_nul(dict(variables))):
        return GraphQLError(NUL_MESSAGE, extensions={"code": str(ErrorCode.BAD_USER_INPUT)})
    longest = max(document.longest_search, _longest_search(document, variables or {}))
    if longest > MAX_SEARCH_LENGTH:
        return search_error(longest)
    return None
