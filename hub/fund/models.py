"""The pooled fund: its target, thematic areas, MoUs, pledges, projects and steering
committee. Money is Decimal with two places, never float."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from hub.access.classification import Classification
from hub.stakeholders.models import Organisation
from hub.tenancy.models import Tenant


def _money() -> fields.DecimalField[Decimal]:
    return fields.DecimalField(max_digits=18, decimal_places=2)


class PledgeStatus(StrEnum):
    """From the coordinator's outreach to donor capitals to money in the account."""

    OUTREACH = "outreach"
    PLEDGED = "pledged"
    SIGNED = "signed"
    RECEIVED = "received"


class ProjectStatus(StrEnum):
    PROPOSED = "proposed"
    APPROVED = "approved"
    ACTIVE = "active"
    COMPLETED = "completed"


class Seat(StrEnum):
    """Who a steering-committee member sits for."""

    CHAIR = "chair"
    UN_AGENCY = "un_agency"
    DONOR = "donor"
    MEMBER_STATE = "member_state"
    CIVIL_SOCIETY = "civil_society"
    OTHER_STAKEHOLDER = "other_stakeholder"


class Fund(Model):
    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="funds", on_delete=fields.RESTRICT
    )
    name = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    currency = fields.CharField(max_length=3)
    target_amount = _money()
    target_year = fields.IntField(null=True)
    administrative_agent = fields.CharField(max_length=300, default="")
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: str

    class Meta:
        table = "fund"
        indexes = (("tenant_id", "created_at"),)


class ThematicArea(Model):
    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="thematic_areas", on_delete=fields.RESTRICT
    )
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "hub.Fund", related_name="thematic_areas", on_delete=fields.RESTRICT
    )
    number = fields.SmallIntField()
    title = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )

    tenant_id: str
    fund_id: str

    class Meta:
        table = "fund_thematic_area"
        unique_together = (("fund_id", "number"),)


class Mou(Model):
    """A memorandum of understanding by which an agency joins the fund."""

    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="fund_mous", on_delete=fields.RESTRICT
    )
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "hub.Fund", related_name="mous", on_delete=fields.RESTRICT
    )
    signatory = fields.CharField(max_length=300)
    signed_on = fields.DateField(null=True)
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )

    tenant_id: str
    fund_id: str

    class Meta:
        table = "fund_mou"
        indexes = (("fund_id", "signatory"),)


class Pledge(Model):
    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="fund_pledges", on_delete=fields.RESTRICT
    )
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "hub.Fund", related_name="pledges", on_delete=fields.RESTRICT
    )
    donor: fields.ForeignKeyRelation[Organisation] = fields.ForeignKeyField(
        "hub.Organisation", related_name="pledges", on_delete=fields.RESTRICT
    )
    amount = _money()
    currency = fields.CharField(max_length=3)
    status = fields.CharEnumField(PledgeStatus, max_length=16, default=PledgeStatus.OUTREACH)
    note = fields.TextField(default="")
    # Who gave how much is for the fund's managers: restricted unless published.
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.RESTRICTED
    )
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    tenant_id: str
    fund_id: str
    donor_id: str

    class Meta:
        table = "fund_pledge"
        indexes = (("fund_id", "created_at"),)


class FundProject(Model):
    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="fund_projects", on_delete=fields.RESTRICT
    )
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "hub.Fund", related_name="projects", on_delete=fields.RESTRICT
    )
    thematic_area: fields.ForeignKeyRelation[ThematicArea] = fields.ForeignKeyField(
        "hub.ThematicArea", related_name="projects", on_delete=fields.RESTRICT
    )
    title = fields.CharField(max_length=300)
    budget = _money()
    currency = fields.CharField(max_length=3)
    status = fields.CharEnumField(ProjectStatus, max_length=16, default=ProjectStatus.PROPOSED)
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )
    created_at = fields.DatetimeField(auto_now_add=True)

    tenant_id: str
    fund_id: str
    thematic_area_id: str

    class Meta:
        table = "fund_project"
        indexes = (("fund_id", "created_at"), ("thematic_area_id", "created_at"))


class SteeringCommitteeMember(Model):
    id = fields.UUIDField(primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="steering_committee_members", on_delete=fields.RESTRICT
    )
    fund: fields.ForeignKeyRelation[Fund] = fields.ForeignKeyField(
        "hub.Fund", related_name="steering_committee", on_delete=fields.RESTRICT
    )
    seat = fields.CharEnumField(Seat, max_length=24)
    name = fields.CharField(max_length=300)
    organisation: fields.ForeignKeyNullableRelation[Organisation] = fields.ForeignKeyField(
        "hub.Organisation", related_name="committee_seats", null=True, on_delete=fields.RESTRICT
    )
    since = fields.DateField(null=True)
    classification = fields.CharEnumField(
        Classification, max_length=16, default=Classification.NETWORK
    )

    tenant_id: str
    fund_id: str
    organisation_id: str | None

    class Meta:
        table = "fund_steering_committee_member"
        indexes = (("fund_id", "seat"),)
