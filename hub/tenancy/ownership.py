"""Which hub owns a tenant, and the refusal of a write to a record this hub only holds a
copy of: records are written in the hub that owns their tenant (docs/federation.md)."""

from __future__ import annotations

from uuid import UUID

from hub.core.errors import ErrorCode, HubError
from hub.tenancy.models import Tenant
from hub.tenancy.service import tenant_by_id


class ReadOnlyCopy(HubError, code=ErrorCode.READ_ONLY_COPY):
    """A write to a record of a tenant another hub owns; ``extensions.hub`` names it."""


def owner_named(named: str, this_hub: str) -> str:
    """The hub that owns a tenant whose ``hub`` is ``named``: that hub, else this one."""
    return named or this_hub


def owner_of(tenant: Tenant, this_hub: str) -> str:
    """The hub that owns ``tenant``: the one it names, else this hub."""
    return owner_named(tenant.hub, this_hub)


def require_owned(tenant: Tenant, this_hub: str) -> None:
    """ReadOnlyCopy, naming the owning hub, unless this hub owns ``tenant``."""
    owner = owner_of(tenant, this_hub)
    if owner != this_hub:
        raise ReadOnlyCopy(
            f"The records of tenant '{tenant.slug}' are a read-only copy in this hub: "
            f"write them in hub '{owner}', which owns the tenant.",
            hub=owner,
            tenant=tenant.slug,
        )


async def require_owned_id(tenant_id: UUID | str, this_hub: str) -> None:
    """As ``require_owned``, for a tenant known by its id."""
    tenant = await tenant_by_id(UUID(str(tenant_id)))
    if tenant is not None:
        require_owned(tenant, this_hub)
