"""Two server processes on one PostgreSQL database: a proposal submitted through one
reaches the subscribers of the other, and only those who may read it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import subprocess
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import httpx
import pytest

from hub.auth.tokens import issue_dev_token
from hub.directory.models import Organisation
from tests.conftest import BACKEND, SECRET_KEY, relay_id
from tests.live.wsclient import WAIT_SECONDS, free_port, opened

pytestmark = pytest.mark.skipif(
    BACKEND != "postgres", reason="processes share events through PostgreSQL NOTIFY"
)

COORDINATOR = "coordinator@network.example.org"
PARTNER = "partner@civil-society.example.org"  # PUBLIC and NETWORK, in Bangladesh
FOCAL_EUROPE = "focal.europe@network.example.org"
BANGLADESH_ORGANISATION = "Migrant workers' rights network (demo)"
SPAIN_ORGANISATION = "Federación de asociaciones de personas migrantes (demo)"

SUBMITTED = "subscription { proposalSubmitted { id title } }"
SUBMIT = """
mutation Submit($input: SubmitProposalInput!) {
  submitProposal(input: $input) { proposal { id } errors { code message } }
}
"""


def token(email: str) -> str:
    return issue_dev_token(SECRET_KEY, email, None, timedelta(hours=1))


async def _readyz(http: httpx.AsyncClient) -> dict[str, Any]:
    with contextlib.suppress(httpx.TransportError):
        reply = await http.get("/readyz")
        if reply.status_code == 200:
            return dict(reply.json())
    return {}


async def _until(http: httpx.AsyncClient, what: str, **live: object) -> None:
    """Wait until the server's ``/readyz`` reports this state of its live updates."""
    for _ in range(int(WAIT_SECONDS / 0.05)):
        state = (await _readyz(http)).get("live") or {}
        if all(state.get(key) == value for key, value in live.items()):
            return
        await asyncio.sleep(0.05)
    raise AssertionError(f"the server never reported {what}")


@asynccontextmanager
async def server(database_url: str) -> AsyncIterator[httpx.AsyncClient]:
    port = free_port()
    env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_SECRET_KEY": SECRET_KEY}
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "hub",
        "serve",
        "--port",
        str(port),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            await _until(http, "listening", listening=True)
            yield http
    finally:
        process.terminate()
        await asyncio.wait_for(process.wait(), timeout=30)


async def submit(http: httpx.AsyncClient, tenant: str, organisation: str, level: str) -> str:
    org = await Organisation.get(name=organisation)
    variables = {
        "input": {
            "organisation": relay_id("Organisation", org.id),
            "target": "WORK_PLAN",
            "title": f"{level.title()} proposal in {tenant}",
            "classification": level,
        }
    }
    reply = await http.post(
        "/graphql",
        json={"query": SUBMIT, "variables": variables},
        headers={"Authorization": f"Bearer {token(COORDINATOR)}", "X-Hub-Tenant": tenant},
    )
    payload = reply.json()["data"]["submitProposal"]
    assert payload["errors"] == [], payload
    return str(payload["proposal"]["id"])


async def test_an_event_crosses_processes_to_those_who_may_read_it(
    database_url: str, network: None
) -> None:
    async with server(database_url) as one, server(database_url) as two:
        base = str(one.base_url).replace("http://", "ws://").rstrip("/")
        # given three subscribers on the first process
        async with (
            opened(base, token=token(COORDINATOR)) as coordinator,
            opened(base, "/t/bangladesh/graphql", token=token(PARTNER)) as partner,
            opened(base, token=token(FOCAL_EUROPE)) as europe,
        ):
            for live in (coordinator, partner, europe):
                await live.subscribe(SUBMITTED)
            await _until(one, "three subscriptions", subscriptions=3)
            # when proposals are submitted through the second process: a RESTRICTED one in
            # Bangladesh, then NETWORK ones in Bangladesh and in Spain
            restricted = await submit(two, "bangladesh", BANGLADESH_ORGANISATION, "RESTRICTED")
            bangladesh = await submit(two, "bangladesh", BANGLADESH_ORGANISATION, "NETWORK")
            spain = await submit(two, "spain", SPAIN_ORGANISATION, "NETWORK")
            # then the coordinator receives all three, in order
            received = [
                (await coordinator.next_payload())["payload"]["data"]["proposalSubmitted"]["id"]
                for _ in range(3)
            ]
            assert received == [restricted, bangladesh, spain]
            # and the partner, who may not read RESTRICTED, first gets the NETWORK one
            first = await partner.next_payload()
            assert first["payload"]["data"]["proposalSubmitted"]["id"] == bangladesh
            # and Europe, another tenant, first gets the one in Spain
            first = await europe.next_payload()
            assert first["payload"]["data"]["proposalSubmitted"]["id"] == spain
