"""``hub policy`` and ``hub users``."""

from __future__ import annotations

from pathlib import Path

import click

from hub.access.policy_files import diff, read_policy_dir
from hub.access.service import apply_rules, grant_role, grants_of, revoke_role, stored_rules
from hub.cli.runner import run_with_db


@click.group()
def policy() -> None:
    """Casbin policies: baseline files in policies/, rules in the database."""


@policy.command("list")
def policy_list() -> None:
    """Print the stored rules."""
    for rule in run_with_db(stored_rules):
        click.echo(str(rule))


@policy.command("apply")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
def policy_apply(directory: Path, yes: bool) -> None:
    """Show how DIRECTORY's *.csv differ from the stored rules, then apply them."""

    async def work() -> None:
        desired = read_policy_dir(directory)
        change = diff(await stored_rules(), desired)
        if change.empty:
            click.echo("policies are up to date")
            return
        for line in change.lines():
            click.echo(line)
        if not yes and not click.confirm("Apply these changes?", default=False):
            raise click.ClickException("nothing applied")
        applied = await apply_rules(desired)
        click.echo(f"{len(applied.added)} added, {len(applied.removed)} removed")

    run_with_db(work)


@click.group()
def users() -> None:
    """People and their roles in tenants."""


@users.command("grant")
@click.argument("email")
@click.argument("role")
@click.option("--tenant", "tenant_slug", required=True, help="Tenant slug; reaches its subtree.")
@click.option("--name", default="", help="Display name for a new user.")
def users_grant(email: str, role: str, tenant_slug: str, name: str) -> None:
    """Give EMAIL the ROLE in a tenant (the user is created if needed)."""

    async def work() -> bool:
        return await grant_role(email, role, tenant_slug, name=name)

    created = run_with_db(work)
    click.echo(f"granted {role} in {tenant_slug} to {email}" if created else "already granted")


@users.command("revoke")
@click.argument("email")
@click.argument("role")
@click.option("--tenant", "tenant_slug", required=True)
def users_revoke(email: str, role: str, tenant_slug: str) -> None:
    """Take ROLE in a tenant away from EMAIL."""

    async def work() -> bool:
        return await revoke_role(email, role, tenant_slug)

    if not run_with_db(work):
        raise click.ClickException(f"{email} has no {role} grant in {tenant_slug}")
    click.echo(f"revoked {role} in {tenant_slug} from {email}")


@users.command("list")
@click.option("--email", default=None, help="Only this user's grants.")
def users_list(email: str | None) -> None:
    """Print role grants: user, role, tenant path."""

    async def work() -> list[tuple[str, str, str]]:
        return await grants_of(email)

    for user, role, path in run_with_db(work):
        click.echo(f"{user}\t{role}\t{path}")
