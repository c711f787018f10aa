"""GraphQL documents and people shared by the consultation tests."""

from __future__ import annotations

from typing import Any

COORDINATOR = "coordinator@network.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"
PARTNER = "partner@civil-society.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"
ADMIN = "admin@network.example.org"

CONSULTATIONS = """
query Consultations($first: Int, $after: String, $filter: ConsultationFilter,
                    $orderBy: ConsultationOrder, $lang: Language) {
  consultations(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status kind startsOn title(lang: $lang) { text language available } } }
  }
}
"""

PAGE = """
query Page($id: ID!) {
  node(id: $id) {
    ... on Consultation {
      title { text language }
      summary { text }
      status venue recordingUrl advanceNoticeOn
      sessions { number title { text } framingQuestions keyRecommendations }
      participants { id role attended organisation { name } contact { name } }
    }
  }
}
"""

CREATE = """
mutation Create($input: CreateConsultationInput!) {
  createConsultation(input: $input) {
    consultation { id status title { text language available } venue online }
    errors { field code message }
  }
}
"""

UPDATE = """
mutation Update($input: UpdateConsultationInput!) {
  updateConsultation(input: $input) {
    consultation { id status recordingUrl summary { text language } title { text } }
    errors { field code message }
  }
}
"""

ADD_SESSION = """
mutation Session($input: AddWorkingSessionInput!) {
  addWorkingSession(input: $input) {
    session { number title { text } framingQuestions }
    errors { field code message }
  }
}
"""

ADD_PARTICIPANT = """
mutation Participant($input: AddParticipantInput!) {
  addParticipant(input: $input) {
    participant { id role attended organisation { name } contact { name } }
    errors { field code message }
  }
}
"""

ATTENDANCE = """
mutation Attendance($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) { participant { attended } errors { field code } }
}
"""

ARCHIVE = """
mutation Archive($id: ID!) {
  archiveConsultation(id: $id) { consultation { archivedAt } errors { code } }
}
"""


def titles(data: Any) -> list[str]:
    return [edge["node"]["title"]["text"] for edge in data["consultations"]["edges"]]


UPDATE_SESSION = """
mutation UpdateSession($input: UpdateWorkingSessionInput!) {
  updateWorkingSession(input: $input) {
    session { id number title { text language available } framingQuestions keyRecommendations }
    errors { field code message }
  }
}
"""

REMOVE_SESSION = """
mutation RemoveSession($input: RemoveInput!) {
  removeWorkingSession(input: $input) { session { id number } errors { field code } }
}
"""

REMOVE_PARTICIPANT = """
mutation RemoveParticipant($input: RemoveInput!) {
  removeParticipant(input: $input) {
    participant { id organisation { name } } errors { field code }
  }
}
"""
