"""Organisations the network works with, and their contact people."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields

from hub.core.errors import NotFound
from hub.core.lookup import node_uuid
from hub.core.model_mixins import (
    Archivable,
    Classified,
    TenantOwned,
    Timestamped,
    reference,
    tenant_key,
)


class OrganisationKind(StrEnum):
    CIVIL_SOCIETY = "civil_society"
    TRADE_UNION = "trade_union"
    PRIVATE_SECTOR = "private_sector"
    NATIONAL_HUMAN_RIGHTS_INSTITUTION = "national_human_rights_institution"
    RED_CROSS_RED_CRESCENT = "red_cross_red_crescent"
    UN_AGENCY = "un_agency"
    UN_SPECIAL_PROCEDURE = "un_special_procedure"
    LOCAL_AUTHORITY = "local_authority"
    ACADEMIA = "academia"
    MIGRANT_OR_DIASPORA = "migrant_or_diaspora"
    DONOR_GOVERNMENT = "donor_government"
    MEMBER_STATE = "member_state"


class EcosocStatus(StrEnum):
    """ECOSOC consultative status; the network also works with those that have none."""

    NONE = "none"
    GENERAL = "general"
    SPECIAL = "special"
    ROSTER = "roster"


class Organisation(TenantOwned, Classified, Timestamped, Archivable):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("organisations")
    name = fields.CharField(max_length=300)
    kind = fields.CharEnumField(OrganisationKind, max_length=40)
    ecosoc_status = fields.CharEnumField(EcosocStatus, max_length=16, default=EcosocStatus.NONE)
    country = fields.CharField(max_length=2, default="")
    region = fields.CharField(max_length=100, default="")
    themes: list[str] = fields.JSONField(default=list)

    class Meta:
        table = "organisation"
        indexes = (("tenant_id", "name"), ("tenant_id", "created_at"))


class Contact(TenantOwned, Classified, Timestamped):
    """A person at an organisation. Without consent, only admins see how to reach them."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("contacts")
    organisation: fields.ForeignKeyRelation[Organisation] = reference(
        "hub.Organisation", "contacts"
    )
    name = fields.CharField(max_length=200)
    position = fields.CharField(max_length=200, default="")
    email = fields.CharField(max_length=254, default="")
    phone = fields.CharField(max_length=50, default="")
    consent_to_contact = fields.BooleanField(default=False)
    consent_given_on = fields.DateField(null=True)
    # Set when the person's data was erased at their request; the row stays so that the
    # organisation's participation history does.
    erased_at = fields.DatetimeField(null=True)

    organisation_id: str

    class Meta:
        table = "contact"
        indexes = (("tenant_id", "name"), ("tenant_id", "created_at"))


async def find_organisation(organisation_id: str) -> Organisation:
    """The organisation with this id (a UUID, or the API's global id), or ``NotFound``."""
    uid = node_uuid(organisation_id, "Organisation")
    organisation = None if uid is None else await Organisation.get_or_none(id=uid)
    if organisation is None:
        raise NotFound(f"No organisation has the id {organisation_id}.")
    return organisation
