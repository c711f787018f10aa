"""GraphiQL in development: the page and its files come from the hub itself; production
has no IDE."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from hub.api.ide.middleware import wants_ide
from hub.api.ide.page import DEFAULT_QUERY, TOKEN_PLACEHOLDER
from hub.app import create_app
from hub.core.config import DEFAULT_SECRET_KEY, Environment, Settings
from tests.conftest import Client

BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,*/*;q=0.8"
USER = "coordinator@network.example.org"
CONFIG = re.compile(r'<script id="hub-ide-config" type="application/json">(.*?)</script>', re.S)
LOCAL_URL = re.compile(r'(?:src|href)="(/[^"]*)"')


async def _open(http: httpx.AsyncClient, path: str = "/graphql") -> httpx.Response:
    return await http.get(path, headers={"Accept": BROWSER})


def _config(page: str) -> dict[str, str]:
    match = CONFIG.search(page)
    assert match is not None, page
    config: dict[str, str] = json.loads(match.group(1))
    return config


@pytest.fixture
async def demo_key(settings: Settings, network: None) -> AsyncIterator[Client]:
    """A development hub under the default secret key, as `./scripts/serve` runs it."""
    default_key = settings.model_copy(update={"secret_key": DEFAULT_SECRET_KEY})
    app = create_app(default_key, manage_orm=False)
    # On this machine's own address: under that key the hub answers nothing else.
    transport = httpx.ASGITransport(app=app)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://127.0.0.1:8000") as http,
    ):
        yield Client(http, app)


@pytest.fixture
async def production(settings: Settings, network: None) -> AsyncIterator[Client]:
    hardened = settings.model_copy(
        update={
            "environment": Environment.PRODUCTION,
            "master_key": base64.b64encode(b"p" * 32).decode(),
        }
    )
    app = create_app(hardened, manage_orm=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://hub") as http,
    ):
        yield Client(http, app)


async def test_a_browser_opening_graphql_gets_graphiql(client: Client) -> None:
    # when
    reply = await _open(client.http)
    # then
    assert reply.status_code == 200
    assert reply.headers["content-type"] == "text/html; charset=utf-8"
    assert reply.headers["cache-control"] == "no-store"
    assert "script-src 'self'" in reply.headers["content-security-policy"]
    assert "connect-src 'self'" in reply.headers["content-security-policy"]
    assert "<title>GraphiQL · Network Engagement Hub</title>" in reply.text
    assert _config(reply.text)["defaultQuery"] == DEFAULT_QUERY


async def test_the_page_names_no_other_host(client: Client) -> None:
    page = (await _open(client.http)).text
    assert re.findall(r"https?://", page) == []
    assert re.findall(r'(?:src|href)="//', page) == []
    assets = LOCAL_URL.findall(page)
    assert len(assets) == 6, assets  # React, ReactDOM, GraphiQL, its CSS, the page's own two


async def test_every_file_the_page_loads_is_served_for_a_year(
    client: Client, project_root: Path
) -> None:
    # given
    page = (await _open(client.http)).text
    for url in LOCAL_URL.findall(page):
        # when
        reply = await client.http.get(url)
        # then
        assert reply.status_code == 200, url
        kind = "text/css" if url.endswith(".css") else "text/javascript"
        assert reply.headers["content-type"] == f"{kind}; charset=utf-8", url
        assert reply.headers["cache-control"] == "public, max-age=31536000, immutable"
        assert reply.headers["x-content-type-options"] == "nosniff"
        digest = url.split("/")[2]
        assert hashlib.sha256(reply.content).hexdigest().startswith(digest), url
    graphiql = next(u for u in LOCAL_URL.findall(page) if u.endswith("/graphiql.min.js"))
    vendored = project_root / "hub/api/ide/vendor/graphiql.min.js"
    assert (await client.http.get(graphiql)).content == vendored.read_bytes()


@pytest.mark.parametrize(
    "path",
    [
        "/ide/0000000000000000/graphiql.min.js",  # an old or made-up digest
        "/ide/0000000000000000/settings.py",
        "/ide/x/../../config.py",
    ],
)
async def test_a_file_the_ide_does_not_have_is_404(client: Client, path: str) -> None:
    reply = await client.http.get(path)
    assert reply.status_code == 404
    if reply.headers["content-type"].startswith("application/json"):
        assert reply.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"


async def test_under_a_tenant_path_the_page_names_the_tenant(client: Client) -> None:
    reply = await _open(client.http, "/t/bangladesh/graphql")
    assert reply.status_code == 200
    assert "<title>GraphiQL · Network Engagement Hub · bangladesh</title>" in reply.text
    # The page's script sends queries to the path it was loaded from.
    hostile = await _open(client.http, "/t/%3Cscript%3E/graphql")
    assert "<script>" not in hostile.text.split("<body>")[0]


async def test_the_default_secret_key_prefills_a_working_demo_token(demo_key: Client) -> None:
    # given the page, as `./scripts/serve` serves it
    headers = json.loads(_config((await _open(demo_key.http)).text)["defaultHeaders"])
    # when its header and query are sent as GraphiQL sends them
    reply = await demo_key.http.post("/graphql", json={"query": DEFAULT_QUERY}, headers=headers)
    # then the coordinator sees the demo's work streams
    body = reply.json()
    assert reply.status_code == 200, body
    assert body["data"]["viewer"]["email"] == USER
    assert body["data"]["workStreams"]["totalCount"] == 12


async def test_a_secret_key_of_its_own_hands_out_no_token(client: Client) -> None:
    headers = json.loads(_config((await _open(client.http)).text)["defaultHeaders"])
    assert headers == {"Authorization": f"Bearer {TOKEN_PLACEHOLDER}"}


@pytest.mark.parametrize(
    ("accept", "query_string"),
    [
        ("*/*", ""),  # curl
        ("application/json", ""),
        ("text/html;q=0, */*", ""),
        (BROWSER, "?query=%7B__typename%7D"),
    ],
)
async def test_other_gets_reach_the_api(client: Client, accept: str, query_string: str) -> None:
    reply = await client.http.get(f"/graphql{query_string}", headers={"Accept": accept})
    assert reply.status_code == 401
    assert reply.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"


async def test_production_has_no_ide(production: Client) -> None:
    # when a browser opens the endpoint with a token, as a GET without a query
    token = production.token(USER)
    reply = await production.http.get(
        "/graphql", headers={"Accept": BROWSER, "Authorization": f"Bearer {token}"}
    )
    # then it is answered as any GET without a query: a request error, no page
    assert reply.status_code == 400
    assert reply.headers["content-type"].startswith("application/json")
    assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    # and without a token it is asked for one
    anonymous = await production.http.get("/graphql", headers={"Accept": BROWSER})
    assert anonymous.status_code == 401
    assert "GraphiQL" not in anonymous.text


async def test_production_serves_no_ide_files(production: Client, client: Client) -> None:
    page = (await _open(client.http)).text
    for url in LOCAL_URL.findall(page):
        assert (await production.http.get(url)).status_code == 404, url


@pytest.mark.parametrize(
    ("method", "accept", "query_string", "expected"),
    [
        ("GET", BROWSER, b"", True),
        ("HEAD", "text/html", b"", True),
        ("GET", "TEXT/HTML; q=0.5", b"", True),
        ("GET", "text/html;q=0", b"", False),
        ("GET", "text/html;q=oops", b"", False),
        ("GET", "*/*", b"", False),
        ("GET", "", b"", False),
        ("POST", BROWSER, b"", False),
        ("GET", BROWSER, b"documentId=sha256%3Aabc", False),
        ("GET", BROWSER, b"operationName=Dashboard", False),
        ("GET", BROWSER, b"tab=2", True),
    ],
)
def test_wants_ide(method: str, accept: str, query_string: bytes, expected: bool) -> None:
    scope = {
        "type": "http",
        "method": method,
        "query_string": query_string,
        "headers": [(b"accept", accept.encode())],
    }
    assert wants_ide(scope) is expected


@pytest.mark.parametrize("address", ["192.0.2.10", "hub.example.org", "[2001:db8::1]"])
async def test_under_the_default_key_no_other_address_is_answered(
    demo_key: Client, address: str
) -> None:
    # given a hub under the published key, started with a host the settings did not see
    # when a request reaches it on an address beyond this machine
    for path in ("/graphql", "/t/bangladesh/graphql"):
        reply = await demo_key.http.get(f"http://{address}{path}", headers={"Accept": BROWSER})
        # then it is refused, and no page hands out a token
        assert reply.status_code == 403, path
        assert reply.json()["errors"][0]["extensions"]["code"] == "FORBIDDEN"
        assert "HUB_SECRET_KEY" in reply.json()["errors"][0]["message"]
        assert "Bearer" not in reply.text
    # while this machine's own addresses are answered
    for local in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        page = await demo_key.http.get(f"http://{local}/graphql", headers={"Accept": BROWSER})
        assert page.status_code == 200, local
