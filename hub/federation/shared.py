"""What may travel between hubs: the tables whose rows a hub shares, the columns that
never leave it, and the classifications shared. PostgreSQL enforces it, as the row filters
and column lists of a publication (``hub.federation.plan``)."""

from __future__ import annotations

from dataclasses import dataclass

from hub.core.classification import Classification

# By default the network shares what it publishes or keeps for its partners; RESTRICTED
# and CONFIDENTIAL records stay in the hub that owns them.
SHARED_LEVELS = (Classification.PUBLIC, Classification.NETWORK)


@dataclass(frozen=True)
class SharedTable:
    """A table whose rows of shared classifications travel, but for ``withheld`` columns
    (arriving as their default) and rows that ``condition`` (SQL over ``condition_columns``)
    leaves out."""

    table: str
    withheld: tuple[str, ...] = ()
    condition: str | None = None
    condition_columns: tuple[str, ...] = ()

    @property
    def identity(self) -> tuple[str, ...]:
        """The replica identity: every column a row filter names, so that an update that
        takes a row out of the filter reaches the other hub as its deletion."""
        return ("id", "tenant_id", "classification", *self.condition_columns)

    @property
    def identity_index(self) -> str:
        return f"{self.table}_federation_identity"


SHARED_TABLES: tuple[SharedTable, ...] = (
    SharedTable("organisation"),
    # Never contact details, consent or not.
    SharedTable("contact", withheld=("email", "phone")),
    SharedTable("work_stream"),
    SharedTable("work_stream_membership"),
    SharedTable("work_plan_priority"),
    SharedTable("consultation"),
    SharedTable("consultation_session"),
    SharedTable("consultation_participant"),
    SharedTable("proposal"),
    SharedTable("proposal_endorsement"),
    SharedTable("proposal_comment"),
    SharedTable("initiative"),
    SharedTable("knowledge_resource"),
    SharedTable("fund"),
    SharedTable("fund_thematic_area"),
    SharedTable("fund_mou"),
    SharedTable("fund_steering_committee_member"),
    SharedTable("fund_project"),
    SharedTable("fund_allocation"),
    SharedTable("fund_exchange_rate"),
    SharedTable("fund_pledge"),
    # Published statements only; drafts stay with those writing them.
    SharedTable("statement", condition="status = 'published'", condition_columns=("status",)),
    # Never a note's body: its ciphertext stays in the hub that holds the key.
    SharedTable("advocacy_note", withheld=("body_encrypted",)),
)
