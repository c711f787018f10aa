"""What each export holds: the records of one resource that the caller's lists show, and
their columns. Records are named by the same global ids as in the API; contact details
appear only where the contact rules show them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from hub.access.resources import Resource
from hub.access.scoped import ScopedService
from hub.consultations.models import Participant
from hub.consultations.service import ConsultationService
from hub.core.context import Context
from hub.exports.writers import Value
from hub.fund.service import PledgeService
from hub.graphql.node import global_id
from hub.initiatives.service import InitiativeService
from hub.proposals.service import ProposalService
from hub.stakeholders.service import ContactService, OrganisationService


def _listed(values: Sequence[str]) -> str:
    return "; ".join(v.upper() for v in values)


Read = Callable[[Any, Context], Value]


@dataclass(frozen=True)
class Column:
    header: str
    read: Read


def _field(name: str) -> Read:
    return lambda row, ctx: getattr(row, name)


def _enum(name: str) -> Read:
    """An enum column, by the name GraphQL gives its value."""
    return lambda row, ctx: str(getattr(row, name)).upper()


def _id(type_name: str, name: str = "id") -> Read:
    return lambda row, ctx: global_id(type_name, getattr(row, name))


TENANT = Column("tenant", lambda row, ctx: row.tenant.slug)
CLASSIFICATION = Column("classification", _enum("classification"))


@dataclass(frozen=True)
class Table:
    """One exportable resource: the records ``rows`` gives (the caller's, as its service
    scopes them), read with ``related``, in ``columns``."""

    name: str
    type_name: str
    resource: Resource
    service: Callable[[Context], ScopedService[Any]]
    columns: Sequence[Column]
    archivable: bool = True
    # Parts of another service's records (participants of consultations).
    part: type[Any] | None = None

    @property
    def headers(self) -> list[str]:
        return ["id", *(c.header for c in self.columns)]

    def values(self, row: Any, ctx: Context) -> list[Value]:
        return [global_id(self.type_name, row.id), *(c.read(row, ctx) for c in self.columns)]


def _details(name: str) -> Read:
    def read(row: Any, ctx: Context) -> Value:
        shown = ContactService(ctx).may_see_details(row)
        return getattr(row, name) if shown else None

    return read


TABLES: dict[str, Table] = {
    t.name: t
    for t in (
        Table(
            "proposals",
            "Proposal",
            Resource.PROPOSAL,
            ProposalService,
            [
                TENANT,
                Column("title", _field("title")),
                Column("status", _enum("status")),
                Column("target", _enum("target")),
                Column("scope", _enum("scope")),
                Column("themes", lambda row, ctx: _listed(row.themes)),
                Column("organisation", _id("Organisation", "organisation_id")),
                Column("work_stream", _id("WorkStream", "work_stream_id")),
                Column("consultation", _id("Consultation", "consultation_id")),
                Column("submitted_at", _field("submitted_at")),
                Column("updated_at", _field("updated_at")),
                CLASSIFICATION,
            ],
        ),
        Table(
            "organisations",
            "Organisation",
            Resource.ORGANISATION,
            OrganisationService,
            [
                TENANT,
                Column("name", _field("name")),
                Column("kind", _enum("kind")),
                Column("ecosoc_status", _enum("ecosoc_status")),
                Column("country", _field("country")),
                Column("region", _field("region")),
                Column("themes", lambda row, ctx: _listed(row.themes)),
                CLASSIFICATION,
            ],
        ),
        Table(
            "contacts",
            "Contact",
            Resource.CONTACT,
            ContactService,
            [
                TENANT,
                Column("organisation", _id("Organisation", "organisation_id")),
                Column("name", _field("name")),
                Column("position", _field("position")),
                Column("email", _details("email")),
                Column("phone", _details("phone")),
                Column("consent_to_contact", _field("consent_to_contact")),
                CLASSIFICATION,
            ],
            archivable=False,
        ),
        Table(
            "consultations",
            "Consultation",
            Resource.CONSULTATION,
            ConsultationService,
            [
                TENANT,
                Column("title", _field("title_index")),
                Column("kind", _enum("kind")),
                Column("status", _enum("status")),
                Column("starts_on", _field("starts_on")),
                Column("ends_on", _field("ends_on")),
                Column("venue", _field("venue")),
                Column("online", _field("online")),
                Column("capacity", _field("capacity")),
                Column("registration_deadline", _field("registration_deadline")),
                CLASSIFICATION,
            ],
        ),
        Table(
            "participants",
            "Participant",
            Resource.CONSULTATION,
            ConsultationService,
            [
                TENANT,
                Column("consultation", _id("Consultation", "consultation_id")),
                Column("organisation", _id("Organisation", "organisation_id")),
                Column("role", _enum("role")),
                Column("attended", _field("attended")),
                Column("self_registered", lambda row, ctx: bool(row.registered_by)),
            ],
            archivable=False,
            part=Participant,
        ),
        Table(
            "initiatives",
            "Initiative",
            Resource.INITIATIVE,
            InitiativeService,
            [
                TENANT,
                Column("title", _field("title_index")),
                Column("kind", _enum("kind")),
                Column("status", _enum("status")),
                Column("country", _field("country")),
                Column("themes", lambda row, ctx: _listed(row.themes)),
                Column("starts_on", _field("starts_on")),
                Column("ends_on", _field("ends_on")),
                CLASSIFICATION,
            ],
        ),
        Table(
            "pledges",
            "Pledge",
            Resource.FUND_PLEDGE,
            PledgeService,
            [
                TENANT,
                Column("fund", _id("Fund", "fund_id")),
                Column("donor", _id("Organisation", "donor_id")),
                Column("amount", _field("amount")),
                Column("currency", _field("currency")),
                Column("status", _enum("status")),
                CLASSIFICATION,
            ],
            archivable=False,
        ),
    )
}
# The network's figures, one row per figure and key.
REPORT = "report"
RESOURCES = (*TABLES, REPORT)
