"""``hub audit``."""

from __future__ import annotations

import click

from hub.access.audit import Verification, verify
from hub.access.audit_service import entries_within
from hub.access.models import AuditEntry
from hub.access.service import tenant_path
from hub.cli.runner import run_with_db


@click.group()
def audit() -> None:
    """The append-only audit log of policy changes and confidential reads."""


@audit.command("list")
@click.option("--tenant", "tenant_slug", default="global", show_default=True)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--action", default=None, help="Only this action, e.g. role.grant.")
def audit_list(tenant_slug: str, limit: int, action: str | None) -> None:
    """Print the newest entries about a tenant and the tenants below it."""

    async def work() -> list[AuditEntry]:
        queryset = entries_within(await tenant_path(tenant_slug))
        if action:
            queryset = queryset.filter(action=action)
        return list(await queryset.order_by("-at", "-id").limit(limit))

    for row in run_with_db(work):
        request = f"\trequest {row.request_id}" if row.request_id else ""
        click.echo(
            f"{row.at.isoformat(timespec='seconds')}\t{row.actor}\t{row.action}\t"
            f"{row.tenant_path}\t{row.decision}\t{row.object}{request}"
        )


@audit.command("verify")
def audit_verify() -> None:
    """Recompute the hash chain; exit 1 at the first entry that was changed or removed."""
    result: Verification = run_with_db(verify)
    if not result.ok:
        raise click.ClickException(
            f"the chain breaks at entry {result.broken_at}: {result.reason} "
            f"({result.checked} entries before it are intact)"
        )
    click.echo(f"audit log intact: {result.checked} entries")
