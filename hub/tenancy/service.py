"""Looking tenants up and showing the tree."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from tortoise.expressions import Q

from hub.core.errors import Forbidden, NotFound
from hub.core.principal import Principal
from hub.core.tenant_naming import is_slug
from hub.results.directory import Lookups
from hub.tenancy.domains import within
from hub.tenancy.models import Tenant, TenantLevel


@dataclass(frozen=True)
class RequestTenant:
    tenant: Tenant
    # Every tenant at or below it, path to id: list reads filter on these ids.
    subtree: dict[str, UUID]


async def _with_subtree(field: str, value: str | UUID) -> RequestTenant | None:
    # A tenant is one level below its parent (hub.tenancy.manifests), so the whole subtree
    # is at most that many parents away: found in the same statement as the tenant itself.
    hops = len(TenantLevel)
    lookups = [Q(**{"__".join(["parent"] * n + [field]): str(value)}) for n in range(hops)]
    found = await Tenant.filter(Q(*lookups, join_type=Q.OR))
    tenant = next((t for t in found if str(getattr(t, field)) == str(value)), None)
    if tenant is None:
        return None
    subtree = {t.path: t.id for t in found if within(t.path, tenant.path)}
    return RequestTenant(tenant, subtree)


# Shared by the requests of this process while no tenant changes (see hub.results.directory);
# requests only read them.
_by_slug: Lookups[str, RequestTenant | None] = Lookups()
_by_id: Lookups[UUID, RequestTenant | None] = Lookups()


_every: Lookups[str, dict[UUID, Tenant]] = Lookups()


async def _every_tenant() -> dict[UUID, Tenant]:
    return {tenant.id: tenant for tenant in await Tenant.all()}


async def tenant_by_id(tenant_id: UUID) -> Tenant | None:
    """Any tenant by its id. The tree is small and changes seldom, so it is read whole
    once per change of the tenant-less tables, and then from memory."""
    return (await _every.get("every", _every_tenant)).get(tenant_id)


async def resolve_request_tenant(principal: Principal, requested: str | None) -> RequestTenant:
    """The tenant a request acts in: the header's, the token's, else the caller's home.

    Membership is checked by the caller of this function, with the caller's decisions.
    """
    slug = requested or principal.token_tenant
    if slug:
        # A malformed slug names no tenant; PostgreSQL would refuse some (a NUL byte).
        found = (
            await _by_slug.get(slug, lambda: _with_subtree("slug", slug)) if is_slug(slug) else None
        )
        if found is None:
            raise NotFound(f"No tenant has the slug '{slug}'.")
        return found
    if principal.home_tenant_id is None:
        raise Forbidden("You have no home tenant: name one with the X-Hub-Tenant header.")
    home = principal.home_tenant_id
    found = await _by_id.get(home, lambda: _with_subtree("id", home))
    if found is None:
        raise NotFound("Your home tenant no longer exists.")
    return found


async def tree_lines() -> list[str]:
    """The tenant tree, indented by depth, for ``hub tenants list``."""
    return [_tree_line(tenant) for tenant in await Tenant.all().order_by("path")]


def _tree_line(tenant: Tenant) -> str:
    depth = tenant.path.count("/") - 1
    return (
        f"{'  ' * depth}{tenant.slug}  {tenant.name}  [{tenant.level}, "
        f"{tenant.default_language}; {','.join(tenant.languages)}]  {tenant.path}"
    )


async def tree_records() -> list[dict[str, object]]:
    """The tenants in tree order, as ``hub tenants list --json`` prints them."""
    tenants = await Tenant.all().order_by("path")
    slugs = {str(tenant.id): tenant.slug for tenant in tenants}
    return [
        {
            "slug": tenant.slug,
            "name": tenant.name,
            "level": tenant.level.value,
            "parent": slugs.get(str(tenant.parent_id)) if tenant.parent_id else None,
            "path": tenant.path,
            "default_language": tenant.default_language,
            "languages": tenant.languages,
            "trusted_documents": tenant.trusted_documents.value
            if tenant.trusted_documents
            else None,
        }
        for tenant in tenants
    ]
