"""Managing access through the API: the same changes as the CLI, with limits on who may
make them, so that nobody can reach above their tenant or beyond their own rights."""

from __future__ import annotations

from hub.access import service
from hub.access.domains import ANY_DOMAIN, within
from hub.access.policy_files import Rule, check_rule
from hub.access.resources import Action, Resource, object_name
from hub.context import Context
from hub.errors import BadUserInput, Forbidden, HubError
from hub.tenancy.models import Tenant


async def _target(ctx: Context, tenant_slug: str | None) -> Tenant:
    """The tenant a change is about: the request's own, or one below it."""
    if tenant_slug is None or tenant_slug == ctx.tenant.slug:
        return ctx.tenant
    tenant = await Tenant.get_or_none(slug=tenant_slug)
    if tenant is None or not within(tenant.path, ctx.tenant.path):
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


async def grant(ctx: Context, email: str, role: str, tenant_slug: str | None) -> Tenant:
    """Give a role; raises Forbidden for anything beyond the caller's own reach."""
    tenant = await _target(ctx, tenant_slug)
    _require_manage(ctx, tenant.path)
    if email.strip().lower() == ctx.principal.email:
        raise Forbidden("You may not change your own roles.")
    if role not in ctx.decisions.roles_at(tenant.path):
        raise Forbidden(f"You may only grant roles you hold there; you do not hold '{role}'.")
    await service.grant_role(email, role, tenant.slug, actor=_actor(ctx))
    await _reload(ctx)
    return tenant


async def revoke(
    ctx: Context, email: str, role: str, tenant_slug: str | None
) -> tuple[Tenant, bool]:
    tenant = await _target(ctx, tenant_slug)
    _require_manage(ctx, tenant.path)
    if email.strip().lower() == ctx.principal.email:
        raise Forbidden("You may not change your own roles.")
    revoked = await service.revoke_role(email, role, tenant.slug, actor=_actor(ctx))
    await _reload(ctx)
    return tenant, revoked


async def _rule(
    ctx: Context, role: str, tenant_slug: str | None, obj: str, action: str, deny: bool
) -> Rule:
    if tenant_slug == ANY_DOMAIN:
        if ctx.tenant.parent_id is not None:
            raise Forbidden("Only the root tenant may make rules for every tenant.")
        domain, decided_in = ANY_DOMAIN, ctx.tenant.path
    else:
        domain = decided_in = (await _target(ctx, tenant_slug)).path
    _require_manage(ctx, decided_in)
    effect = "deny" if deny else "allow"
    try:
        rule = check_rule(Rule("p", (role, domain, obj, action, effect)), "rule")
    except HubError as error:
        raise BadUserInput(error.message.removeprefix("rule: ")) from error
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
    rule = await _rule(ctx, role, tenant_slug, obj, action, deny)
    removed = await service.remove_rule(rule, actor=_actor(ctx))
    await _reload(ctx)
    return rule, removed
