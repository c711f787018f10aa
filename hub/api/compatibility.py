"""What a new schema breaks for clients written against an old one.

graphql-core sorts the differences into breaking changes (an existing operation may stop
validating or change meaning: a field removed, an argument made required) and dangerous
ones (an operation still validates but may see something new: an enum value added, a
default changed).
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from graphql import (
    GraphQLError,
    GraphQLSchema,
    build_schema,
    find_breaking_changes,
    find_dangerous_changes,
)

from hub.core.config import PROJECT_ROOT

COMMITTED_SCHEMA = "schema/schema.graphql"


class SchemaSourceError(Exception):
    """An SDL source that cannot be read or does not describe a valid schema."""


@dataclass(frozen=True)
class Change:
    severity: str  # "breaking" or "dangerous"
    kind: str
    description: str


def load_sdl(text: str, origin: str) -> GraphQLSchema:
    try:
        return build_schema(text)
    except GraphQLError as exc:
        raise SchemaSourceError(f"{origin} is not a valid GraphQL schema: {exc.message}") from exc
    except (TypeError, ValueError) as exc:
        raise SchemaSourceError(f"{origin} is not a valid GraphQL schema: {exc}") from exc


def read_sdl_file(path: Path) -> GraphQLSchema:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        raise SchemaSourceError(f"cannot read {path}: {reason}") from exc
    return load_sdl(text, str(path))


def read_sdl_at_revision(revision: str, path: str = COMMITTED_SCHEMA) -> GraphQLSchema:
    """The schema as committed at a git revision of this checkout."""
    if revision.startswith("-"):
        # git would read it as an option.
        raise SchemaSourceError(f"{revision!r} is not a git revision")
    try:
        shown = subprocess.run(
            ["git", "show", f"{revision}:{path}"],
            cwd=PROJECT_ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise SchemaSourceError(f"cannot run git: {exc}") from exc
    if shown.returncode != 0:
        reason = shown.stderr.strip().splitlines()[-1] if shown.stderr.strip() else "unknown"
        raise SchemaSourceError(f"cannot read {path} at {revision}: {reason}")
    return load_sdl(shown.stdout, f"{path} at {revision}")


def compare(old: GraphQLSchema, new: GraphQLSchema) -> list[Change]:
    """Breaking changes first, then dangerous ones, each in graphql-core's order."""
    breaking = [
        Change("breaking", change.type.name, change.description)
        for change in find_breaking_changes(old, new)
    ]
    dangerous = [
        Change("dangerous", change.type.name, change.description)
        for change in find_dangerous_changes(old, new)
    ]
    return breaking + dangerous
