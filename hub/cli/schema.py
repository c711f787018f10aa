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


@schema.command("diff")
@click.argument("old", required=False, type=click.Path(path_type=Path))
@click.argument("new", required=False, type=click.Path(path_type=Path))
@click.option(
    "--against",
    metavar="REV",
    default=None,
    help="Compare schema/schema.graphql as committed at this git revision (OLD) with NEW, "
    "or with the schema the code builds now when NEW is left out.",
)
def schema_diff(old: Path | None, new: Path | None, against: str | None) -> None:
    """List the breaking and dangerous changes from OLD to NEW (SDL files).

    Exits 1 when a change is breaking, 0 otherwise, 2 when a schema cannot be read.
    """
    from hub.graphql import compatibility

    if against is not None:
        if new is not None:
            raise click.UsageError("with --against, give at most one file: NEW")
        new = old
    elif old is None or new is None:
        raise click.UsageError("give OLD and NEW, or --against REV")
    try:
        if against is not None:
            before = compatibility.read_sdl_at_revision(against)
        else:
            assert old is not None
            before = compatibility.read_sdl_file(old)
        if new is not None:
            after = compatibility.read_sdl_file(new)
        else:
            from hub.graphql.schema import sdl

            after = compatibility.load_sdl(sdl(), "the schema built from the code")
    except compatibility.SchemaSourceError as exc:
        click.echo(f"Error: {exc}", err=True)
        raise SystemExit(2) from exc

    changes = compatibility.compare(before, after)
    for change in changes:
        click.echo(f"{change.severity.upper():<9}  {change.kind}: {change.description}")
    breaking = sum(1 for c in changes if c.severity == "breaking")
    dangerous = len(changes) - breaking
    if not changes:
        click.echo("no breaking or dangerous changes")
    else:
        click.echo(f"{breaking} breaking, {dangerous} dangerous")
    if breaking:
        raise SystemExit(1)


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
