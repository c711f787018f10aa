"""``hub schema operations``: register and list, run as a separate process on the database."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.core.document_ids import document_id
from hub.trusted.models import TrustedDocument
from tests.trusted.support import (
    CREATE_WORK_STREAM_ID,
    WORK_STREAM_COUNT_ID,
    hub,
    write_documents,
)


async def test_register_is_idempotent_and_list_shows_what_is_registered(
    network: None, database_url: str, tmp_path: Path
) -> None:
    # given
    operations = str(write_documents(tmp_path))
    # when
    first = hub(database_url, "schema", "operations", "register", operations)
    again = hub(database_url, "schema", "operations", "register", operations)
    for_spain = hub(
        database_url, "schema", "operations", "register", operations, "--tenant", "spain"
    )
    listed = hub(database_url, "schema", "operations", "list")
    # then
    assert first.returncode == 0, first.stderr
    assert first.stdout.splitlines() == [
        f"registered {CREATE_WORK_STREAM_ID} create_work_stream.graphql (CreateWorkStream) "
        "for all tenants",
        f"registered {WORK_STREAM_COUNT_ID} work_stream_count.graphql (WorkStreamCount) "
        "for all tenants",
        "2 registered, 0 unchanged",
    ]
    assert again.stdout.strip() == "0 registered, 2 unchanged"
    assert for_spain.stdout.splitlines()[-1] == "2 registered, 0 unchanged"
    assert [line.split("  ")[:4] for line in listed.stdout.splitlines()] == [
        [CREATE_WORK_STREAM_ID, "global", "create_work_stream.graphql", "CreateWorkStream"],
        [WORK_STREAM_COUNT_ID, "global", "work_stream_count.graphql", "WorkStreamCount"],
        [CREATE_WORK_STREAM_ID, "spain", "create_work_stream.graphql", "CreateWorkStream"],
        [WORK_STREAM_COUNT_ID, "spain", "work_stream_count.graphql", "WorkStreamCount"],
    ]
    stored = await TrustedDocument.all()
    assert len(stored) == 4
    assert all(row.hash == document_id(row.text) for row in stored)


async def test_one_invalid_document_registers_none(
    network: None, database_url: str, tmp_path: Path
) -> None:
    # given
    operations = write_documents(tmp_path)
    (operations / "broken.graphql").write_text("query Broken { workStreams { nope } }\n")
    # when
    result = hub(database_url, "schema", "operations", "register", str(operations))
    # then
    assert result.returncode == 2
    assert "nothing registered" in result.stderr
    assert "broken.graphql: line 1: Cannot query field 'nope'" in result.stderr
    assert "Traceback" not in result.stderr
    assert await TrustedDocument.all().count() == 0


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--tenant", "atlantis"], "No tenant has the slug 'atlantis'."),
        (["--tenant", "spain", "--", "/no/such/folder"], "/no/such/folder is not a directory"),
    ],
)
async def test_a_bad_target_is_a_message_not_a_traceback(
    network: None, database_url: str, tmp_path: Path, arguments: list[str], message: str
) -> None:
    operations = str(write_documents(tmp_path))
    target = [operations] if "--" not in arguments else []
    result = hub(database_url, "schema", "operations", "register", *target, *arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert await TrustedDocument.all().count() == 0


async def test_list_says_when_nothing_is_registered(db: None, database_url: str) -> None:
    result = hub(database_url, "schema", "operations", "list")
    assert result.returncode == 0
    assert result.stdout.strip() == "no documents registered yet"
