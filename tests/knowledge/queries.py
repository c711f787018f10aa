"""GraphQL documents and people shared by the knowledge platform tests."""

from __future__ import annotations

from typing import Any

COORDINATOR = "coordinator@network.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
PARTNER = "partner@civil-society.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"
DONOR = "donor@donor-a.example.org"

RESOURCES = """
query Resources($first: Int, $after: String, $filter: KnowledgeResourceFilter,
                $orderBy: KnowledgeResourceOrder, $lang: Language) {
  knowledgeResources(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id kind url languages themes publishedOn classification
      title(lang: $lang) { text language available }
    } }
  }
}
"""

WITH_SHARERS = """
query($first: Int, $filter: KnowledgeResourceFilter) {
  knowledgeResources(first: $first, filter: $filter) {
    edges { node { title { text } description { text } sharedBy { name } } }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) {
    id
    ... on KnowledgeResource { title { text } description { text } url sharedBy { name } }
  }
}
"""

NODES = """
query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on KnowledgeResource { url } } }
"""

SHARE = """
mutation Share($input: ShareKnowledgeResourceInput!) {
  shareKnowledgeResource(input: $input) {
    knowledgeResource {
      id kind url languages themes publishedOn classification
      title { text language available } description { text } sharedBy { name }
    }
    errors { field code message }
  }
}
"""

UPDATE = """
mutation Update($input: UpdateKnowledgeResourceInput!) {
  updateKnowledgeResource(input: $input) {
    knowledgeResource {
      id kind url languages themes publishedOn classification title { text } description { text }
    }
    errors { field code message }
  }
}
"""

ARCHIVE = """
mutation Archive($input: ArchiveKnowledgeResourceInput!) {
  archiveKnowledgeResource(input: $input) { knowledgeResource { id archivedAt } errors { code } }
}
"""


def titles(data: Any) -> list[str]:
    return [edge["node"]["title"]["text"] for edge in data["knowledgeResources"]["edges"]]
