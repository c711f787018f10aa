"""Managing access through the API: the same changes as the CLI, with limits on who may
make them, so that nobody can reach above their tenant or beyond their own rights."""

from __future__ import annotations

from tortoise.expressions import Q

from hub.access import service
from hub.access.policy_files import Rule
from hub.access.resources import Action, Resource, object_name
from hub.access.vocabulary import UNKNOWN, Vocabulary, role_problem, unknown
from hub.core.context import Context
from hub.core.errors import Forbidden
from hub.core.validation import InvalidInput, Problem
from hub.tenancy.domains import ANY_DOMAIN, within
from hub.tenancy.models import Tenant


async def _target(ctx: Context, tenant_slug: str | None) -> Tenant:
    """The tenant a change is about: the request's own, or one below it."""
    if tenant_slug is None or tenant_slug == ctx.tenant.slug:
        return ctx.tenant
    tenant = await Tenant.get_or_none(slug=tenant_slug)
    if tenant is None:
        # Only the slugs the caller could have meant: those of its own subtree.
        here = ctx.tenant.path
        slugs = await Tenant.filter(Q(path=here) | Q(path__startswith=here + "/")).values_list(
            "slug", flat=True
        )
        raise InvalidInput(
            [Problem("tenant", UNKNOWN, unknown("tenant", tenant_slug, map(str, slugs)))]
        )
    if not within(tenant.path, ctx.tenant.path):
        raise Forbidden(
            f"'{tenant_slug}' is not this tenant or one below it: manage access from a tenant "
            "that contains it."
        )
    return tenant


def _require_manage(ctx: Context, domain: str) -> None:
    if not ctx.decisions.allows(object_name(Resource.POLICY), Action.MANAGE_POLICY, domain):
        raise Forbidden(f"You may not manage access in {domain}.")


def _actor(ctx: Context) -> str:
    return ctx.principal.email


async def _reload(ctx: Context) -> None:
    # Other processes hear of the change through the watcher; this one answers the
    # caller's next request with it at once.
    await ctx.decisions.access.load()


async def _check_role(role: str) -> None:
    problem = role_problem("role", role, Vocabulary(roles=await service.known_roles()))
    if problem is not None:
        raise InvalidInput([problem])


async def grant(ctx: Context, email: str, role: str, tenant_slug: str | None) -> Tenant:
    """Give a role; raises Forbidden for anything beyond the caller's own reach.

    The policy says which roles a caller may grant (``role:NAME`` with the action
    ``grant``), so a tenant administrator delegates roles it does not hold itself.
    """
    tenant = await _target(ctx, tenant_slug)
    await _check_role(role)
    _require_manage(ctx, tenant.path)
    if email.strip().lower() == ctx.principal.email:
        raise Forbidden("You may not change your own roles.")
    if not ctx.decisions.allows(object_name(Resource.ROLE, role), Action.GRANT, tenant.path):
        raise Forbidden(
            f"The policy does not let you grant '{role}' in {tenant.path}: you may grant the "
            "roles a rule on role:NAME with the action grant gives you there."
        )
    await service.grant_role(email, role, tenant.slug, actor=_actor(ctx))
    await _reload(ctx)
    return tenant


async def revoke(
    ctx: Context, email: str, role: str, tenant_slug: str | None
) -> tuple[Tenant, bool]:
    """Take a role away: like a deny rule, possible for any role within reach."""
    tenant = await _target(ctx, tenant_slug)
    _require_manage(ctx, tenant.path)
    if email.strip().lower() == ctx.principal.email:
        raise Forbidden("You may not change your own roles.")
    revoked = await service.revoke_role(email, role, tenant.slug, actor=_actor(ctx))
    await _reload(ctx)
    return tenant, revoked


async def _rule(
    ctx: Context,
    role: str,
    tenant_slug: str | None,
    obj: str,
    action: str,
    deny: bool,
    *,
    stored_may_pass: bool = False,
) -> Rule:
    """The rule asked for, with every name checked (unless ``stored_may_pass`` and it is
    stored, so that a rule stored before names were checked can still be removed)."""
    if tenant_slug == ANY_DOMAIN:
        if ctx.tenant.parent_id is not None:
            raise Forbidden("Only the root tenant may make rules for every tenant.")
        domain, decided_in = ANY_DOMAIN, ctx.tenant.path
    else:
        domain = decided_in = (await _target(ctx, tenant_slug)).path
    rule = service.permission(role, domain, action, obj, "deny" if deny else "allow")
    if not (stored_may_pass and await service.is_stored(rule)):
        # The domain is a path already resolved from a slug: only the names are checked.
        await service.checked(rule, Vocabulary(roles=await service.known_roles()))
    _require_manage(ctx, decided_in)
    if not deny and not ctx.decisions.allows(obj, action, decided_in):
        raise Forbidden("You may only allow what you may do yourself there.")
    return rule


async def add_rule(
    ctx: Context, role: str, tenant_slug: str | None, obj: str, action: str, deny: bool
) -> tuple[Rule, bool]:
    rule = await _rule(ctx, role, tenant_slug, obj, action, deny)
    added = await service.add_rule(rule, actor=_actor(ctx))
    await _reload(ctx)
    return rule, added


async def remove_rule(
    ctx: Context, role: str, tenant_slug: str | None, obj: str, action: str, deny: bool
) -> tuple[Rule, bool]:
    rule = await _rule(ctx, role, tenant_slug, obj, action, deny, stored_may_pass=True)
    removed = await service.remove_rule(rule, actor=_actor(ctx))
    await _reload(ctx)
    return rule, removed
