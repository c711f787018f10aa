"""Names of the resources and actions that policies speak of, in one place."""

from __future__ import annotations

from enum import StrEnum


class Resource(StrEnum):
    WORK_STREAM = "work_stream"
    # Priorities of the work plan (immediate, short-to-medium, long term).
    WORK_PLAN = "work_plan"
    ORGANISATION = "organisation"
    CONTACT = "contact"
    # Reading a contact's email and phone without the person's consent.
    CONTACT_DETAILS = "contact_details"
    ADVOCACY_NOTE = "advocacy_note"
    # Statements of the network, prompted by advocacy notes.
    STATEMENT = "statement"
    PROPOSAL = "proposal"
    # Comments on proposals, each with a classification of its own.
    PROPOSAL_COMMENT = "proposal.comment"
    # Consultations with their working sessions and participants.
    CONSULTATION = "consultation"
    # Actions stakeholders report on implementing the compact, and notice of events.
    INITIATIVE = "initiative"
    # Documents and links of the knowledge platform.
    KNOWLEDGE_RESOURCE = "knowledge_resource"
    # The fund, its thematic areas, MoUs, projects and steering committee; its totals.
    FUND = "fund"
    # Who pledged how much: a field-level rule keeps it from those who see only totals.
    FUND_PLEDGE = "fund.pledge"
    TENANT = "tenant"
    POLICY = "policy"
    AUDIT_LOG = "audit_log"
    # A role as the object of a grant: role:NAME, with the action grant.
    ROLE = "role"


class Action(StrEnum):
    READ = "read"
    CREATE = "create"
    UPDATE = "update"
    ARCHIVE = "archive"
    REVIEW = "review"
    APPROVE = "approve"
    PUBLISH = "publish"
    MANAGE_POLICY = "manage_policy"
    # Anonymise a person's data at their request.
    ERASE = "erase"
    # Give a role (role:NAME) to someone in a tenant's subtree: delegated administration.
    GRANT = "grant"
    # Register one's own organisation for a consultation open for registration.
    REGISTER = "register"
    # Support a proposal in the name of one's own organisation.
    ENDORSE = "endorse"


# Actions that write records: refused in a tenant this hub only holds a copy of. Granting
# roles and managing policies are the hub's own administration, and stay.
RECORD_WRITES = frozenset(Action) - {Action.READ, Action.MANAGE_POLICY, Action.GRANT}


def object_name(resource: Resource, qualifier: str | None = None) -> str:
    """The Casbin object for a resource, optionally narrowed (``work_stream:restricted``)."""
    return str(resource) if qualifier is None else f"{resource}:{qualifier}"
