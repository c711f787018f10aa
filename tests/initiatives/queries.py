"""GraphQL documents and people shared by the initiative tests."""

from __future__ import annotations

from typing import Any

COORDINATOR = "coordinator@network.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
PARTNER = "partner@civil-society.example.org"

INITIATIVES = """
query Initiatives($first: Int, $after: String, $filter: InitiativeFilter,
                  $orderBy: InitiativeOrder, $lang: Language) {
  initiatives(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id kind status country themes startsOn classification
      title(lang: $lang) { text language available }
    } }
  }
}
"""

WITH_ORGANISATIONS = """
query($first: Int, $filter: InitiativeFilter) {
  initiatives(first: $first, filter: $filter) {
    edges { node { title { text } summary { text } byNetwork organisation { name } } }
  }
}
"""

NODE = """
query Node($id: ID!) {
  node(id: $id) {
    id
    ... on Initiative {
      title { text } summary { text } kind status eventOn venue online advanceNoticeOn
      byNetwork organisation { name }
    }
  }
}
"""

NODES = """
query Nodes($ids: [ID!]!) { nodes(ids: $ids) { id ... on Initiative { title { text } } } }
"""

REPORT = """
mutation Report($input: ReportInitiativeInput!) {
  reportInitiative(input: $input) {
    initiative {
      id kind status country themes startsOn endsOn eventOn venue online advanceNoticeOn
      classification byNetwork title { text language available } organisation { name }
    }
    errors { field code message }
  }
}
"""

UPDATE = """
mutation Update($input: UpdateInitiativeInput!) {
  updateInitiative(input: $input) {
    initiative { id status themes classification title { text } summary { text } endsOn }
    errors { field code message }
  }
}
"""

ARCHIVE = """
mutation Archive($input: ArchiveInitiativeInput!) {
  archiveInitiative(input: $input) { initiative { id archivedAt } errors { code } }
}
"""


def titles(data: Any) -> list[str]:
    return [edge["node"]["title"]["text"] for edge in data["initiatives"]["edges"]]
