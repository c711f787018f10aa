"""No state change through a simple cross-site request."""

from __future__ import annotations

import json

import pytest

from hub.core.config import Settings
from tests.conftest import Client
from tests.http_guard.conftest import COORDINATOR, FRONT_END, VIEWER, Serve, production

CREATE = 'mutation { createWorkStream(input: {title: "Forged"}) { workStream { id } } }'
COUNT = '{ workStreams(filter: {search: "Forged"}) { totalCount } }'
EVIL = "https://evil.example.com"


async def _forged(hub: Client) -> int:
    reply = await hub.gql(COUNT, user=COORDINATOR)
    return int(reply.data["workStreams"]["totalCount"])


FORMS = {
    "text/plain": (json.dumps({"query": CREATE}).encode(), "text/plain"),
    "urlencoded": (b"query=" + CREATE.encode(), "application/x-www-form-urlencoded"),
    "multipart": (
        b'--b\r\nContent-Disposition: form-data; name="operations"\r\n\r\n'
        + json.dumps({"query": CREATE}).encode()
        + b"\r\n--b--\r\n",
        "multipart/form-data; boundary=b",
    ),
}


@pytest.mark.parametrize(("body", "content_type"), FORMS.values(), ids=FORMS.keys())
async def test_a_form_post_of_a_mutation_changes_nothing(
    client: Client, body: bytes, content_type: str
) -> None:
    # given a page on another site posting a form with the user's token (the worst case)
    headers = {
        "Authorization": f"Bearer {client.token(COORDINATOR)}",
        "Content-Type": content_type,
        "Origin": EVIL,
    }

    # when the browser sends it
    reply = await client.http.post("/graphql", content=body, headers=headers)

    # then it is refused for its media type and nothing was created
    assert reply.status_code == 415
    assert reply.json()["errors"][0]["extensions"]["code"] == "UNSUPPORTED_MEDIA_TYPE"
    assert await _forged(client) == 0


async def test_the_same_mutation_as_json_does_change_something(client: Client) -> None:
    # The control for the test above: the mutation is one that would succeed.
    reply = await client.gql(CREATE, user=COORDINATOR)

    assert reply.data["createWorkStream"]["workStream"]["id"]
    assert await _forged(client) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": EVIL},
        {"Origin": EVIL, "Sec-Fetch-Site": "cross-site"},
        {"Origin": "null"},
        {"Origin": "https://hub.test.evil.example.com"},
        {"Sec-Fetch-Site": "cross-site"},
    ],
    ids=["origin", "origin and fetch metadata", "null origin", "look-alike", "fetch metadata"],
)
async def test_production_refuses_a_cross_site_post(
    serve: Serve, settings: Settings, headers: dict[str, str], sql_log: list[str]
) -> None:
    async with serve(production(settings), base_url="https://hub.test") as hub:
        sql_log.clear()
        refused = await hub.gql(CREATE, user=COORDINATOR, headers=headers)
        statements = list(sql_log)
        forged = await _forged(hub)

    assert refused.status == 403
    assert refused.codes == ["FORBIDDEN"]
    assert "may not be posted" in refused.errors[0]["message"]
    assert statements == []
    assert forged == 0


@pytest.mark.parametrize(
    "headers",
    [
        {},  # not a browser: scripts, servers, curl
        {"Origin": "https://hub.test"},
        {"Origin": "http://hub.test"},  # TLS ended by a proxy in front of the hub
        {"Origin": FRONT_END, "Sec-Fetch-Site": "cross-site"},
        {"Origin": EVIL, "Sec-Fetch-Site": "same-origin"},  # the browser's word decides
        {"Sec-Fetch-Site": "none"},  # typed into the address bar, a bookmark
    ],
    ids=["no origin", "own origin", "own host", "cors origin", "same-origin", "user"],
)
async def test_production_accepts_same_origin_and_configured_origins(
    serve: Serve, settings: Settings, headers: dict[str, str]
) -> None:
    hardened = production(settings, cors_origins=FRONT_END)
    async with serve(hardened, base_url="https://hub.test") as hub:
        reply = await hub.gql(VIEWER, user=COORDINATOR, headers=headers)

    assert reply.status == 200
    assert reply.data == {"viewer": {"email": COORDINATOR}}


async def test_get_is_not_checked(serve: Serve, settings: Settings) -> None:
    # GET runs no mutation; reading across origins is what CORS governs.
    async with serve(production(settings)) as hub:
        reply = await hub.http.get(
            "/graphql",
            params={"query": VIEWER},
            headers={"Origin": EVIL, "Authorization": f"Bearer {hub.token(COORDINATOR)}"},
        )

    assert reply.status_code == 200


async def test_the_check_is_off_in_development_unless_asked_for(
    serve: Serve, settings: Settings
) -> None:
    cross_site = {"Origin": EVIL}
    async with serve(settings) as development:
        relaxed = await development.gql(VIEWER, user=COORDINATOR, headers=cross_site)
    async with serve(settings.model_copy(update={"csrf_check": True})) as checked:
        refused = await checked.gql(VIEWER, user=COORDINATOR, headers=cross_site)
    async with serve(production(settings, csrf_check=False)) as unchecked:
        allowed = await unchecked.gql(VIEWER, user=COORDINATOR, headers=cross_site)

    assert (relaxed.status, refused.status, allowed.status) == (200, 403, 200)
