"""GraphQL documents and people shared by the proposal tests."""

from __future__ import annotations

from typing import Any

COORDINATOR = "coordinator@network.example.org"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
LEAD_DHAKA = "lead.dhaka@network.example.org"
PARTNER = "partner@civil-society.example.org"
AUDITOR = "auditor@network.example.org"

PROPOSALS = """
query Proposals($first: Int, $after: String, $filter: ProposalFilter, $orderBy: ProposalOrder) {
  proposals(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id title status target scope themes classification } }
  }
}
"""

PROPOSALS_WITH_RELATIONS = """
query Inbox($first: Int) {
  proposals(first: $first) {
    edges { node {
      title
      organisation { name }
      workStream { title }
      history { fromStatus toStatus actor at }
    } }
  }
}
"""

WORK_STREAMS_WITH_PROPOSALS = """
query Streams($first: Int, $nested: Int!, $filter: WorkStreamFilter) {
  workStreams(first: $first, filter: $filter) {
    edges { node { title proposals(first: $nested) {
      totalCount
      pageInfo { hasNextPage }
      edges { node { id title } }
    } } }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) { id ... on Proposal { title status responseNote history { toStatus } } }
}
"""

NODES = """
query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Proposal { title } } }
"""

SUBMIT = """
mutation Submit($input: SubmitProposalInput!) {
  submitProposal(input: $input) {
    proposal {
      id title status target themes classification
      organisation { name } workStream { title } history { fromStatus toStatus actor }
    }
    errors { field code message }
  }
}
"""

REVIEW = """
mutation Review($input: ReviewProposalInput!) {
  reviewProposal(input: $input) {
    proposal { id status responseNote history { fromStatus toStatus actor note } }
    errors { field code message }
  }
}
"""

ARCHIVE = """
mutation Archive($input: ArchiveProposalInput!) {
  archiveProposal(input: $input) { proposal { id archivedAt } errors { code } }
}
"""


def titles(data: Any) -> list[str]:
    return [edge["node"]["title"] for edge in data["proposals"]["edges"]]
