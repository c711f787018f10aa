"""The demo network's callers: each demo user in each tenant where a role of theirs holds."""

from __future__ import annotations

from starlette.applications import Starlette

from hub.access.decisions import Decisions
from hub.demo import DEMO_USERS
from hub.tenancy.domains import within
from hub.tenancy.models import Tenant


async def demo_callers(app: Starlette) -> list[Decisions]:
    """Each demo user in each tenant where a role of theirs holds, with their decisions."""
    tenants = {str(t.path): t for t in await Tenant.all()}
    found = []
    for user in DEMO_USERS:
        for path in sorted(tenants):
            subtree = {p: t.id for p, t in tenants.items() if within(p, path)}
            decisions = Decisions(app.state.access, user.email, path, subtree)
            if decisions.is_member:
                found.append(decisions)
    return found
