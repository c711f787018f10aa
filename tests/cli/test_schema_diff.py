"""``hub schema diff``, run as a front-end team or CI runs it: a separate process."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hub.core.config import PROJECT_ROOT

OLD = """
type Query {
  workStreams(first: Int): [WorkStream!]!
  theme: Theme
}

type WorkStream {
  title: String!
  summary: String
}

enum Theme { GENDER CLIMATE_CHANGE }
"""

# summary removed and a required argument added (breaking); an enum value added (dangerous).
NEW = """
type Query {
  workStreams(first: Int, tenant: String!): [WorkStream!]!
  theme: Theme
}

type WorkStream {
  title: String!
}

enum Theme { GENDER CLIMATE_CHANGE HEALTH }
"""

# Only additions, with the old field deprecated rather than removed.
COMPATIBLE = """
type Query {
  workStreams(first: Int): [WorkStream!]!
  theme: Theme
}

type WorkStream {
  title: String!
  summary: String @deprecated(reason: "Use description.")
  description: String
}

enum Theme { GENDER CLIMATE_CHANGE }
"""


def hub(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "hub", "schema", "diff", *args],
        env={**os.environ, "HUB_SECRET_KEY": "x" * 32},
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def sdl_file(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_breaking_and_dangerous_changes_are_listed_and_fail(tmp_path: Path) -> None:
    # given
    old, new = sdl_file(tmp_path, "old.graphql", OLD), sdl_file(tmp_path, "new.graphql", NEW)

    # when
    result = hub(old, new)

    # then
    assert result.returncode == 1, result.stderr
    assert result.stdout.splitlines() == [
        "BREAKING   REQUIRED_ARG_ADDED: A required argument Query.workStreams(tenant:) was added.",
        "BREAKING   FIELD_REMOVED: Field WorkStream.summary was removed.",
        "DANGEROUS  VALUE_ADDED_TO_ENUM: Enum value Theme.HEALTH was added.",
        "2 breaking, 1 dangerous",
    ]


def test_deprecating_instead_of_removing_passes(tmp_path: Path) -> None:
    old = sdl_file(tmp_path, "old.graphql", OLD)
    new = sdl_file(tmp_path, "new.graphql", COMPATIBLE)

    result = hub(old, new)

    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == ["no breaking or dangerous changes"]


def test_only_dangerous_changes_pass_but_are_shown(tmp_path: Path) -> None:
    new = NEW.replace("tenant: String!", "tenant: String").replace(
        "title: String!", "title: String!\n  summary: String"
    )
    old, new_file = sdl_file(tmp_path, "old.graphql", OLD), sdl_file(tmp_path, "new.graphql", new)

    result = hub(old, new_file)

    assert result.returncode == 0, result.stderr
    assert "DANGEROUS  VALUE_ADDED_TO_ENUM: Enum value Theme.HEALTH was added." in result.stdout
    assert "BREAKING" not in result.stdout


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (None, "cannot read"),
        ("type Query {", "is not a valid GraphQL schema: Syntax Error"),
        ("type Query { a: Nope }", "is not a valid GraphQL schema: Unknown type 'Nope'."),
        ("\udcff", "cannot read"),
    ],
    ids=["missing", "syntax", "unknown-type", "not-utf8"],
)
def test_an_unreadable_schema_is_a_clear_error(
    tmp_path: Path, text: str | None, message: str
) -> None:
    broken = tmp_path / "broken.graphql"
    if text is not None:
        broken.write_bytes(text.encode("utf-8", "surrogateescape"))

    result = hub(str(broken), sdl_file(tmp_path, "old.graphql", OLD))

    assert result.returncode == 2
    assert result.stderr.startswith("Error: ")
    assert message in result.stderr
    assert "Traceback" not in result.stderr


def test_a_git_revision_as_the_old_schema(tmp_path: Path) -> None:
    # given the schema committed at HEAD, once as it is and once with a nullable `viewer`
    committed = subprocess.run(
        ["git", "show", "HEAD:schema/schema.graphql"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    same = sdl_file(tmp_path, "same.graphql", committed)
    nullable_viewer = sdl_file(
        tmp_path,
        "nullable.graphql",
        committed.replace("  viewer: Viewer!\n", "  viewer: Viewer\n", 1),
    )

    # when
    unchanged = hub("--against", "HEAD", same)
    changed = hub("--against", "HEAD", nullable_viewer)

    # then
    assert unchanged.returncode == 0, unchanged.stderr
    assert unchanged.stdout.splitlines() == ["no breaking or dangerous changes"]
    assert changed.returncode == 1, changed.stderr
    assert (
        "BREAKING   FIELD_CHANGED_KIND: Field Query.viewer changed type from Viewer! to Viewer."
        in (changed.stdout)
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--against", "no-such-revision"],
            "cannot read schema/schema.graphql at no-such-revision",
        ),
        (["--against", "--help"], "is not a git revision"),
        ([], "give OLD and NEW, or --against REV"),
    ],
)
def test_a_bad_revision_or_missing_argument_is_a_clear_error(args: list[str], message: str) -> None:
    result = hub(*args)

    assert result.returncode == 2
    assert message in result.stderr
    assert "Traceback" not in result.stderr
