"""``hub schema``."""

from __future__ import annotations

from pathlib import Path

import click

from hub.cli.runner import run_with_db
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


@schema.group("operations")
def operations() -> None:
    """Trusted documents: the operations front ends may run when they are required."""


@operations.command("register")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--tenant", "tenant", default=None, help="Register for this tenant only.")
def operations_register(directory: Path, tenant: str | None) -> None:
    """Register every *.graphql document in DIRECTORY (all of them, or none)."""
    from hub.trusted.documents import read_documents
    from hub.trusted.service import register_documents

    async def work() -> list[str]:
        return (await register_documents(read_documents(directory), tenant)).lines()

    for line in run_with_db(work):
        click.echo(line)


@operations.command("list")
def operations_list() -> None:
    """Show the registered documents: id, tenant (or global), file, operations, when."""
    from hub.trusted.service import document_lines

    lines = run_with_db(document_lines)
    click.echo("\n".join(lines) if lines else "no documents registered yet")
