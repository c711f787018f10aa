"""``hub policy`` and ``hub users``."""

from __future__ import annotations

from pathlib import Path

import click

from hub.access.enforcer import AccessControl
from hub.access.inspection import (
    casbin_subject,
    explain,
    read_decision_table,
    run_decision_table,
)
from hub.access.policy_files import Rule, check_rule, diff, read_policy_dir
from hub.access.service import (
    add_rule,
    apply_rules,
    grant_role,
    grants_of,
    remove_rule,
    revoke_role,
    stored_rules,
    tenant_path,
)
from hub.cli.runner import cli_actor, run_with_db, settings
from hub.stakeholders import membership


async def _loaded_access() -> AccessControl:
    access = AccessControl(settings().policy_model)
    await access.load()
    return access


@click.group()
def policy() -> None:
    """Casbin policies: baseline files in policies/, rules in the database."""


@policy.command("list")
def policy_list() -> None:
    """Print the stored rules."""
    for rule in run_with_db(stored_rules):
        click.echo(str(rule))


@policy.command("export")
@click.option("--grants", is_flag=True, help="Include the role grants (g rules) too.")
def policy_export(grants: bool) -> None:
    """Print the stored permission rules in the format of policies/*.csv."""
    click.echo("# ptype, subject, domain, object, action, effect")
    for rule in run_with_db(stored_rules):
        if rule.ptype == "p" or grants:
            click.echo(str(rule))


def _rule(role: str, domain: str, obj: str, action: str, deny: bool) -> Rule:
    return check_rule(Rule("p", (role, domain, obj, action, "deny" if deny else "allow")), "rule")


@policy.command("add")
@click.argument("role")
@click.argument("domain")
@click.argument("obj", metavar="OBJECT")
@click.argument("action")
@click.option("--deny", is_flag=True, help="A deny rule, which wins over every allow.")
def policy_add(role: str, domain: str, obj: str, action: str, deny: bool) -> None:
    """Add a rule: ROLE may (or, with --deny, may not) ACTION OBJECT in DOMAIN.

    DOMAIN is a tenant slug, a tenant path or * (every tenant).
    """

    async def work() -> tuple[Rule, bool]:
        rule = _rule(role, await tenant_path(domain), obj, action, deny)
        return rule, await add_rule(rule, actor=cli_actor())

    rule, added = run_with_db(work)
    click.echo(f"added: {rule}" if added else f"already there: {rule}")


@policy.command("remove")
@click.argument("role")
@click.argument("domain")
@click.argument("obj", metavar="OBJECT")
@click.argument("action")
@click.option("--deny", is_flag=True, help="Remove the deny rule rather than the allow rule.")
def policy_remove(role: str, domain: str, obj: str, action: str, deny: bool) -> None:
    """Remove a rule added with ``hub policy add`` or a policy file."""

    async def work() -> tuple[Rule, bool]:
        rule = _rule(role, await tenant_path(domain), obj, action, deny)
        return rule, await remove_rule(rule, actor=cli_actor())

    rule, removed = run_with_db(work)
    if not removed:
        raise click.ClickException(f"no such rule: {rule}")
    click.echo(f"removed: {rule}")


@policy.command("diff")
@click.argument("directory", type=click.Path(path_type=Path))
def policy_diff(directory: Path) -> None:
    """Show how DIRECTORY's *.csv differ from the stored rules (exit 1 when they do)."""

    async def work() -> list[str]:
        return diff(await stored_rules(), read_policy_dir(directory)).lines()

    lines = run_with_db(work)
    for line in lines:
        click.echo(line)
    if lines:
        raise SystemExit(1)
    click.echo("policies are up to date")


@policy.command("apply")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
@click.option("--dry-run", is_flag=True, help="Show the changes and change nothing.")
def policy_apply(directory: Path, yes: bool, dry_run: bool) -> None:
    """Show how DIRECTORY's *.csv differ from the stored rules, then apply them."""

    async def work() -> None:
        desired = read_policy_dir(directory)
        change = diff(await stored_rules(), desired)
        if change.empty:
            click.echo("policies are up to date")
            return
        for line in change.lines():
            click.echo(line)
        if dry_run:
            click.echo("dry run: nothing applied")
            return
        if not yes and not click.confirm("Apply these changes?", default=False):
            raise click.ClickException("nothing applied")
        applied = await apply_rules(desired, actor=cli_actor())
        click.echo(f"{len(applied.added)} added, {len(applied.removed)} removed")

    run_with_db(work)


WHO = click.argument("who", metavar="USER")
TENANT = click.option("--tenant", "tenant_slug", required=True, help="Tenant slug.")


