"""Text a request may send: PostgreSQL stores no NUL character (U+0000) in text, and refuses
a statement that carries one, so a request sending one is refused before it runs, whether
the text is in a variable or written into the document."""

from __future__ import annotations

import functools
from collections.abc import Mapping

from graphql import GraphQLError, StringValueNode, Visitor, parse, visit

from hub.errors import ErrorCode
from hub.graphql.limits import LIMITS

NUL = "\x00"
MESSAGE = "Text may not contain the NUL character (U+0000)."


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


@functools.lru_cache(maxsize=1024)
def _document_holds_nul(document: str) -> bool:
    try:
        parsed = parse(document, max_tokens=LIMITS.tokens)
    except GraphQLError:
        return False  # execution answers the syntax error
    found = False

    class _Strings(Visitor):
        def enter_string_value(self, node: StringValueNode, *_: object) -> None:
            nonlocal found
            found = found or NUL in node.value

    visit(parsed, _Strings())
    return found


def nul_error(document: str | None, variables: Mapping[str, object] | None) -> GraphQLError | None:
    """The error for a request sending a NUL character, else None."""
    if (variables and _holds_nul(dict(variables))) or (document and _document_holds_nul(document)):
        return GraphQLError(MESSAGE, extensions={"code": str(ErrorCode.BAD_USER_INPUT)})
    return None
