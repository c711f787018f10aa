"""``hub export``: what a user may read of one resource, as CSV, XLSX or JSON."""

from __future__ import annotations

import sys
import uuid
from pathlib import Path
from typing import BinaryIO

import click
from starlette.requests import Request

from hub.access.enforcer import AccessControl
from hub.access.middleware import request_tenant
from hub.auth.service import principal_of
from hub.cli.runner import run_with_db, settings
from hub.core.context import Context
from hub.exports.export import Export, stream
from hub.exports.tables import RESOURCES
from hub.exports.writers import Format


@click.command()
@click.argument("resource", type=click.Choice(RESOURCES))
@click.option("--tenant", required=True, help="The tenant to export from (its slug).")
@click.option(
    "--as",
    "email",
    required=True,
    help="The user whose access the export follows: it holds what they may read, no more.",
)
@click.option(
    "--format",
    "format_name",
    type=click.Choice([f.value for f in Format]),
    default=Format.CSV.value,
    show_default=True,
)
@click.option(
    "--scope",
    type=click.Choice(["subtree", "network"]),
    default="subtree",
    show_default=True,
    help="network: also what reaches the tenant from elsewhere.",
)
@click.option("--only", "only", default=None, help="Only the records of this tenant (a slug).")
@click.option(
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    help="Write here rather than to standard output.",
)
def export(
    resource: str,
    tenant: str,
    email: str,
    format_name: str,
    scope: str,
    only: str | None,
    output: Path | None,
) -> None:
    """Export RESOURCE as USER may read it in TENANT, streamed: a large export takes the
    memory of one batch of rows."""
    asked = Export.of(resource, format_name, network=scope == "network", tenant_slug=only)
    if output is None and asked.format is Format.XLSX and sys.stdout.isatty():
        raise click.UsageError("An XLSX export goes to a file: give --output.")

    async def work() -> None:
        access = AccessControl(settings().policy_model)
        await access.load()
        principal = await principal_of(email)
        found, decisions = await request_tenant(principal, access, tenant, None)
        ctx = Context(
            request=Request({"type": "http", "method": "GET", "path": "/", "headers": []}),
            settings=settings(),
            principal=principal,
            tenant=found,
            decisions=decisions,
            request_id=f"cli-{uuid.uuid4().hex[:16]}",
        )
        chunks = await stream(ctx, asked)
        target: BinaryIO
        with output.open("wb") if output else _stdout() as target:
            async for chunk in chunks:
                target.write(chunk)
                target.flush()

    run_with_db(work)


def _stdout() -> BinaryIO:
    # Closing the export's target must not close the process's standard output.
    return open(sys.stdout.fileno(), "wb", closefd=False)
