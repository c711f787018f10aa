"""The operations the benchmark sends, as a front end would."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

HEADLINE = """
query Headline {
  workStreams(first: 20) {
    edges { node { id title proposals(first: 5) { edges { node { id title } } } } }
  }
}
"""

PROPOSALS_FILTERED = """
query ProposalsFiltered {
  proposals(first: 20, filter: {status: [SUBMITTED, UNDER_REVIEW], theme: [HUMAN_RIGHTS]}) {
    totalCount
    edges { node { id title status } }
  }
}
"""

ORGANISATIONS = """
query Organisations {
  organisations(first: 20) { totalCount edges { node { id name kind } } }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) { id ... on Proposal { title status } }
}
"""

# What PostGraphile is asked instead of the headline query: it knows no tenancy, so the
# tenant is a condition, and its own names for the same tables and order.
POSTGRAPHILE_HEADLINE = """
query Headline($tenant: UUID!) {
  allWorkStreams(first: 20, condition: {tenantId: $tenant, archivedAt: null},
                 orderBy: [CREATED_AT_ASC, ID_ASC]) {
    nodes {
      id title
      proposalsByWorkStreamId(first: 5, condition: {archivedAt: null},
                              orderBy: [SUBMITTED_AT_ASC, ID_ASC]) {
        nodes { id title }
      }
    }
  }
}
"""


@dataclass(frozen=True)
class Operation:
    name: str
    document: str
    variables: dict[str, Any] = field(default_factory=dict)
    # Only the headline query has a baseline and a peer to compare with.
    headline: bool = False
    operation_name: str | None = None
    # Who sends it: a member of the tenant, or its regional focal point.
    as_focal_point: bool = False


# What the front end sends (schema/operations), whole files with the operation's name.
OPERATIONS = Path(__file__).resolve().parents[2] / "schema" / "operations"
FRONT_END = (
    ("dashboard.graphql", "Dashboard", False),
    ("work_stream.graphql", "WorkStreams", False),
    ("proposals.graphql", "ProposalInbox", True),
    ("consultation.graphql", "Consultations", True),
)


def front_end_operations() -> list[Operation]:
    return [
        Operation(
            f"{name} (schema/operations)",
            (OPERATIONS / file).read_text(encoding="utf-8"),
            operation_name=name,
            as_focal_point=focal,
        )
        for file, name, focal in FRONT_END
    ]


def hub_operations(proposal_id: str) -> list[Operation]:
    return [
        Operation("headline", HEADLINE, headline=True),
        Operation("proposals_filtered", PROPOSALS_FILTERED),
        Operation("organisations", ORGANISATIONS),
        Operation("node", NODE, {"id": proposal_id}),
        *front_end_operations(),
    ]
