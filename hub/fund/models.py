"""The pooled fund: its target, thematic areas, MoUs, pledges, projects and steering
committee. Money is Decimal with two places, never float."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from tortoise import fields

from hub.core.classification import Classification
from hub.core.model_mixins import (
    Classified,
    Created,
    TenantOwned,
    Timestamped,
    classified_as,
    optional_reference,
    reference,
    tenant_key,
)
from hub.directory.models import Organisation


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


class MouStatus(StrEnum):
    """A memorandum is drafted, then signed."""

    DRAFTED = "drafted"
    SIGNED = "signed"


class Seat(StrEnum):
    """Who a steering-committee member sits for."""

    CHAIR = "chair"
    UN_AGENCY = "un_agency"
    DONOR = "donor"
    MEMBER_STATE = "member_state"
    CIVIL_SOCIETY = "civil_society"
    OTHER_STAKEHOLDER = "other_stakeholder"


class Fund(TenantOwned, Classified, Timestamped):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("funds")
    name = fields.CharField(max_length=300)
    description = fields.TextField(default="")
    currency = fields.CharField(max_length=3)
    target_amount = _money()
    target_year = fields.IntField(null=True)
    administrative_agent = fields.CharField(max_length=300, default="")

    class Meta:
        table = "fund"
        indexes = (("tenant_id", "created_at"),)


class ThematicArea(TenantOwned, Classified):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("thematic_areas")
    fund: fields.ForeignKeyRelation[Fund] = reference("hub.Fund", "thematic_areas")
    number = fields.SmallIntField()
    title = fields.CharField(max_length=300)
    description = fields.TextField(default="")

    fund_id: str

    class Meta:
        table = "fund_thematic_area"
        unique_together = (("fund_id", "number"),)


class Mou(TenantOwned, Classified):
    """A memorandum of understanding by which an agency joins the fund."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("fund_mous")
    fund: fields.ForeignKeyRelation[Fund] = reference("hub.Fund", "mous")
    signatory = fields.CharField(max_length=300)
    signed_on = fields.DateField(null=True)
    status = fields.CharEnumField(MouStatus, max_length=16, default=MouStatus.DRAFTED)
    # The other parties to it, by name (the administrative agent, other agencies).
    parties: list[str] = fields.JSONField(default=list)
    drafted_on = fields.DateField(null=True)

    fund_id: str

    class Meta:
        table = "fund_mou"
        indexes = (("fund_id", "signatory"),)


class Pledge(TenantOwned, Classified, Timestamped):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("fund_pledges")
    fund: fields.ForeignKeyRelation[Fund] = reference("hub.Fund", "pledges")
    donor: fields.ForeignKeyRelation[Organisation] = reference("hub.Organisation", "pledges")
    amount = _money()
    currency = fields.CharField(max_length=3)
    status = fields.CharEnumField(PledgeStatus, max_length=16, default=PledgeStatus.OUTREACH)
    note = fields.TextField(default="")
    # Who gave how much is for the fund's managers: restricted unless published.
    classification = classified_as(Classification.RESTRICTED)

    fund_id: str
    donor_id: str

    class Meta:
        table = "fund_pledge"
        indexes = (("fund_id", "created_at"),)


class FundProject(TenantOwned, Classified, Created):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("fund_projects")
    fund: fields.ForeignKeyRelation[Fund] = reference("hub.Fund", "projects")
    thematic_area: fields.ForeignKeyRelation[ThematicArea] = reference(
        "hub.ThematicArea", "projects"
    )
    title = fields.CharField(max_length=300)
    budget = _money()
    currency = fields.CharField(max_length=3)
    status = fields.CharEnumField(ProjectStatus, max_length=16, default=ProjectStatus.PROPOSED)

    fund_id: str
    thematic_area_id: str

    class Meta:
        table = "fund_project"
        indexes = (("fund_id", "created_at"), ("thematic_area_id", "created_at"))


class SteeringCommitteeMember(TenantOwned, Classified):
    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("steering_committee_members")
    fund: fields.ForeignKeyRelation[Fund] = reference("hub.Fund", "steering_committee")
    seat = fields.CharEnumField(Seat, max_length=24)
    name = fields.CharField(max_length=300)
    organisation: fields.ForeignKeyNullableRelation[Organisation] = optional_reference(
        "hub.Organisation", "committee_seats"
    )
    since = fields.DateField(null=True)
    until = fields.DateField(null=True)
    # How the member was chosen: for a civil-society seat, by whom and through what call.
    selection = fields.TextField(default="")

    fund_id: str
    organisation_id: str | None

    class Meta:
        table = "fund_steering_committee_member"
        indexes = (("fund_id", "seat"),)


class Allocation(TenantOwned, Classified):
    """The part of a project's budget that goes to one thematic area.

    In the project's currency."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("fund_allocations")
    project: fields.ForeignKeyRelation[FundProject] = reference("hub.FundProject", "allocations")
    thematic_area: fields.ForeignKeyRelation[ThematicArea] = reference(
        "hub.ThematicArea", "allocations"
    )
    amount = _money()
    currency = fields.CharField(max_length=3)

    project_id: str
    thematic_area_id: str

    class Meta:
        table = "fund_allocation"
        unique_together = (("project_id", "thematic_area_id"),)


class ExchangeRate(TenantOwned, Classified, Created):
    """A rate recorded by the fund's managers from a source they name.

    What one unit of ``currency`` was worth in the fund's currency on a day: nothing is
    fetched from outside."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("fund_exchange_rates")
    fund: fields.ForeignKeyRelation[Fund] = reference("hub.Fund", "exchange_rates")
    currency = fields.CharField(max_length=3)
    rate = fields.DecimalField(max_digits=18, decimal_places=8)
    as_of = fields.DateField()
    source = fields.CharField(max_length=300)
    recorded_by = fields.CharField(max_length=254)

    fund_id: str

    class Meta:
        table = "fund_exchange_rate"
        indexes = (("fund_id", "currency", "as_of"),)
