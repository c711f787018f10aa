"""Workloads beyond one repeated request, each run against every server that can answer it:

- ``many-callers``: the headline query by thousands of distinct callers in turn (each with
  a token of their own and their tenant), so that no answer is in the hub's result cache
  when its caller comes round again;
- ``paging``: fresh cursor walks through the proposals of a large tenant, each page of a
  random size between 1 and 100, following each answer's ``endCursor``;
- ``read-write``: the headline query, with one request in twenty an ``updateWorkStream`` on
  a work stream of the caller's tenant instead.

Before the load, every server is asked a sample of the workload's requests and their rows
(ids, and titles where asked) are compared: a server that answered other rows would be
measured doing other work.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import re
import time
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, Protocol

import asyncpg

from bench_lib import operations, peers, servers
from bench_lib.client import Walk
from bench_lib.load import Load, OperationFailed, drive_plan, request_once
from hub.auth.tokens import issue_dev_token

WORKLOADS = ("many-callers", "paging", "read-write")
WRITE_SHARE = 0.05
WALK_PAGES = 20
SAMPLE_CALLERS = 20
SAMPLE_PAGES = 8
WRITES = 200

HUB_PAGE = """
query Page($first: Int, $after: String) {
  proposals(first: $first, after: $after) {
    edges { node { id title } }
    pageInfo { endCursor hasNextPage }
  }
}
"""
POSTGRAPHILE_PAGE = """
query Page($tenant: UUID!, $first: Int, $after: Cursor) {
  allProposals(first: $first, after: $after, condition: {tenantId: $tenant, archivedAt: null},
               orderBy: [SUBMITTED_AT_DESC, ID_DESC]) {
    nodes { id title }
    pageInfo { endCursor hasNextPage }
  }
}
"""
HUB_WRITE = """
mutation UpdateWorkStream($id: ID!, $title: String) {
  updateWorkStream(input: {id: $id, title: $title}) { workStream { id title } }
}
"""
POSTGRAPHILE_WRITE = """
mutation UpdateWorkStream($id: UUID!, $title: String) {
  updateWorkStreamById(input: {id: $id, workStreamPatch: {title: $title}}) {
    workStream { id title }
  }
}
"""
JSON = {"Content-Type": "application/json"}


@dataclass(frozen=True)
class Caller:
    email: str
    slug: str
    tenant_id: str


Request = dict[str, Any]


class Dialect(Protocol):
    """How one server is asked the workloads' requests."""

    def headline(self, caller: Caller) -> Request: ...

    def walk(self, caller: Caller) -> dict[str, Any]: ...

    def write(self, caller: Caller, work_stream: str, title: str) -> Request: ...


def _request(headers: dict[str, str], document: dict[str, Any]) -> Request:
    return {"headers": headers, "body": json.dumps(document)}


class HubDialect:
    """The hub's own schema; the caller is named by a token and the tenant by a header."""

    def __init__(self) -> None:
        self.tokens: dict[str, dict[str, str]] = {}

    def headers(self, caller: Caller) -> dict[str, str]:
        if caller.email not in self.tokens:
            token = issue_dev_token(servers.BENCH_SECRET, caller.email, None, timedelta(hours=4))
            self.tokens[caller.email] = {
                "Authorization": f"Bearer {token}",
                "X-Hub-Tenant": caller.slug,
                **JSON,
            }
        return self.tokens[caller.email]

    def headline(self, caller: Caller) -> Request:
        return _request(self.headers(caller), {"query": operations.HEADLINE})

    def walk(self, caller: Caller) -> dict[str, Any]:
        return {
            "headers": self.headers(caller),
            "query": HUB_PAGE,
            "variables": {},
            "connection": ["data", "proposals"],
        }

    def write(self, caller: Caller, work_stream: str, title: str) -> Request:
        # The hub's ids are Relay global ids: the type's name and the key, in base64.
        global_id = base64.b64encode(f"WorkStream:{work_stream}".encode()).decode()
        variables = {"id": global_id, "title": title}
        return _request(self.headers(caller), {"query": HUB_WRITE, "variables": variables})


class PostGraphileDialect:
    """PostGraphile 4's names; it knows no callers, so the tenant is a condition."""

    def headline(self, caller: Caller) -> Request:
        variables = {"tenant": caller.tenant_id}
        return _request(JSON, {"query": operations.POSTGRAPHILE_HEADLINE, "variables": variables})

    def walk(self, caller: Caller) -> dict[str, Any]:
        return {
            "headers": JSON,
            "query": POSTGRAPHILE_PAGE,
            "variables": {"tenant": caller.tenant_id},
            "connection": ["data", "allProposals"],
        }

    def write(self, caller: Caller, work_stream: str, title: str) -> Request:
        variables = {"id": work_stream, "title": title}
        return _request(JSON, {"query": POSTGRAPHILE_WRITE, "variables": variables})