@policy.command("check")
@WHO
@click.argument("action")
@click.argument("obj", metavar="OBJECT")
@TENANT
def policy_check(who: str, action: str, obj: str, tenant_slug: str) -> None:
    """Is USER (an email, or role:NAME) allowed ACTION on OBJECT? Exit 0 if so, 1 if not."""

    async def work() -> bool:
        access = await _loaded_access()
        return access.enforce(casbin_subject(who), await tenant_path(tenant_slug), obj, action)

    allowed = run_with_db(work)
    click.echo("allowed" if allowed else "denied")
    raise SystemExit(0 if allowed else 1)


@policy.command("explain")
@WHO
@click.argument("action")
@click.argument("obj", metavar="OBJECT")
@TENANT
def policy_explain(who: str, action: str, obj: str, tenant_slug: str) -> None:
    """Which rule and which role decide whether USER may ACTION OBJECT."""

    async def work() -> list[str]:
        access = await _loaded_access()
        return explain(access, who, await tenant_path(tenant_slug), obj, action).lines()

    for line in run_with_db(work):
        click.echo(line)


@policy.command("test")
@click.argument("file", type=click.Path(path_type=Path))
def policy_test(file: Path) -> None:
    """Check a table of expected decisions (who, tenant, action, object, allow|deny).

    Exits 1 when any decision differs from the table.
    """

    async def work() -> list[str]:
        access = await _loaded_access()
        results = await run_decision_table(access, read_decision_table(file))
        failures = [r for r in results if not r.ok]
        lines = [
            f"MISMATCH {r.case.where}: {r.case.who} {r.case.action} {r.case.obj} in "
            f"{r.case.tenant}: expected {r.case.expected}, got {r.actual}"
            for r in failures
        ]
        lines.append(f"{len(results) - len(failures)} passed, {len(failures)} failed")
        return lines

    lines = run_with_db(work)
    for line in lines:
        click.echo(line)
    if not lines[-1].endswith(" 0 failed"):
        raise SystemExit(1)


@click.group()
def users() -> None:
    """People and their roles in tenants."""


@users.command("grant")
@click.argument("email")
@click.argument("role")
@click.option("--tenant", "tenant_slug", required=True, help="Tenant slug; reaches its subtree.")
@click.option("--name", default="", help="Display name for a new user.")
def users_grant(email: str, role: str, tenant_slug: str, name: str) -> None:
    """Give EMAIL (or org:ID, an organisation) the ROLE in a tenant.

    A user is created if needed; a role given to an organisation reaches its members.
    """

    async def work() -> bool:
        return await grant_role(email, role, tenant_slug, actor=cli_actor(), name=name)

    created = run_with_db(work)
    click.echo(f"granted {role} in {tenant_slug} to {email}" if created else "already granted")


@users.command("revoke")
@click.argument("email")
@click.argument("role")
@click.option("--tenant", "tenant_slug", required=True)
def users_revoke(email: str, role: str, tenant_slug: str) -> None:
    """Take ROLE in a tenant away from EMAIL."""

    async def work() -> bool:
        return await revoke_role(email, role, tenant_slug, actor=cli_actor())

    if not run_with_db(work):
        raise click.ClickException(f"{email} has no {role} grant in {tenant_slug}")
    click.echo(f"revoked {role} in {tenant_slug} from {email}")


@users.command("join")
@click.argument("email")
@click.argument("organisation_id")
@click.option(
    "--tenant",
    "tenant_slug",
    default=None,
    help="Where it holds (default: the organisation's tenant).",
)
def users_join(email: str, organisation_id: str, tenant_slug: str | None) -> None:
    """Make EMAIL a member of an organisation: grants and rules for org:ID reach them."""

    async def work() -> bool:
        return await membership.join(email, organisation_id, tenant_slug, actor=cli_actor())

    joined = run_with_db(work)
    click.echo(f"{email} belongs to org:{organisation_id}" if joined else "already a member")


@users.command("leave")
@click.argument("email")
@click.argument("organisation_id")
@click.option("--tenant", "tenant_slug", default=None)
def users_leave(email: str, organisation_id: str, tenant_slug: str | None) -> None:
    """End EMAIL's membership of an organisation."""

    async def work() -> bool:
        return await membership.leave(email, organisation_id, tenant_slug, actor=cli_actor())

    if not run_with_db(work):
        raise click.ClickException(f"{email} is not a member of org:{organisation_id} there")
    click.echo(f"{email} left org:{organisation_id}")


@users.command("list")
@click.option("--email", default=None, help="Only this user's grants.")
def users_list(email: str | None) -> None:
    """Print role grants: user, role, tenant path."""

    async def work() -> list[tuple[str, str, str]]:
        return await grants_of(email)

    for user, role, path in run_with_db(work):
        click.echo(f"{user}\t{role}\t{path}")
