"""What each export holds: the records of one resource that the caller's lists show, and
their columns. Records are named by the same global ids as in the API; contact details
appear only where the contact rules show them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from tortoise.queryset import QuerySet

from hub.access.resources import Resource
from hub.access.scoped import ScopedService
from hub.consultations.models import Participant
from hub.consultations.service import ConsultationService
from hub.core.context import Context
from hub.exports.writers import Value
from hub.fund.service import PledgeService
from hub.graphql.node import global_id
from hub.initiatives.service import InitiativeService
from hub.proposals.comments import CommentService
from hub.proposals.models import Endorsement
from hub.proposals.service import ProposalService
from hub.stakeholders.service import ContactService, OrganisationService


def _listed(values: Sequence[str]) -> str:
    return "; ".join(v.upper() for v in values)


Read = Callable[[Any, Context], Value]


@dataclass(frozen=True)
class Column:
    header: str
    read: Read
    # A column naming another record by the id in ``key``: null where the caller may not
    # see that record, as the API shows it, looked up once per batch among ``among``'s rows.
    key: str | None = None
    among: Callable[[Context], QuerySet[Any] | None] | None = None


def _field(name: str) -> Read:
    return lambda row, ctx: getattr(row, name)


def _enum(name: str) -> Read:
    """An enum column, by the name GraphQL gives its value."""
    return lambda row, ctx: str(getattr(row, name)).upper()


def _id(type_name: str, name: str = "id") -> Read:
    return lambda row, ctx: global_id(type_name, getattr(row, name))


def _organisation(header: str = "organisation", key: str = "organisation_id") -> Column:
    """The organisation a row names, null where the caller may not see it."""
    return Column(
        header,
        _id("Organisation", key),
        key=key,
        among=lambda ctx: OrganisationService(ctx).visible(network=True),
    )


TENANT = Column("tenant", lambda row, ctx: row.tenant.slug)
CLASSIFICATION = Column("classification", _enum("classification"))


@dataclass(frozen=True)
class Parent:
    """The records the rows of a table are parts of: a row is exported only when its
    record is one the caller's lists show, as the API shows it only under that record."""

    key: str
    service: Callable[[Context], ScopedService[Any]]


@dataclass(frozen=True)
class Table:
    """One exportable resource: the records ``rows`` gives (the caller's, as its service
    scopes them), read with ``related``, in ``columns``."""

    name: str
    # None for records the API names by no id of their own (endorsements, comments).
    type_name: str | None
    resource: Resource
    service: Callable[[Context], ScopedService[Any]]
    columns: Sequence[Column]
    archivable: bool = True
    # Parts of another service's records (participants of consultations).
    part: type[Any] | None = None
    parent: Parent | None = None

    @property
    def headers(self) -> list[str]:
        own = ["id"] if self.type_name else []
        return [*own, *(c.header for c in self.columns)]

    def values(self, row: Any, ctx: Context, hidden: Hidden) -> list[Value]:
        own: list[Value] = [global_id(self.type_name, row.id)] if self.type_name else []
        return [
            *own,
            *(
                None
                if column.key and str(getattr(row, column.key)) in hidden[column.header]
                else column.read(row, ctx)
                for column in self.columns
            ),
        ]


# By column, the ids (as text) named in a batch that the caller may not see.
Hidden = dict[str, set[str]]


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
                _organisation(),
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
                _organisation(),
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
                _organisation(),
                Column("role", _enum("role")),
                Column("attended", _field("attended")),
                Column("self_registered", lambda row, ctx: bool(row.registered_by)),
            ],
            archivable=False,
            part=Participant,
            parent=Parent("consultation_id", ConsultationService),
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
                _organisation("donor", "donor_id"),
                Column("amount", _field("amount")),
                Column("currency", _field("currency")),
                Column("status", _enum("status")),
                CLASSIFICATION,
            ],
            archivable=False,
        ),
        Table(
            "endorsements",
            None,
            Resource.PROPOSAL,
            ProposalService,
            [
                TENANT,
                Column("proposal", _id("Proposal", "proposal_id")),
                _organisation(),
                Column("endorsed_at", _field("created_at")),
            ],
            archivable=False,
            part=Endorsement,
            parent=Parent("proposal_id", ProposalService),
        ),
        Table(
            "comments",
            None,
            Resource.PROPOSAL_COMMENT,
            CommentService,
            [
                TENANT,
                Column("proposal", _id("Proposal", "proposal_id")),
                Column("author", _field("author")),
                Column("body", _field("body")),
                Column("created_at", _field("created_at")),
                CLASSIFICATION,
            ],
            archivable=False,
            parent=Parent("proposal_id", ProposalService),
        ),
    )
}
# The network's figures, one row per figure and key.
REPORT = "report"
RESOURCES = (*TABLES, REPORT)
