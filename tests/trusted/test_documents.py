"""Reading and checking documents before they are registered."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hub.api.trusted_documents import check_document, read_documents
from hub.core.document_ids import DocumentFile
from hub.core.errors import BadUserInput

SEVERAL = """
query Streams { workStreams(first: 5) { ...Count } }
query Viewer { viewer { email } }
fragment Count on WorkStreamConnection { totalCount }
"""
ALIASED = "{ " + " ".join(f"a{n}: viewer {{ email }}" for n in range(31)) + " }"


def test_a_file_holds_several_operations_and_their_fragments() -> None:
    checked = check_document(SEVERAL, "pages.graphql")
    assert isinstance(checked, DocumentFile)
    assert checked.operation_names == ["Streams", "Viewer"]
    assert checked.id == "sha256:" + hashlib.sha256(SEVERAL.encode()).hexdigest()


def test_an_anonymous_operation_has_no_name() -> None:
    checked = check_document("{ viewer { email } }", "anonymous.graphql")
    assert isinstance(checked, DocumentFile)
    assert checked.operation_names == []


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("fragment F on Query { viewer { email } }", "holds no operation"),
        ("query { ", "does not parse: line 1: Syntax Error"),
        ("query A { viewer { email } } query A { viewer { email } }", "only one operation named"),
        ("{ workStreams { nope } }", "line 1: Cannot query field 'nope'"),
    ],
)
def test_a_document_that_would_not_run_is_refused(text: str, problem: str) -> None:
    checked = check_document(text, "bad.graphql")
    assert isinstance(checked, list)
    assert checked
    assert all(line.startswith("bad.graphql: ") for line in checked)
    assert problem in " ".join(checked)


def test_the_hub_limits_apply_at_registration() -> None:
    checked = check_document(ALIASED, "aliased.graphql")
    assert checked == ["aliased.graphql: The request exceeds the aliases limit of 30 (31 found)."]


def test_the_id_is_the_hash_of_the_file_bytes_with_their_line_endings(tmp_path: Path) -> None:
    raw = b"query Viewer {\r\n  viewer { email }\r\n}\r\n"
    (tmp_path / "viewer.graphql").write_bytes(raw)
    [document] = read_documents(tmp_path)
    assert document.id == "sha256:" + hashlib.sha256(raw).hexdigest()
    assert document.text.encode() == raw


def test_every_problem_of_a_folder_is_reported_at_once(tmp_path: Path) -> None:
    (tmp_path / "a.graphql").write_text("query { ")
    (tmp_path / "b.graphql").write_bytes(b"query \xff")
    (tmp_path / "c.graphql").write_text("{ viewer { email } }")
    with pytest.raises(BadUserInput) as raised:
        read_documents(tmp_path)
    assert raised.value.message.splitlines()[1:] == [
        "a.graphql: does not parse: line 1: Syntax Error: Expected Name, found <EOF>.",
        "b.graphql: is not UTF-8 text",
    ]


def test_a_folder_without_documents_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadUserInput, match="holds no"):
        read_documents(tmp_path)


def test_the_front_end_operations_register(project_root: Path) -> None:
    documents = read_documents(project_root / "schema" / "operations")
    assert {document.source for document in documents} == {
        path.name for path in (project_root / "schema" / "operations").glob("*.graphql")
    }
    assert all(document.operation_names for document in documents)
