"""Every list pages backwards as well as forwards: the `last` rows `before` a cursor are the
rows the forward pages hold just before it, in the list's order; paging back from the end
walks the whole list."""

from __future__ import annotations

from typing import Any

import pytest

from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"
LISTS = [
    ("proposals", ""),
    ("proposals", "orderBy: { field: TITLE, direction: DESC }"),
    ("workStreams", ""),
    ("organisations", ""),
    ("initiatives", ""),
    ("knowledgeResources", ""),
]
# (Consultations, statements, contacts and the audit log page through the same code; the
# demo holds too few of the first three to show it, and the log grows as it is read.)


async def _page(client: Client, field: str, extra: str, **window: Any) -> dict[str, Any]:
    arguments = ", ".join(
        [f"{k}: {v!r}".replace("'", '"') for k, v in window.items() if v is not None]
        + ([extra] if extra else [])
    )
    reply = await client.gql(
        f"{{ {field}({arguments}) {{ totalCount edges {{ cursor node {{ __typename }} }} "
        "pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }",
        user=COORDINATOR,
    )
    assert not reply.errors, reply.errors
    return dict(reply.data[field])


def _ids(page: dict[str, Any]) -> list[str]:
    return [edge["cursor"] for edge in page["edges"]]


@pytest.mark.parametrize(("field", "extra"), LISTS)
async def test_pages_backwards_hold_what_pages_forwards_hold(
    client: Client, field: str, extra: str
) -> None:
    everything = await _page(client, field, extra, first=100)
    cursors = _ids(everything)
    assert len(cursors) >= 4, f"the demo has too few {field} to page through"
    # the last two, from the end
    tail = await _page(client, field, extra, last=2)
    assert _ids(tail) == cursors[-2:]
    assert tail["pageInfo"]["hasPreviousPage"] is True
    assert tail["pageInfo"]["hasNextPage"] is False
    assert tail["totalCount"] == everything["totalCount"]
    # the two before the fourth
    before = await _page(client, field, extra, last=2, before=cursors[3])
    assert _ids(before) == cursors[1:3]
    assert before["pageInfo"]["hasPreviousPage"] is True
    assert before["pageInfo"]["hasNextPage"] is True
    # and back to the start, from its start cursor
    start = await _page(client, field, extra, last=5, before=before["pageInfo"]["startCursor"])
    assert _ids(start) == cursors[:1]
    assert start["pageInfo"]["hasPreviousPage"] is False
    # walking back from the end visits every row once, in order
    walked: list[str] = []
    page = await _page(client, field, extra, last=3)
    while True:
        walked = _ids(page) + walked
        if not page["pageInfo"]["hasPreviousPage"]:
            break
        page = await _page(client, field, extra, last=3, before=page["pageInfo"]["startCursor"])
    assert walked == cursors


@pytest.mark.parametrize(
    ("window", "field"),
    [
        ({"first": 2, "last": 2}, "last"),
        ({"after": "x", "before": "y"}, "last"),
        ({"last": 1000}, "last"),
        ({"last": 2, "before": "not-a-cursor"}, "before"),
    ],
)
async def test_a_window_that_mixes_directions_or_breaks_bounds_is_refused(
    client: Client, window: dict[str, Any], field: str
) -> None:
    arguments = ", ".join(f"{k}: {v!r}".replace("'", '"') for k, v in window.items())
    reply = await client.gql(f"{{ proposals({arguments}) {{ totalCount }} }}", user=COORDINATOR)
    assert reply.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert reply.errors[0]["extensions"]["field"] == field
