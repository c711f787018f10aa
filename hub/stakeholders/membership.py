"""People belong to organisations: a grant or rule for an organisation reaches them."""

from __future__ import annotations

from hub.access.enforcer import ORGANISATION_SUBJECT
from hub.access.models import CasbinRule
from hub.access.policy_files import Rule
from hub.access.service import add_grant, remove_grant
from hub.auth.service import ensure_user, get_user
from hub.core.errors import NotFound
from hub.directory.models import Organisation, find_organisation
from hub.tenancy.models import Tenant


def _subject(organisation_id: object) -> str:
    """The Casbin subject that the members of an organisation are granted."""
    return f"{ORGANISATION_SUBJECT}{organisation_id}"


async def members_of(organisation_id: object) -> list[str]:
    """The emails of the organisation's members, in any tenant."""
    rows = await CasbinRule.filter(ptype="g", v1=_subject(organisation_id)).values_list(
        "v0", flat=True
    )
    return [str(email) for email in rows]


async def _where(organisation: Organisation, tenant_slug: str | None) -> Tenant:
    if tenant_slug is None:
        return await Tenant.get(id=organisation.tenant_id)
    tenant = await Tenant.get_or_none(slug=tenant_slug)
    if tenant is None:
        raise NotFound(f"No tenant has the slug '{tenant_slug}'.")
    return tenant


async def join(email: str, organisation_id: str, tenant_slug: str | None, *, actor: str) -> bool:
    """Make a person a member of an organisation, in its tenant unless another is named."""
    organisation = await find_organisation(organisation_id)
    tenant = await _where(organisation, tenant_slug)
    user = await ensure_user(email, home_tenant=tenant)
    return await add_grant(
        Rule("g", (user.email, _subject(organisation.id), tenant.path)), actor=actor
    )


async def leave(email: str, organisation_id: str, tenant_slug: str | None, *, actor: str) -> bool:
    organisation = await find_organisation(organisation_id)
    tenant = await _where(organisation, tenant_slug)
    user = await get_user(email)
    return await remove_grant(
        Rule("g", (user.email, _subject(organisation.id), tenant.path)), actor=actor
    )
