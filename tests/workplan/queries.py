"""GraphQL documents shared by the work-plan tests."""

from __future__ import annotations

WORK_STREAMS = """
query WorkStreams($first: Int, $after: String, $filter: WorkStreamFilter,
                  $orderBy: WorkStreamOrder) {
  workStreams(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { id title status classification } }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) { id ... on WorkStream { title classification } }
}
"""

NODES = """
query Nodes($ids: [ID!]!) {
  nodes(ids: $ids) { id ... on WorkStream { title } }
}
"""

CREATE = """
mutation Create($input: CreateWorkStreamInput!) {
  createWorkStream(input: $input) {
    workStream { id title description status classification }
    errors { field code message }
  }
}
"""

UPDATE = """
mutation Update($input: UpdateWorkStreamInput!) {
  updateWorkStream(input: $input) {
    workStream { id title description status classification }
    errors { field code message }
  }
}
"""

COORDINATOR = "coordinator@network.example.org"
AUDITOR = "auditor@network.example.org"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
LEAD_DHAKA = "lead.dhaka@network.example.org"
PARTNER = "partner@civil-society.example.org"


def titles(data: dict[str, object]) -> list[str]:
    connection = data["workStreams"]
    assert isinstance(connection, dict)
    return [edge["node"]["title"] for edge in connection["edges"]]
