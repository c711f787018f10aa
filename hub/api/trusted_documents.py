"""GraphQL documents read from files, checked before they are registered.

A document is the whole text of one file (it may hold several operations and their
fragments). Its id is ``sha256:`` and the hex digest of its UTF-8 bytes, read without
newline translation, so that a front end hashing the same file gets the same id.
"""

from __future__ import annotations

from pathlib import Path

from graphql import (
    DocumentNode,
    GraphQLError,
    OperationDefinitionNode,
    parse,
    specified_rules,
    validate,
)

from hub.api.limits import LIMITS, LimitsRule
from hub.api.schema import schema
from hub.core.document_ids import DocumentFile, document_id
from hub.core.errors import BadUserInput


def _where(error: GraphQLError) -> str:
    locations = error.locations or []
    return f"line {locations[0].line}: " if locations else ""


def _problems(text: str) -> tuple[DocumentNode | None, list[str]]:
    try:
        document = parse(text, max_tokens=LIMITS.tokens)
    except GraphQLError as error:
        return None, [f"does not parse: {_where(error)}{error.message}"]
    # The limits are checked too: a document that the hub would refuse to run is no use
    # registered.
    errors = validate(schema._schema, document, [*specified_rules, LimitsRule])
    return document, [f"{_where(error)}{error.message}" for error in errors]


def check_document(text: str, source: str) -> DocumentFile | list[str]:
    """The checked document, or what is wrong with it (each line naming ``source``)."""
    document, problems = _problems(text)
    operations = [
        d
        for d in (document.definitions if document else ())
        if isinstance(d, OperationDefinitionNode)
    ]
    if document is not None and not operations:
        problems = ["holds no operation"]  # the other complaints would only follow from it
    if problems:
        return [f"{source}: {problem}" for problem in problems]
    names = [operation.name.value for operation in operations if operation.name]
    return DocumentFile(source=source, text=text, id=document_id(text), operation_names=names)


def read_documents(directory: Path) -> list[DocumentFile]:
    """Every ``*.graphql`` file of ``directory``, checked; all problems in one error."""
    if not directory.is_dir():
        raise BadUserInput(f"{directory} is not a directory")
    paths = sorted(directory.glob("*.graphql"))
    if not paths:
        raise BadUserInput(f"{directory} holds no *.graphql documents")
    documents: list[DocumentFile] = []
    problems: list[str] = []
    for path in paths:
        try:
            text = path.read_bytes().decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{path.name}: is not UTF-8 text")
            continue
        checked = check_document(text, path.name)
        if isinstance(checked, list):
            problems += checked
        else:
            documents.append(checked)
    if problems:
        raise BadUserInput(
            f"{len(problems)} problem(s) in {directory}, nothing registered:\n"
            + "\n".join(problems)
        )
    return documents
