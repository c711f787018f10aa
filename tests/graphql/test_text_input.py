"""Text holding a NUL character is refused before execution, wherever the request puts it."""

from __future__ import annotations

from typing import Any

from hub.graphql.text_input import nul_error

QUERY = "{ viewer { email } }"


def _nested(depth: int, inner: object) -> Any:
    value: Any = inner
    for _ in range(depth):
        value = [value]
    return value


def test_a_nul_anywhere_in_the_variables_is_refused() -> None:
    for variables in (
        {"s": "a\x00"},
        {"input": {"title": "ok", "tags": ["fine", "b\x00"]}},
        {"keyed": {"a\x00": 1}},
        {"deep": _nested(5_000, "c\x00")},
    ):
        error = nul_error(QUERY, variables)
        assert error is not None, variables
        assert error.extensions == {"code": "BAD_USER_INPUT"}


def test_a_nul_written_into_the_document_is_refused() -> None:
    assert nul_error('{ workStreams(filter: {search: "a\\u0000"}) { totalCount } }', None)
    assert nul_error('{ workStreams(filter: {search: "a\\\\u0000"}) { totalCount } }', None) is None


def test_other_text_passes() -> None:
    assert nul_error(QUERY, {"s": "Décent work \\u0000 ✓", "deep": _nested(5_000, "x")}) is None
    assert nul_error(None, None) is None
    assert nul_error("{ not parsed", {}) is None
