"""``hub policy`` and ``hub users``.

Every command that names a rule or asks a question takes its arguments in the order of the
decision tables (``policies/decisions/*.csv``): who, tenant, action, object.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import TypeVar

import click

from hub.access.enforcer import AccessControl
from hub.access.inspection import (
    DecisionResult,
    Explanation,
    Question,
    decide,
    explain,
    known_for,
    question,
    read_decision_table,
    run_decision_table,
)
from hub.access.policy_files import DECLARATION, PolicyDiff, Rule, diff
from hub.access.service import (
    add_rule,
    apply_rules,
    checked,
    desired_rules,
    grant_role,
    grants_of,
    is_stored,
    permission,
    remove_rule,
    revoke_role,
    stored_rules,
    tenant_path,
)
from hub.cli.runner import (
    BadInput,
    Negative,
    cli_actor,
    echo_json,
    json_option,
    run_with_db,
    settings,
)
from hub.core.validation import InvalidInput
from hub.directory.models import find_organisation
from hub.stakeholders import membership

T = TypeVar("T")
# Declarations first, as in the files: the rules after them may name those roles.
KIND_ORDER = {DECLARATION: 0, "p": 1, "g": 2}


def _run(work: Callable[[], Awaitable[T]]) -> T:
    """``run_with_db``, with the problems of invalid input as one message (exit 2)."""

    async def checked_work() -> T:
        try:
            return await work()
        except InvalidInput as error:
            raise BadInput("\n".join(p.message for p in error.problems)) from error

    return run_with_db(checked_work)


async def _loaded_access() -> AccessControl:
    access = AccessControl(settings().policy_model)
    await access.load()
    return access


def _in_file_order(rules: list[Rule]) -> list[Rule]:
    return sorted(rules, key=lambda rule: (KIND_ORDER.get(rule.ptype, 3), rule))


def _echo_rules(rules: list[Rule], as_json: bool, header: str | None = None) -> None:
    if as_json:
        echo_json({"rules": [rule.record() for rule in rules]})
        return
    if header is not None:
        click.echo(header)
    for rule in rules:
        click.echo(str(rule))


@click.group()
def policy() -> None:
    """Casbin policies: baseline files in policies/, rules in the database."""


@policy.command("list")
@json_option
def policy_list(as_json: bool) -> None:
    """Print the stored rules, grants and role declarations."""
    _echo_rules(_in_file_order(_run(stored_rules)), as_json)


@policy.command("export")
@click.option("--grants", is_flag=True, help="Include the role grants (g rules) too.")
@json_option
def policy_export(grants: bool, as_json: bool) -> None:
    """Print the stored role declarations and permission rules in the format of
    policies/*.csv."""
    rules = [rule for rule in _run(stored_rules) if rule.ptype != "g" or grants]
    _echo_rules(_in_file_order(rules), as_json, "# ptype, subject, domain, object, action, effect")


ROLE = click.argument("role")
TENANT = click.argument("tenant")
ACTION = click.argument("action")
OBJECT = click.argument("obj", metavar="OBJECT")
DENY = click.option("--deny", is_flag=True, help="A deny rule, which wins over every allow.")


async def _checked_rule(role: str, tenant: str, action: str, obj: str, deny: bool) -> Rule:
    return await checked(
        permission(role, await tenant_path(tenant), action, obj, "deny" if deny else "allow")
    )


@policy.command("add")
@ROLE
@TENANT
@ACTION
@OBJECT
@DENY
def policy_add(role: str, tenant: str, action: str, obj: str, deny: bool) -> None:
    """Add a rule: ROLE may (or, with --deny, may not) ACTION OBJECT in TENANT.

    TENANT is a tenant slug, a tenant path or * (every tenant). ROLE is a declared role,
    an email or org:ID; OBJECT a resource, resource:classification, resource:ID or
    role:NAME (with the action grant).
    """

    async def work() -> tuple[Rule, bool]:
        rule = await _checked_rule(role, tenant, action, obj, deny)
        return rule, await add_rule(rule, actor=cli_actor())

    rule, added = _run(work)
    click.echo(f"added: {rule}" if added else f"already there: {rule}")


@policy.command("remove")
@ROLE
@TENANT
@ACTION
@OBJECT
@click.option("--deny", is_flag=True, help="Remove the deny rule rather than the allow rule.")
def policy_remove(role: str, tenant: str, action: str, obj: str, deny: bool) -> None:
    """Remove a rule added with ``hub policy add`` or a policy file (exit 1 if none)."""

    async def work() -> tuple[Rule, bool]:
        effect = "deny" if deny else "allow"
        rule = permission(role, await tenant_path(tenant), action, obj, effect)
        # A stored rule goes whatever it names: it may predate the checks on names.
        if not await is_stored(rule):
            await checked(rule)
        return rule, await remove_rule(rule, actor=cli_actor())

    rule, removed = _run(work)
    if not removed:
        raise Negative(f"no such rule: {rule}")
    click.echo(f"removed: {rule}")


def _diff_record(change: PolicyDiff) -> dict[str, object]:
    return {
        "added": [rule.record() for rule in change.added],
        "removed": [rule.record() for rule in change.removed],
    }


@policy.command("diff")
@click.argument("directory", type=click.Path(path_type=Path))
@json_option
def policy_diff(directory: Path, as_json: bool) -> None:
    """Show how DIRECTORY's *.csv differ from the stored rules (exit 1 when they do)."""

    async def work() -> PolicyDiff:
        return diff(await stored_rules(), await desired_rules(directory))

    change = _run(work)
    if as_json:
        echo_json(_diff_record(change))
    else:
        for line in change.lines():
            click.echo(line)
        if change.empty:
            click.echo("policies are up to date")
    if not change.empty:
        raise Negative(f"the stored policy differs from {directory}")


@policy.command("apply")
@click.argument("directory", type=click.Path(path_type=Path))
@click.option("--yes", "-y", is_flag=True, help="Apply without asking.")
@click.option("--dry-run", is_flag=True, help="Show the changes and change nothing.")
def policy_apply(directory: Path, yes: bool, dry_run: bool) -> None:
    """Show how DIRECTORY's *.csv differ from the stored rules, then apply them."""

    async def work() -> None:
        desired = await desired_rules(directory)
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
            raise Negative("nothing applied")
        applied = await apply_rules(desired, actor=cli_actor())
        click.echo(f"{len(applied.added)} added, {len(applied.removed)} removed")

    _run(work)


WHO = click.argument("who", metavar="USER")
FROM = click.option(
    "--from",
    "record_tenant",
    metavar="TENANT",
    default=None,
    help="The tenant the record lives in, when it is not TENANT: may it reach TENANT?",
)
Command = TypeVar("Command", bound=Callable[..., None])


def asks_about_a_decision(command: Command) -> Command:
    """USER TENANT ACTION OBJECT, --from and --json: the question that ``check`` answers
    with a decision and ``explain`` with its reasons, asked the same way to both."""
    return WHO(TENANT(ACTION(OBJECT(FROM(json_option(command))))))


async def _question(
    who: str, tenant: str, action: str, obj: str, record_tenant: str | None = None
) -> Question:
    return question(who, tenant, action, obj, await known_for([who]), record_tenant)


def _decided(asked: Question, allowed: bool) -> None:
    if not allowed:
        where = f" of {asked.record_path}" if asked.record_path else ""
        raise Negative(
            f"{asked.who} may not {asked.action} {asked.obj}{where} in {asked.tenant_path}"
        )


@policy.command("check")
@asks_about_a_decision
def policy_check(
    who: str, tenant: str, action: str, obj: str, record_tenant: str | None, as_json: bool
) -> None:
    """May USER (an email, role:NAME or org:ID) ACTION OBJECT in TENANT (a slug or path)?

    Prints allowed (exit 0) or denied (exit 1); anything unknown in the question is an
    error (exit 2), never a denial.
    """

    async def work() -> tuple[Question, bool]:
        asked = await _question(who, tenant, action, obj, record_tenant)
        return asked, decide(await _loaded_access(), asked)

    asked, allowed = _run(work)
    if as_json:
        echo_json(
            {**asked.record(), "allowed": allowed, "decision": "allow" if allowed else "deny"}
        )
    else:
        click.echo("allowed" if allowed else "denied")
    _decided(asked, allowed)


@policy.command("explain")
@asks_about_a_decision
def policy_explain(
    who: str, tenant: str, action: str, obj: str, record_tenant: str | None, as_json: bool
) -> None:
    """Which rule and which role decide whether USER may ACTION OBJECT in TENANT, and for
    a record of another tenant (--from), which reach rule lets it travel there.

    Exits like ``check``: 0 allowed, 1 denied, 2 for an unknown name.
    """

    async def work() -> tuple[Question, Explanation]:
        asked = await _question(who, tenant, action, obj, record_tenant)
        access = await _loaded_access()
        return asked, explain(
            access, who, asked.tenant_path, asked.obj, asked.action, asked.record_path
        )

    asked, why = _run(work)
    if as_json:
        echo_json({**asked.record(), **why.record()})
    else:
        for line in why.lines():
            click.echo(line)
    _decided(asked, why.allowed)


@policy.command("test")
@click.argument("file", type=click.Path(path_type=Path))
@json_option
def policy_test(file: Path, as_json: bool) -> None:
    """Check a table of expected decisions (who, tenant, action, object, allow|deny).

    Exits 1 when any decision differs from the table, 2 when a row names something unknown.
    """

    async def work() -> list[DecisionResult]:
        access = await _loaded_access()
        return await run_decision_table(access, read_decision_table(file))

    results = _run(work)
    failures = [r for r in results if not r.ok]
    passed = len(results) - len(failures)
    if as_json:
        echo_json(
            {
                "passed": passed,
                "failed": len(failures),
                "mismatches": [r.record() for r in failures],
            }
        )
    else:
        for r in failures:
            click.echo(
                f"MISMATCH {r.case.where}: {r.case.who} {r.case.tenant} {r.case.action} "
                f"{r.case.obj}: expected {r.case.expected}, got {r.actual}"
            )
        click.echo(f"{passed} passed, {len(failures)} failed")
    if failures:
        raise Negative(f"{len(failures)} of {len(results)} decisions differ from {file}")


@click.group()
def users() -> None:
    """People and their roles in tenants."""


@users.command("grant")
@click.argument("email")
@ROLE
@click.option("--tenant", "tenant_slug", required=True, help="Tenant slug; reaches its subtree.")
@click.option("--name", default="", help="Display name for a new user.")
def users_grant(email: str, role: str, tenant_slug: str, name: str) -> None:
    """Give EMAIL (or org:ID, an organisation) the ROLE in a tenant.

    A user is created if needed; a role given to an organisation reaches its members.
    """

    async def work() -> bool:
        return await grant_role(email, role, tenant_slug, actor=cli_actor(), name=name)

    created = _run(work)
    click.echo(f"granted {role} in {tenant_slug} to {email}" if created else "already granted")


@users.command("revoke")
@click.argument("email")
@ROLE
@click.option("--tenant", "tenant_slug", required=True)
def users_revoke(email: str, role: str, tenant_slug: str) -> None:
    """Take ROLE in a tenant away from EMAIL (exit 1 if it had no such grant)."""

    async def work() -> bool:
        return await revoke_role(email, role, tenant_slug, actor=cli_actor())

    if not _run(work):
        raise Negative(f"{email} has no {role} grant in {tenant_slug}")
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
    """Make EMAIL a member of an organisation: grants and rules for org:ID reach them.
    ORGANISATION_ID is its UUID or the API's global id."""

    async def work() -> tuple[bool, str]:
        joined = await membership.join(email, organisation_id, tenant_slug, actor=cli_actor())
        return joined, str((await find_organisation(organisation_id)).id)

    joined, uid = _run(work)
    click.echo(f"{email} belongs to org:{uid}" if joined else "already a member")


@users.command("leave")
@click.argument("email")
@click.argument("organisation_id")
@click.option("--tenant", "tenant_slug", default=None)
def users_leave(email: str, organisation_id: str, tenant_slug: str | None) -> None:
    """End EMAIL's membership of an organisation (exit 1 if it was no member there)."""

    async def work() -> bool:
        return await membership.leave(email, organisation_id, tenant_slug, actor=cli_actor())

    if not _run(work):
        raise Negative(f"{email} is not a member of org:{organisation_id} there")
    click.echo(f"{email} left org:{organisation_id}")


@users.command("list")
@click.option("--email", default=None, help="Only this user's grants.")
@json_option
def users_list(email: str | None, as_json: bool) -> None:
    """Print role grants: user, role, tenant path."""

    async def work() -> list[tuple[str, str, str]]:
        return await grants_of(email)

    grants = _run(work)
    if as_json:
        echo_json({"grants": [{"user": u, "role": r, "tenant": path} for u, r, path in grants]})
        return
    for user, role, path in grants:
        click.echo(f"{user}\t{role}\t{path}")
