"""What the trusted-document tests share: fixture documents, the CLI, raw requests."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx

from hub.core.document_ids import document_id
from tests.conftest import Client

USER = "coordinator@network.example.org"
GRAPHQL_RESPONSE = "application/graphql-response+json"

WORK_STREAM_COUNT = """query WorkStreamCount {
  workStreams(first: 5) {
    totalCount
  }
}
"""
CREATE_WORK_STREAM = """mutation CreateWorkStream($title: String!) {
  createWorkStream(input: {title: $title}) {
    errors {
      code
    }
  }
}
"""
WORK_STREAM_COUNT_ID = document_id(WORK_STREAM_COUNT)
CREATE_WORK_STREAM_ID = document_id(CREATE_WORK_STREAM)
UNREGISTERED = "{ workStreams(first: 1) { totalCount } }"


def write_documents(directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "work_stream_count.graphql").write_text(WORK_STREAM_COUNT, encoding="utf-8")
    (directory / "create_work_stream.graphql").write_text(CREATE_WORK_STREAM, encoding="utf-8")
    return directory


def hub(database_url: str, *args: str) -> subprocess.CompletedProcess[str]:
    """The ``hub`` command in its own process, on the test session's database."""
    env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_SECRET_KEY": "x" * 32}
    return subprocess.run(
        [sys.executable, "-m", "hub", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _headers(client: Client, tenant: str | None) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {client.token(USER)}", "Accept": GRAPHQL_RESPONSE}
    if tenant is not None:
        headers["X-Hub-Tenant"] = tenant
    return headers


async def post(
    client: Client, body: dict[str, Any] | list[dict[str, Any]], *, tenant: str | None = None
) -> httpx.Response:
    return await client.http.post("/graphql", json=body, headers=_headers(client, tenant))


async def get(
    client: Client, params: dict[str, Any], *, tenant: str | None = None
) -> httpx.Response:
    query = {k: json.dumps(v) if isinstance(v, dict) else v for k, v in params.items()}
    return await client.http.get("/graphql", params=query, headers=_headers(client, tenant))


def code(reply: httpx.Response) -> str:
    return str(reply.json()["errors"][0]["extensions"]["code"])
