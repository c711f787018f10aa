"""Looking tenants up and showing the tree."""

from __future__ import annotations

from uuid import UUID

from hub.auth.principal import Principal
from hub.errors import Forbidden, NotFound
from hub.results.directory import Lookups
from hub.tenancy.models import Tenant

# Shared by the requests of this process while no tenant changes (see hub.results.directory);
# requests only read them.
_by_slug: Lookups[str, Tenant | None] = Lookups()
_by_id: Lookups[UUID, Tenant | None] = Lookups()


async def resolve_request_tenant(principal: Principal, requested: str | None) -> Tenant:
    """The tenant a request acts in: the header's, the token's, else the caller's home.

    Membership is checked by the caller of this function, with the caller's decisions.
    """
    slug = requested or principal.token_tenant
    if slug:
        tenant = await _by_slug.get(slug, lambda: Tenant.get_or_none(slug=slug))
        if tenant is None:
            raise NotFound(f"No tenant has the slug '{slug}'.")
        return tenant
    if principal.home_tenant_id is None:
        raise Forbidden("You have no home tenant: name one with the X-Hub-Tenant header.")
    home = principal.home_tenant_id
    tenant = await _by_id.get(home, lambda: Tenant.get_or_none(id=home))
    if tenant is None:
        raise NotFound("Your home tenant no longer exists.")
    return tenant


async def tree_lines() -> list[str]:
    """The tenant tree, indented by depth, for ``hub tenants list``."""
    lines = []
    for tenant in await Tenant.all().order_by("path"):
        depth = tenant.path.count("/") - 1
        lines.append(
            f"{'  ' * depth}{tenant.slug}  {tenant.name}  [{tenant.level}, "
            f"{tenant.default_language}; {','.join(tenant.languages)}]  {tenant.path}"
        )
    return lines
