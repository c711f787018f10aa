"""Contacts are ordered as a front end asks, like every list, and page through that order."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry import relay

from hub.directory.models import Contact
from tests.conftest import Client, relay_id

COORDINATOR = "coordinator@network.example.org"
CONTACTS = """
query($orderBy: ContactOrder, $first: Int, $after: String) {
  contacts(first: $first, after: $after, orderBy: $orderBy, scope: NETWORK) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id name } }
  }
}
"""


async def _all(client: Client, order: dict[str, str] | None, first: int) -> list[dict[str, Any]]:
    """Every contact, page by page of ``first``."""
    nodes: list[dict[str, Any]] = []
    after = None
    while True:
        reply = await client.gql(
            CONTACTS, {"orderBy": order, "first": first, "after": after}, user=COORDINATOR
        )
        assert not reply.errors, reply.errors
        page = reply.data["contacts"]
        nodes += [edge["node"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            assert len(nodes) == page["totalCount"]
            return nodes
        after = page["pageInfo"]["endCursor"]


@pytest.mark.parametrize("direction", ["ASC", "DESC"])
async def test_contacts_are_ordered_by_name_and_by_when_recorded(
    client: Client, direction: str
) -> None:
    by_name = await _all(client, {"field": "NAME", "direction": direction}, first=2)
    names = [node["name"] for node in by_name]
    assert len(names) > 2
    assert names == sorted(names, reverse=direction == "DESC")

    by_time = await _all(client, {"field": "CREATED_AT", "direction": direction}, first=2)
    ids = [relay.GlobalID.from_id(node["id"]).node_id for node in by_time]
    rows = await Contact.filter(id__in=ids)
    # Ties of the time are broken by id, in the same direction.
    rows.sort(key=lambda row: (row.created_at, str(row.id)), reverse=direction == "DESC")
    assert [node["id"] for node in by_time] == [relay_id("Contact", row.id) for row in rows]
