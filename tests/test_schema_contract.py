from __future__ import annotations

from pathlib import Path

from hub.api.schema import sdl


def test_committed_schema_is_current(project_root: Path) -> None:
    committed = (project_root / "schema" / "schema.graphql").read_text(encoding="utf-8")
    assert committed == sdl(), (
        "schema/schema.graphql is stale: run `.venv/bin/hub schema export` and commit it"
    )


def test_permissions_are_described_not_printed_as_directives() -> None:
    text = sdl()
    assert "directive @" not in text
    assert "Requires permission `read` on `work_stream`." in text
