"""Changes to the stored policies (baseline files, single rules, role grants), each one
written to the audit log in the same transaction."""

from __future__ import annotations

from tortoise.transactions import in_transaction

from hub.access.adapter import TortoiseAdapter, load_rules
from hub.access.audit import AuditRecord, append
from hub.access.domains import ANY_DOMAIN
from hub.access.enforcer import ORGANISATION_SUBJECT
from hub.access.models import CasbinRule
from hub.access.policy_files import PolicyDiff, Rule, diff
from hub.auth.service import ensure_user, get_user
from hub.errors import BadUserInput, NotFound
from hub.stakeholders.models import find_organisation
from hub.tenancy.models import Tenant

APPLIED = "applied"


def _rule_domain(rule: Rule) -> str:
    return rule.values[1] if rule.ptype == "p" else rule.values[2]


def _audit(actor: str, action: str, rule: Rule) -> AuditRecord:
    return AuditRecord(actor, _rule_domain(rule), action, str(rule), APPLIED)


async def stored_rules() -> list[Rule]:
    return sorted(await load_rules())


async def apply_rules(desired: list[Rule], *, actor: str) -> PolicyDiff:
    """Bring the stored rules in line with ``desired`` in one transaction."""
    adapter = TortoiseAdapter()
    async with in_transaction():
        change = diff(await stored_rules(), desired)
        for rule in change.removed:
            await adapter.remove_policy(rule.ptype, rule.ptype, rule.values)
        for rule in change.added:
            await adapter.add_policy(rule.ptype, rule.ptype, rule.values)
        await append(
            [_audit(actor, "policy.remove", r) for r in change.removed]
            + [_audit(actor, "policy.add", r) for r in change.added]
        )
    return change


async def add_rule(rule: Rule, *, actor: str) -> bool:
    """Store one rule; False when it was there already."""
    async with in_transaction():
        if await CasbinRule.filter(ptype=rule.ptype, **_fields(rule)).exists():
            return False
        await TortoiseAdapter().add_policy(rule.ptype, rule.ptype, rule.values)
        await append([_audit(actor, "policy.add", rule)])
    return True


async def remove_rule(rule: Rule, *, actor: str) -> bool:
    """Delete one rule; False when there was no such rule."""
    async with in_transaction():
        if not await TortoiseAdapter().remove_policy(rule.ptype, rule.ptype, rule.values):
            return False
        await append([_audit(actor, "policy.remove", rule)])
    return True


def _fields(rule: Rule) -> dict[str, str]:
    return {f"v{i}": value for i, value in enumerate(rule.values)}


async def tenant_path(slug_or_path: str) -> str:
    """A Casbin domain from what an administrator typed: ``*``, a path or a tenant slug."""
    if slug_or_path == ANY_DOMAIN or slug_or_path.startswith("/"):
        return slug_or_path
    return (await _tenant(slug_or_path)).path


async def known_roles() -> set[str]:
    """Roles that some permission rule names."""
    rows = await CasbinRule.filter(ptype="p").values_list("v0", flat=True)
    return {str(v) for v in rows if "@" not in str(v)}


async def _tenant(slug: str) -> Tenant:
    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        raise NotFound(f"No tenant has the slug '{slug}'.")
    return tenant


async def grant_role(
    email: str, role: str, tenant_slug: str, *, actor: str, name: str = ""
) -> bool:
    """Give ``role`` in a tenant (and its subtree); creates the user if needed.

    Returns False when the grant already existed.
    """
    tenant = await _tenant(tenant_slug)
    roles = await known_roles()
    if role not in roles:
        raise BadUserInput(f"Unknown role '{role}'; known roles: {', '.join(sorted(roles))}.")
    async with in_transaction():
        if email.startswith(ORGANISATION_SUBJECT):
            subject = await _organisation_subject(email)
        else:
            subject = (await ensure_user(email, name=name, home_tenant=tenant)).email
        return await add_grant(Rule("g", (subject, role, tenant.path)), actor=actor)


async def revoke_role(email: str, role: str, tenant_slug: str, *, actor: str) -> bool:
    tenant = await _tenant(tenant_slug)
    if email.startswith(ORGANISATION_SUBJECT):
        subject = await _organisation_subject(email)
    else:
        subject = (await get_user(email)).email
    return await remove_grant(Rule("g", (subject, role, tenant.path)), actor=actor)


async def _organisation_subject(subject: str) -> str:
    organisation = await find_organisation(subject.removeprefix(ORGANISATION_SUBJECT))
    return f"{ORGANISATION_SUBJECT}{organisation.id}"


async def add_grant(rule: Rule, *, actor: str) -> bool:
    """Store a g rule (a role, or membership of an organisation) and audit it."""
    subject, role, domain = rule.values
    async with in_transaction():
        _, created = await CasbinRule.get_or_create(ptype="g", v0=subject, v1=role, v2=domain)
        if created:
            await append([_audit(actor, "role.grant", rule)])
    return created


async def remove_grant(rule: Rule, *, actor: str) -> bool:
    subject, role, domain = rule.values
    async with in_transaction():
        deleted = await CasbinRule.filter(ptype="g", v0=subject, v1=role, v2=domain).delete()
        if deleted:
            await append([_audit(actor, "role.revoke", rule)])
    return deleted > 0


async def grants_of(email: str | None = None) -> list[tuple[str, str, str]]:
    """(user, role, tenant path) for every grant, or those of one user."""
    query = CasbinRule.filter(ptype="g")
    if email is not None:
        query = query.filter(v0=(await get_user(email)).email)
    return sorted((r.v0, r.v1, r.v2) for r in await query)
