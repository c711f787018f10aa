"""``hub schema``."""

from __future__ import annotations

from pathlib import Path

import click

from hub.config import PROJECT_ROOT


@click.group()
def schema() -> None:
    """The GraphQL schema as a contract for front-end teams."""


@schema.command("export")
@click.option(
    "--output",
    type=click.Path(path_type=Path),
    default=PROJECT_ROOT / "schema" / "schema.graphql",
    show_default=True,
)
def schema_export(output: Path) -> None:
    """Write the schema in SDL."""
    from hub.graphql.schema import sdl

    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_text(sdl(), encoding="utf-8")
    click.echo(f"wrote {output}")
