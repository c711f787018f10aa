"""What a document holds, and the request errors found from it before execution."""

from __future__ import annotations

from typing import Any

from graphql import OperationType

from hub.api.documents import MISSING_NAME, NUL_MESSAGE, document_of, request_error
from hub.api.limits import LIMITS

TWO = "query A { viewer { email } } mutation B { __typename }"


def test_the_only_operation_runs_without_a_name() -> None:
    operations = document_of("{ viewer { email } }")
    assert operations is not None
    assert operations.type_of(None) == OperationType.QUERY
    assert operations.type_of("A") is None


def test_of_several_the_named_one_runs_and_none_without_a_name() -> None:
    operations = document_of(TWO)
    assert operations is not None
    assert operations.type_of("A") == OperationType.QUERY
    assert operations.type_of("B") == OperationType.MUTATION
    assert operations.type_of(None) is None
    missing = request_error(TWO, None, None)
    assert missing is not None
    assert missing.message == MISSING_NAME
    assert request_error(TWO, "B", None) is None


def test_a_document_that_does_not_parse_or_is_too_long_is_left_to_execution() -> None:
    assert document_of("{ viewer { email }") is None
    assert document_of("{ viewer { " + "email " * LIMITS.tokens + "} }") is None
    assert request_error("{ viewer { email }", None, None) is None
    assert request_error(None, None, None) is None


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
        error = request_error(QUERY, None, variables)
        assert error is not None, variables
        assert error.extensions == {"code": "BAD_USER_INPUT"}
        assert error.message == NUL_MESSAGE


def test_a_nul_written_into_the_document_is_refused() -> None:
    assert request_error('{ workStreams(filter: {search: "a\\u0000"}) { totalCount } }', None, None)
    assert (
        request_error('{ workStreams(filter: {search: "a\\\\u0000"}) { totalCount } }', None, None)
        is None
    )


def test_other_text_passes() -> None:
    assert (
        request_error(QUERY, None, {"s": "Décent work \\u0000 ✓", "deep": _nested(5_000, "x")})
        is None
    )
    assert request_error(None, None, None) is None
    assert request_error("{ not parsed", None, {}) is None
