"""The tables that travel between hubs, as the federation migrations (0034, 0035) set them
up. Migrations applied somewhere must keep sending the same SQL: nothing here may change;
a later change to what travels is a later migration's."""

from __future__ import annotations

TABLES = (
    "organisation",
    "contact",
    "work_stream",
    "work_stream_membership",
    "work_plan_priority",
    "consultation",
    "consultation_session",
    "consultation_participant",
    "proposal",
    "proposal_endorsement",
    "proposal_comment",
    "initiative",
    "knowledge_resource",
    "fund",
    "fund_thematic_area",
    "fund_mou",
    "fund_steering_committee_member",
    "fund_project",
    "fund_allocation",
    "fund_exchange_rate",
    "fund_pledge",
    "statement",
    "advocacy_note",
)
WITHHELD = {"contact": ("email", "phone"), "advocacy_note": ("body_encrypted",)}


def identity(table: str, *flags: str) -> str:
    """The columns of ``table``'s replica identity: those its row filter names."""
    status = ("status",) if table == "statement" else ()
    return ", ".join(("id", "tenant_id", "classification", *flags, *status))


def index(table: str) -> str:
    return f"{table}_federation_identity"
