"""``hub schema``."""

from __future__ import annotations

from pathlib import Path

import click

from hub.cli.runner import (
    BadInput,
    Negative,
    cli_actor,
    echo_json,
    echo_listing,
    echo_report,
    json_option,
    run_with_db,
)
from hub.core.config import PROJECT_ROOT


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
    from hub.api.schema import sdl

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
@json_option
def schema_diff(old: Path | None, new: Path | None, against: str | None, as_json: bool) -> None:
    """List the breaking and dangerous changes from OLD to NEW (SDL files).

    Exits 1 when a change is breaking, 0 otherwise, 2 when a schema cannot be read.
    """
    from hub.api import compatibility

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
            from hub.api.schema import sdl

            after = compatibility.load_sdl(sdl(), "the schema built from the code")
    except compatibility.SchemaSourceError as exc:
        raise BadInput(str(exc)) from exc

    changes = compatibility.compare(before, after)
    breaking = sum(1 for c in changes if c.severity == "breaking")
    dangerous = len(changes) - breaking
    if as_json:
        echo_json(
            {
                "changes": [
                    {"severity": c.severity, "kind": c.kind, "description": c.description}
                    for c in changes
                ],
                "breaking": breaking,
                "dangerous": dangerous,
            }
        )
    else:
        for change in changes:
            click.echo(f"{change.severity.upper():<9}  {change.kind}: {change.description}")
        if not changes:
            click.echo("no breaking or dangerous changes")
        else:
            click.echo(f"{breaking} breaking, {dangerous} dangerous")
    if breaking:
        raise Negative(f"{breaking} breaking change(s)")


@schema.group("operations")
def operations() -> None:
    """Trusted documents: the operations front ends may run when they are required."""


@operations.command("register")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--tenant", "tenant", default=None, help="Register for this tenant only.")
@json_option
def operations_register(directory: Path, tenant: str | None, as_json: bool) -> None:
    """Register every *.graphql document in DIRECTORY (all of them, or none).

    One invalid document registers none (exit 2, every problem listed). Each document
    registered is written to the audit log.
    """
    from hub.api.trusted_documents import read_documents
    from hub.trusted.service import RegisterReport, register_documents

    actor = cli_actor()

    async def work() -> RegisterReport:
        return await register_documents(read_documents(directory), tenant, actor=actor)

    echo_report(run_with_db(work), as_json)


@operations.command("list")
@json_option
def operations_list(as_json: bool) -> None:
    """Show the registered documents: id, tenant (or global), file, operations, when."""
    from hub.trusted.service import document_lines, document_records

    echo_listing(document_records, document_lines, as_json, "no documents registered yet")
