"""What the policy lets travel from this hub to the others: for each shared table, the
tenants and classifications whose rows leave as read-only copies.

A record of one of this hub's tenants travels when a reach rule for every caller lets it
reach a tenant that another hub owns: ``hubs`` rules up to the hub above (what a region
shares with the global hub), ``up`` and ``network`` rules down and across (what reaches a
region under the one-network rules: the fund, the knowledge platform, published statements,
the directory). Casbin decides each, as it does for a request; ``SHARED_LEVELS`` caps what
any rule can send."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from uuid import UUID

from hub.access.enforcer import AccessControl
from hub.access.resources import object_name
from hub.core.classification import Classification
from hub.federation.shared import SHARED_LEVELS, SHARED_TABLES
from hub.tenancy.ownership import owner_named

# The subject of the questions asked: it holds no role, so only the rules for every
# caller (``*``) answer. Each hub decides with its own policy who reads its copies.
ANOTHER_HUB = "hub:another"


@dataclass(frozen=True, order=True)
class TenantPlace:
    """A tenant of the tree, where it sits and which hub names it."""

    path: str
    id: UUID
    hub: str


@dataclass(frozen=True, order=True)
class Travel:
    """Rows of ``table`` of the tenant ``tenant_id`` at ``classification`` travel."""

    table: str
    tenant_id: UUID
    classification: Classification


def travelling(
    access: AccessControl, tenants: Iterable[TenantPlace], this_hub: str
) -> list[Travel]:
    """Every (table, tenant, classification) of this hub's own tenants that the policy
    sends to another hub. Another hub's tenants are known here once a link has brought
    them: until then nothing of this hub has anywhere to go."""
    known = list(tenants)
    own = [t for t in known if owner_named(t.hub, this_hub) == this_hub]
    elsewhere = [t.path for t in known if owner_named(t.hub, this_hub) != this_hub]
    return sorted(_travels(access, own, elsewhere))


def _travels(
    access: AccessControl, own: list[TenantPlace], elsewhere: list[str]
) -> Iterator[Travel]:
    for tenant in own:
        for level in SHARED_LEVELS:
            for shared in SHARED_TABLES:
                obj = object_name(shared.resource, level)
                if any(
                    access.travels(ANOTHER_HUB, tenant.path, obj, "read", there)
                    for there in elsewhere
                ):
                    yield Travel(shared.table, tenant.id, level)
