"""``hub tenants``."""

from __future__ import annotations

from pathlib import Path

import click

from hub.cli.runner import (
    cli_actor,
    echo_listing,
    echo_report,
    json_option,
    run_with_db,
    settings,
)
from hub.tenancy.manifests import MANIFEST_KEYS, ApplyReport, apply_manifests, read_manifests
from hub.tenancy.service import tree_lines, tree_records

# \b keeps click from rewrapping the list.
_KEYS_HELP = "\b\nManifest keys (one TOML file per tenant):\n" + "\n".join(
    f"  {key:<18} {meaning}" for key, meaning in MANIFEST_KEYS.items()
)


@click.group()
def tenants() -> None:
    """Tenants of the network, declared in tenants/*.toml."""


@tenants.command("apply", epilog=_KEYS_HELP)
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--dry-run", is_flag=True, help="Show what would change and change nothing.")
@json_option
def tenants_apply(directory: Path, dry_run: bool, as_json: bool) -> None:
    """Create or update tenants to match the manifests in DIRECTORY.

    Moving a tenant to another parent is refused. Every problem of every manifest is
    reported (exit 2) and then nothing is applied. Each creation and change is written
    to the audit log. A tenant that another hub owns (its manifest's `hub`, or its
    parent's) is left to that hub (HUB_FEDERATION_NAME names this one).
    """
    actor = cli_actor()
    this_hub = settings().federation_name

    async def work() -> ApplyReport:
        manifests = read_manifests(directory)
        return await apply_manifests(manifests, actor=actor, dry_run=dry_run, this_hub=this_hub)

    echo_report(run_with_db(work), as_json)


@tenants.command("list")
@json_option
def tenants_list(as_json: bool) -> None:
    """Show the tenant tree."""
    echo_listing(
        tree_records, tree_lines, as_json, "no tenants yet: run `hub tenants apply tenants/`"
    )