class RawDialect:
    """The hand-written server: the operation's name picks the statement, and the tenant is
    a variable (bench_lib.raw_server)."""

    def headline(self, caller: Caller) -> Request:
        return _request(JSON, {"query": "", "variables": {"tenant": caller.tenant_id}})

    def walk(self, caller: Caller) -> dict[str, Any]:
        return {
            "headers": JSON,
            "query": "",
            "operation_name": "Page",
            "variables": {"tenant": caller.tenant_id},
            "connection": ["data", "proposals"],
        }

    def write(self, caller: Caller, work_stream: str, title: str) -> Request:
        variables = {"id": work_stream, "title": title, "tenant": caller.tenant_id}
        document = {"query": "", "operationName": "UpdateWorkStream", "variables": variables}
        return _request(JSON, document)


@dataclass(frozen=True)
class Setting:
    """What a workload runs on: its callers, the large tenant's member, writable work
    streams of the benchmark tenant."""

    callers: list[Caller]
    member: Caller
    pager: Caller
    work_streams: list[str]
    seed: int


async def setting(dsn: str, member_email: str, large_tenant_slug: str, seed: int) -> Setting:
    connection = await asyncpg.connect(dsn)
    try:
        rows = await connection.fetch(
            "SELECT u.email, t.slug, t.id FROM hub_user u JOIN tenant t ON t.id = "
            "u.home_tenant_id WHERE t.level = 'national' ORDER BY t.slug, u.email"
        )
        callers = [Caller(row["email"], row["slug"], str(row["id"])) for row in rows]
        member = next(c for c in callers if c.email == member_email)
        pager = next(c for c in callers if c.slug == large_tenant_slug and "member@" in c.email)
        # Streams a member may update: not restricted, not archived.
        streams = await connection.fetch(
            "SELECT id FROM work_stream WHERE tenant_id = $1 AND archived_at IS NULL "
            "AND classification IN ('public', 'network') ORDER BY id LIMIT 50",
            member.tenant_id,
        )
    finally:
        await connection.close()
    if not streams:
        raise OperationFailed("the benchmark tenant has no work stream a member may update")
    return Setting(callers, member, pager, [str(row["id"]) for row in streams], seed)


def plan(workload: str, dialect: Dialect, where: Setting) -> dict[str, Any]:
    """The load client's plan (bench_lib.client) of ``workload`` in ``dialect``."""
    if workload == "many-callers":
        requests = [dialect.headline(caller) for caller in where.callers]
        return {"kind": "rotate", "requests": requests}
    if workload == "paging":
        walk = dialect.walk(where.pager)
        return {"kind": "walk", "seed": where.seed, "pages": WALK_PAGES, **walk}
    if workload == "read-write":
        streams = where.work_streams
        writes = [
            dialect.write(where.member, streams[i % len(streams)], f"Renamed work stream {i}")
            for i in range(WRITES)
        ]
        return {
            "kind": "mix",
            "reads": [dialect.headline(where.member)],
            "writes": writes,
            "write_share": WRITE_SHARE,
            "seed": where.seed,
        }
    raise ValueError(f"unknown workload: {workload}")


_GLOBAL_ID = re.compile(r"^[A-Za-z]+:([0-9a-f-]{36})$")


def _key(value: Any) -> str:
    """An id as the others write it: a Relay global id's key, else the id itself."""
    text = str(value)
    with contextlib.suppress(binascii.Error, UnicodeDecodeError, ValueError):
        found = _GLOBAL_ID.match(base64.b64decode(text, validate=True).decode())
        if found:
            return found.group(1)
    return text


def rows(answer: Any) -> list[tuple[str, str | None]]:
    """Every object with an id in an answer, in order: its id and title."""
    found: list[tuple[str, str | None]] = []
    if isinstance(answer, dict):
        if "id" in answer:
            found.append((_key(answer["id"]), answer.get("title")))
        for key, value in answer.items():
            if key != "id":
                found += rows(value)
    elif isinstance(answer, list):
        for value in answer:
            found += rows(value)
    return found


def _send(url: str, request: Request) -> dict[str, Any]:
    answer, _ = request_once(url, request["body"].encode(), request["headers"])
    return answer


def _sample_walk(url: str, walk: dict[str, Any], seed: int) -> list[list[tuple[str, Any]]]:
    pages = Walk(
        walk["headers"],
        walk["query"],
        walk["variables"],
        walk["connection"],
        f"sample:{seed}",
        SAMPLE_PAGES,
        walk.get("operation_name"),
    )
    found = []
    for _ in range(SAMPLE_PAGES):
        headers, body = pages.next()
        answer, _ = request_once(url, body, headers)
        found.append(rows(answer))
        pages.seen(200, json.dumps(answer).encode())
        if pages.walked == 0:
            break
    return found


