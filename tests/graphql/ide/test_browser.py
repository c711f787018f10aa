"""GraphiQL in a real browser: headless Chromium opens the hub's own page, with no other
host to reach, and runs the prefilled query through it.

Chromium is Debian's (`apt-get install chromium`, which `scripts/test` does when it runs as
root); set HUB_TEST_CHROMIUM to use another binary. Without one the test is skipped, loudly,
except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import asyncio
import json
import os
import shutil
import socket
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn
from playwright.async_api import Browser, ConsoleMessage, Page, Request, async_playwright

from hub.api.ide.page import DEFAULT_QUERY
from hub.app import create_app
from hub.core.config import DEFAULT_SECRET_KEY, Settings

# The flags that work on a machine without a display, a GPU or internet access; Playwright
# adds --headless and a fresh --user-data-dir of its own.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Each wait is bounded; a page that works renders in about a second.
TIMEOUT_MS = 15_000
RESULT = "document.querySelector('.result-window .CodeMirror')"


def _chromium() -> str:
    binary = os.environ.get("HUB_TEST_CHROMIUM") or shutil.which("chromium")
    if binary:
        return binary
    message = (
        "NO CHROMIUM: the GraphiQL browser test did not run. Install it with "
        "`apt-get install -y chromium` (scripts/test does so as root) or set HUB_TEST_CHROMIUM."
    )
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture
async def hub_url(settings: Settings, network: None) -> AsyncIterator[str]:
    """The hub on a free loopback port, under the development secret key as
    `./scripts/serve` runs it, so that the page prefills a demo token."""
    default_key = settings.model_copy(update={"secret_key": DEFAULT_SECRET_KEY})
    app = create_app(default_key, manage_orm=False)
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_config=None, log_level="warning"))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        for _ in range(200):
            if server.started or serving.done():
                break
            await asyncio.sleep(0.05)
        assert server.started, "the hub did not start"
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving
        sock.close()


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    binary = _chromium()
    async with async_playwright() as playwright:
        launched = await playwright.chromium.launch(executable_path=binary, args=CHROMIUM_FLAGS)
        try:
            yield launched
        finally:
            await launched.close()


@dataclass
class Visit:
    page: Page
    requests: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.problems.append(message.text)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)


async def _open(browser: Browser, url: str) -> Visit:
    page = await browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(TIMEOUT_MS)
    visit = Visit(page)
    page.on("console", visit._on_console)
    page.on("pageerror", lambda error: visit.problems.append(str(error)))
    page.on("request", visit._on_request)
    await page.goto(url)
    await page.wait_for_selector(".graphiql-execute-button")
    return visit


async def _result(page: Page) -> Any:
    # CodeMirror draws only the lines in view: read its document, not the screen.
    await page.wait_for_function(f"() => {RESULT} && {RESULT}.CodeMirror.getValue() !== ''")
    return json.loads(await page.evaluate(f"() => {RESULT}.CodeMirror.getValue()"))


async def _as_the_api_answers(url: str, page: Page) -> Any:
    """The default query, sent with the header the page shows in its headers editor."""
    headers = json.loads(
        await page.evaluate(
            "() => document.querySelector('.graphiql-editor-tool .graphiql-editor:not(.hidden)"
            " .CodeMirror').CodeMirror.getValue()"
        )
    )
    async with httpx.AsyncClient() as http:
        reply = await http.post(url, json={"query": DEFAULT_QUERY}, headers=headers)
    return reply.json()


async def test_graphiql_runs_the_prefilled_query(hub_url: str, browser: Browser) -> None:
    # given GraphiQL, opened as a browser opens /graphql
    visit = await _open(browser, f"{hub_url}/graphql")
    # when the run button is pressed
    await visit.page.click(".graphiql-execute-button")
    # then the result pane shows the demo's work streams, as the coordinator sees them
    result = await _result(visit.page)
    assert result["data"]["viewer"]["email"] == "coordinator@network.example.org"
    assert result["data"]["workStreams"]["totalCount"] == 12
    titles = [edge["node"]["title"] for edge in result["data"]["workStreams"]["edges"]]
    assert "The voice of the Network" in titles
    assert result == await _as_the_api_answers(f"{hub_url}/graphql", visit.page)
    # and GraphiQL's introspection got through the hub's limits: the docs show the schema
    await visit.page.click("button[aria-label='Show Documentation Explorer']")
    await visit.page.wait_for_selector(".graphiql-doc-explorer >> text=Root Types")
    # and nothing but the hub was asked for anything, and nothing went wrong on the page
    assert visit.requests
    assert [u for u in visit.requests if not u.startswith(f"{hub_url}/")] == []
    assert visit.problems == []


async def test_graphiql_under_a_tenant_path_queries_that_tenant(
    hub_url: str, browser: Browser
) -> None:
    # given GraphiQL opened under Bangladesh's path
    visit = await _open(browser, f"{hub_url}/t/bangladesh/graphql")
    # when the query is run from the keyboard
    await visit.page.click(".graphiql-query-editor .CodeMirror")
    await visit.page.keyboard.press("Control+Enter")
    # then it ran in Bangladesh, which sees only its own subtree
    result = await _result(visit.page)
    assert result["data"]["viewer"]["tenant"]["slug"] == "bangladesh"
    assert 0 < result["data"]["workStreams"]["totalCount"] < 12
    assert result == await _as_the_api_answers(f"{hub_url}/t/bangladesh/graphql", visit.page)
    assert visit.problems == []
