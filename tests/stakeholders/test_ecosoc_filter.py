"""Organisations are found by ECOSOC status: the partners without accreditation the
consultation asked the network to reach, or those with it."""

from __future__ import annotations

from collections import Counter

from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"
QUERY = """
query($filter: OrganisationFilter) {
  organisations(first: 100, scope: NETWORK, filter: $filter) {
    totalCount edges { node { name ecosocStatus } }
  }
}
"""


async def test_organisations_by_ecosoc_status(client: Client) -> None:
    everything = await client.gql(QUERY, {}, user=COORDINATOR)
    counts = Counter(e["node"]["ecosocStatus"] for e in everything.data["organisations"]["edges"])
    assert len(counts) > 1  # the demo holds organisations with and without accreditation
    for status, count in counts.items():
        reply = await client.gql(QUERY, {"filter": {"ecosocStatus": [status]}}, user=COORDINATOR)
        shown = reply.data["organisations"]
        assert shown["totalCount"] == count
        assert {e["node"]["ecosocStatus"] for e in shown["edges"]} == {status}
    both = list(counts)[:2]
    reply = await client.gql(QUERY, {"filter": {"ecosocStatus": both}}, user=COORDINATOR)
    assert reply.data["organisations"]["totalCount"] == counts[both[0]] + counts[both[1]]
