"""``hub tenants``."""

from __future__ import annotations

from pathlib import Path

import click

from hub.cli.runner import run_with_db
from hub.tenancy.manifests import apply_manifests, read_manifests
from hub.tenancy.service import tree_lines


@click.group()
def tenants() -> None:
    """Tenants of the network, declared in tenants/*.toml."""


@tenants.command("apply")
@click.argument("directory", type=click.Path(path_type=Path))
def tenants_apply(directory: Path) -> None:
    """Create or update tenants to match the manifests in DIRECTORY."""

    async def work() -> list[str]:
        return (await apply_manifests(read_manifests(directory))).lines()

    for line in run_with_db(work):
        click.echo(line)


@tenants.command("list")
def tenants_list() -> None:
    """Show the tenant tree."""
    lines = run_with_db(tree_lines)
    click.echo("\n".join(lines) if lines else "no tenants yet: run `hub tenants apply tenants/`")
