"""What may travel between hubs: the tables whose rows a hub shares, the resource the
policy names them by, the columns that never leave it, and the classifications that may
travel at all. Which rows do travel is the policy's decision (``hub.federation.travel``);
PostgreSQL enforces both, as the row filters and column lists of a publication
(``hub.federation.plan``)."""

from __future__ import annotations

from dataclasses import dataclass

from hub.access.resources import Resource
from hub.core.classification import Classification

# The most a policy may share: RESTRICTED and CONFIDENTIAL records stay in the hub that
# owns them, whatever a rule says.
SHARED_LEVELS = (Classification.PUBLIC, Classification.NETWORK)


# The hub that shares a row, or '' for a row that stays home. Set on each row of the hub's
# own tenants from the policy's decision for its table, tenant and classification: a change
# of policy rewrites it, and PostgreSQL sends a row that starts or stops matching a
# publication's filter as its insertion or deletion on the other side. A copy keeps its
# owner's name, so no hub publishes back what it received.
SHARED_COLUMN = "shared_by"


@dataclass(frozen=True)
class SharedTable:
    """A table whose rows travel when the policy shares ``resource`` at their tenant and
    classification, but for ``withheld`` columns (arriving as their default) and rows that
    ``condition`` leaves out. The columns a filter names are the table's replica identity
    (migrations 0034 and 0035), so that a row leaving it reaches the other hub as its
    deletion."""

    table: str
    resource: Resource
    withheld: tuple[str, ...] = ()
    condition: str | None = None


SHARED_TABLES: tuple[SharedTable, ...] = (
    SharedTable("organisation", Resource.ORGANISATION),
    # Never contact details, consent or not.
    SharedTable("contact", Resource.CONTACT, withheld=("email", "phone")),
    SharedTable("work_stream", Resource.WORK_STREAM),
    SharedTable("work_stream_membership", Resource.WORK_STREAM),
    SharedTable("work_plan_priority", Resource.WORK_PLAN),
    SharedTable("consultation", Resource.CONSULTATION),
    SharedTable("consultation_session", Resource.CONSULTATION),
    SharedTable("consultation_participant", Resource.CONSULTATION),
    SharedTable("proposal", Resource.PROPOSAL),
    SharedTable("proposal_endorsement", Resource.PROPOSAL),
    SharedTable("proposal_comment", Resource.PROPOSAL_COMMENT),
    SharedTable("initiative", Resource.INITIATIVE),
    SharedTable("knowledge_resource", Resource.KNOWLEDGE_RESOURCE),
    SharedTable("fund", Resource.FUND),
    SharedTable("fund_thematic_area", Resource.FUND),
    SharedTable("fund_mou", Resource.FUND),
    SharedTable("fund_steering_committee_member", Resource.FUND),
    SharedTable("fund_project", Resource.FUND),
    SharedTable("fund_allocation", Resource.FUND),
    SharedTable("fund_exchange_rate", Resource.FUND),
    SharedTable("fund_pledge", Resource.FUND_PLEDGE),
    # Published statements only; drafts stay with those writing them.
    SharedTable(
        "statement",
        Resource.STATEMENT,
        condition="status = 'published'",
    ),
    # Never a note's body: its ciphertext stays in the hub that holds the key.
    SharedTable("advocacy_note", Resource.ADVOCACY_NOTE, withheld=("body_encrypted",)),
)
