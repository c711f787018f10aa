"""GraphQL documents and people shared by the fund tests."""

from __future__ import annotations

FUND_MANAGER = "fund.manager@network.example.org"
STEERING = "steering@network.example.org"
DONOR = "donor@donor-a.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"
PARTNER = "partner@civil-society.example.org"
COORDINATOR = "coordinator@network.example.org"

OVERVIEW = """
query Overview {
  funds(first: 10) {
    totalCount
    edges { node {
      id name administrativeAgent
      target { amount currency }
      thematicAreas { number title projects { title budget { amount currency } status } }
      mous { signatory signedOn }
      steeringCommittee { seat name organisation { name } }
      totals {
        target { amount currency }
        committed { amount currency }
        received { amount currency }
        gapToTarget { amount currency }
        byCurrency { currency inOutreach committed signed received }
      }
    } }
  }
}
"""

PLEDGES = """
query Pledges($first: Int!) {
  funds(first: 10) {
    edges { node {
      name
      totals { committed { amount } }
      pledges(first: $first) {
        totalCount
        edges { node { id amount { amount currency } status donor { name } } }
      }
    } }
  }
}
"""

RECORD = """
mutation Record($input: RecordPledgeInput!) {
  recordPledge(input: $input) {
    pledge { id amount { amount currency } status classification donor { name } }
    errors { field code message }
  }
}
"""

MOVE = """
mutation Move($input: ChangePledgeStatusInput!) {
  changePledgeStatus(input: $input) { pledge { status } errors { field code message } }
}
"""

CREATE_PROJECT = """
mutation Project($input: CreateFundProjectInput!) {
  createFundProject(input: $input) {
    project { id title budget { amount currency } status }
    errors { field code message }
  }
}
"""

NODE = "query($id: ID!) { node(id: $id) { id } }"