def sample(workload: str, url: str, dialect: Dialect, where: Setting) -> list[Any]:
    """The rows of a sample of the workload's requests, as ``url`` answers them."""
    if workload == "many-callers":
        step = max(1, len(where.callers) // SAMPLE_CALLERS)
        return [rows(_send(url, dialect.headline(c))) for c in where.callers[::step]]
    if workload == "paging":
        return _sample_walk(url, dialect.walk(where.pager), where.seed)
    if workload == "read-write":
        # The write first: then every server reads the same titles after it.
        write = dialect.write(where.member, where.work_streams[0], "Checked title")
        return [rows(_send(url, write)), rows(_send(url, dialect.headline(where.member)))]
    raise ValueError(f"unknown workload: {workload}")


def compare(samples: dict[str, list[Any]]) -> dict[str, Any]:
    """Whether every server's sample holds the same rows as the first server's."""
    names = list(samples)
    first = samples[names[0]]
    differing = [name for name in names[1:] if samples[name] != first]
    difference = ""
    if differing:
        other = samples[differing[0]]
        for index, (mine, theirs) in enumerate(zip(first, other, strict=False)):
            if mine != theirs:
                difference = (
                    f"answer {index}: {names[0]} {str(mine)[:200]} / "
                    f"{differing[0]} {str(theirs)[:200]}"
                )
                break
        else:
            difference = f"{len(first)} answers / {len(other)} answers"
    answers = len(first)
    return {
        "servers": names,
        "answers": answers,
        "rows": sum(len(rows) for rows in first),
        "same": not differing,
        "differing": differing,
        "difference": difference,
    }


def first_round(url: str, requests: list[Request], concurrency: int) -> dict[str, float]:
    """Every request once, ``concurrency`` at a time: each caller's first visit, before
    the load measures callers that the server has seen (a caller comes back; the first
    visit of each, with everything about them to read, is measured here)."""
    started = time.perf_counter()
    with ThreadPoolExecutor(concurrency) as pool:
        list(pool.map(lambda request: _send(url, request), requests))
    seconds = time.perf_counter() - started
    return {
        "first_round_requests": len(requests),
        "first_round_s": round(seconds, 2),
        "first_round_rps": len(requests) / seconds,
    }


def cache_counts(server: servers.Server) -> dict[str, int] | None:
    """The hub's result-cache hits and misses so far (bench_lib.hub_server); None for a
    server that has no such counts."""
    from bench_lib.hub_server import CACHE_ROUTE

    if not server.name.startswith("hub"):
        return None
    url = f"http://{servers.HOST}:{server.port}{CACHE_ROUTE}"
    with urllib.request.urlopen(url, timeout=10) as reply:
        counts: dict[str, int] = json.loads(reply.read())
    return counts


def hit_rate(
    before: dict[str, int] | None, after: dict[str, int] | None
) -> tuple[float | None, int | None]:
    """The share of look-ups that hit between two readings, and how many there were."""
    if before is None or after is None:
        return None, None
    hits = after["hits"] - before["hits"]
    looked = hits + after["misses"] - before["misses"]
    return (hits / looked if looked else 0.0), looked


@contextlib.contextmanager
def started(
    workload: str, dsn: str, tenant_id: str, workers: int, pool: int, peer: bool, notes: list[str]
) -> Iterator[list[tuple[servers.Server, Dialect]]]:
    """The servers of a workload, all at once: the hub with its result cache on and off,
    raw asyncpg and, when asked for and Node.js is here, PostGraphile 4 (with its mutations
    for ``read-write``)."""
    with contextlib.ExitStack() as stack:
        found: list[tuple[servers.Server, Dialect]] = []
        for cache_off in (False, True):
            hub = stack.enter_context(servers.hub(dsn, workers, False, pool, cache_off))
            found.append((hub, HubDialect()))
        raw = stack.enter_context(servers.raw(dsn, tenant_id, workers))
        found.append((raw, RawDialect()))
        try:
            if peer:
                executable = peers.postgraphile_executable()
                mutations = workload == "read-write"
                postgraphile = servers.postgraphile(executable, dsn, pool, mutations)
                found.append((stack.enter_context(postgraphile), PostGraphileDialect()))
        except peers.PeerUnavailable as exc:
            notes.append(f"PostGraphile did not take part in {workload}: {exc}")
        yield found


def measure(
    workload: str,
    where: Setting,
    dsn: str,
    tenant_id: str,
    workers: int,
    pool: int,
    load: Load,
    peer: bool,
    notes: list[str],
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The workload's figures on every server, and the comparison of their samples."""
    results: list[dict[str, Any]] = []
    with started(workload, dsn, tenant_id, workers, pool, peer, notes) as found:
        samples = {server.name: sample(workload, server.url, d, where) for server, d in found}
        same = compare(samples)
        print(
            f"  {workload}: same rows from {', '.join(same['servers'])}: {same['same']}",
            flush=True,
        )
        for server, dialect in found:
            print(f"  {server.name}: {workload}", flush=True)
            planned = plan(workload, dialect, where)
            first: dict[str, float] = {}
            if workload == "many-callers":
                first = first_round(server.url, planned["requests"], load.concurrency)
            before = cache_counts(server)
            figures = {**drive_plan(server, planned, load), **first}
            rate, lookups = hit_rate(before, cache_counts(server))
            results.append(
                {
                    "workload": workload,
                    "server": server.name,
                    **figures,
                    "cache_hit_rate": rate,
                    "cache_lookups": lookups,
                }
            )
    return results, same
