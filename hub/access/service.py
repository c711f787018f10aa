"""Changes to the stored policies (baseline files, single rules, role grants), each one
written to the audit log in the same transaction."""

from __future__ import annotations

from pathlib import Path

from tortoise.transactions import in_transaction

from hub.access.adapter import TortoiseAdapter, load_rules
from hub.access.enforcer import ORGANISATION_SUBJECT
from hub.access.models import CasbinRule
from hub.access.policy_files import (
    DECLARATION,
    REACH,
    PolicyDiff,
    Rule,
    declared_roles,
    diff,
    read_policy_dir,
    rule_problems,
)
from hub.access.vocabulary import ROLE_NAME, Vocabulary, known_names, role_problem
from hub.audit.log import AuditRecord, append
from hub.auth.service import ensure_user, get_user
from hub.core.errors import BadUserInput, NotFound
from hub.core.validation import InvalidInput, Problem, raise_if_any
from hub.directory.models import find_organisation
from hub.tenancy.domains import ANY_DOMAIN
from hub.tenancy.models import Tenant

APPLIED = "applied"
# The input fields of a rule's values, named as the API names them.
PERMISSION_FIELDS = ("role", "tenant", "object", "action", "effect")
GRANT_FIELDS = ("email", "role", "tenant")


def _rule_domain(rule: Rule) -> str:
    if rule.ptype in (DECLARATION, REACH):
        return ANY_DOMAIN
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
    if slug_or_path == ANY_DOMAIN:
        return slug_or_path
    if slug_or_path.startswith("/"):
        paths = await known_tenant_paths()
        if slug_or_path not in paths:
            known = known_names(slug_or_path, paths, "tenant paths")
            raise NotFound(f"No tenant has the path '{slug_or_path}'; {known}")
        return slug_or_path
    return (await _tenant(slug_or_path)).path


async def known_roles() -> frozenset[str]:
    """Roles the stored policy declares, and (for policies stored before roles were
    declared) those its permission rules are for."""
    rows = await CasbinRule.filter(ptype__in=(DECLARATION, "p")).values_list("ptype", "v0")
    return frozenset(
        str(name)
        for ptype, name in rows
        if ptype == DECLARATION or ROLE_NAME.match(str(name)) is not None
    )


async def known_tenant_paths() -> frozenset[str]:
    return frozenset(str(p) for p in await Tenant.all().values_list("path", flat=True))


async def stored_vocabulary() -> Vocabulary:
    """The names a rule added to the stored policy may use."""
    return Vocabulary(roles=await known_roles(), tenant_paths=await known_tenant_paths())


async def _tenant(slug: str) -> Tenant:
    tenant = await Tenant.get_or_none(slug=slug)
    if tenant is None:
        slugs = await Tenant.all().values_list("slug", flat=True)
        known = known_names(slug, map(str, slugs), "tenants")
        raise NotFound(f"No tenant has the slug '{slug}'; {known}")
    return tenant


def permission(subject: str, domain: str, action: str, obj: str, effect: str) -> Rule:
    """A permission rule from its parts in the order commands take them."""
    return Rule("p", (subject, domain, obj, action, effect))


async def checked(rule: Rule, vocabulary: Vocabulary | None = None) -> Rule:
    """``rule`` when every name in it is known, else ``InvalidInput`` naming each one."""
    fields = PERMISSION_FIELDS if rule.ptype == "p" else GRANT_FIELDS
    problems = [
        Problem(field, "REQUIRED", f"{field} is required.")
        for field, value in zip(fields, rule.values, strict=True)
        if not value.strip()
    ]
    if not problems:
        problems = rule_problems(rule, vocabulary or await stored_vocabulary())
    raise_if_any(problems)
    return rule


async def is_stored(rule: Rule) -> bool:
    return await CasbinRule.filter(ptype=rule.ptype, **_fields(rule)).exists()


async def desired_rules(directory: Path) -> list[Rule]:
    """The policy files of ``directory``, checked against the database as well: each
    domain names a tenant, and no role that people hold loses its declaration."""
    rules = read_policy_dir(directory, await known_tenant_paths())
    declared = declared_roles(rules)
    held: dict[str, list[tuple[str, str]]] = {}
    for subject, role, domain in await CasbinRule.filter(ptype="g").values_list("v0", "v1", "v2"):
        if not str(role).startswith(ORGANISATION_SUBJECT) and str(role) not in declared:
            held.setdefault(str(role), []).append((str(subject), str(domain)))
    if held:
        roles = "; ".join(
            f"role '{role}' is held by {len(grants)} grant(s), e.g. {min(grants)[0]} in "
            f"{min(grants)[1]}"
            for role, grants in sorted(held.items())
        )
        raise BadUserInput(
            f"{directory}: {roles}, but no file declares it: keep `role, NAME` for it, or "
            "revoke those grants first (hub users revoke)"
        )
    return rules


async def grant_role(
    email: str, role: str, tenant_slug: str, *, actor: str, name: str = ""
) -> bool:
    """Give ``role`` in a tenant (and its subtree); creates the user if needed.

    Returns False when the grant already existed.
    """
    tenant = await _tenant(tenant_slug)
    problem = role_problem("role", role, Vocabulary(roles=await known_roles()))
    if problem is not None:
        raise BadUserInput(problem.message[0].upper() + problem.message[1:], field="role")
    async with in_transaction():
        if email.startswith(ORGANISATION_SUBJECT):
            subject = await _organisation_subject(email)
        else:
            subject = (await ensure_user(email, name=name, home_tenant=tenant)).email
        return await add_grant(Rule("g", (subject, role, tenant.path)), actor=actor)


async def revoke_role(email: str, role: str, tenant_slug: str, *, actor: str) -> bool:
    """Take a grant away; False when there was none, ``InvalidInput`` when the role is
    unknown too (a grant of a role no longer declared can still be revoked)."""
    tenant = await _tenant(tenant_slug)
    if email.startswith(ORGANISATION_SUBJECT):
        subject = await _organisation_subject(email)
    else:
        subject = (await get_user(email)).email
    if await remove_grant(Rule("g", (subject, role, tenant.path)), actor=actor):
        return True
    problem = role_problem("role", role, Vocabulary(roles=await known_roles()))
    if problem is not None:
        raise InvalidInput([problem])
    return False


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
