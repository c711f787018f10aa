"""Which operation of a document a request runs."""

from __future__ import annotations

from graphql import OperationType

from hub.graphql.limits import LIMITS
from hub.graphql.operations import missing_operation_name, operations_of

TWO = "query A { viewer { email } } mutation B { __typename }"


def test_the_only_operation_runs_without_a_name() -> None:
    operations = operations_of("{ viewer { email } }")
    assert operations is not None
    assert operations.type_of(None) == OperationType.QUERY
    assert operations.type_of("A") is None


def test_of_several_the_named_one_runs_and_none_without_a_name() -> None:
    operations = operations_of(TWO)
    assert operations is not None
    assert operations.type_of("A") == OperationType.QUERY
    assert operations.type_of("B") == OperationType.MUTATION
    assert operations.type_of(None) is None
    assert missing_operation_name(TWO, None)
    assert not missing_operation_name(TWO, "B")


def test_a_document_that_does_not_parse_or_is_too_long_is_left_to_execution() -> None:
    assert operations_of("{ viewer { email }") is None
    assert operations_of("{ viewer { " + "email " * LIMITS.tokens + "} }") is None
    assert not missing_operation_name("{ viewer { email }", None)
    assert not missing_operation_name(None, None)
