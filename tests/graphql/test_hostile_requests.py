"""No request, however malformed or hostile, gets a 5xx: every one is answered with a
client error (or a 200 carrying errors), and every error names its code, never INTERNAL."""

from __future__ import annotations

import base64
import json
from collections.abc import AsyncIterator
from dataclasses import dataclass, field

import httpx
import pytest

from hub.app import create_app
from hub.core.config import Environment, Settings
from tests.conftest import Client

USER = "coordinator@network.example.org"


@dataclass(frozen=True)
class Hostile:
    name: str
    body: bytes | None = None
    method: str = "POST"
    path: str = "/graphql"
    headers: dict[str, str] = field(default_factory=dict)
    authorised: bool = True
    # A few are answered: a hidden or unknown id is null, as for any id one may not see, and
    # an invalid mutation input is a payload error.
    answered: bool = False


def _query(query: str, **more: object) -> bytes:
    return json.dumps({"query": query, **more}).encode()


def _global_id(raw: str) -> str:
    return base64.b64encode(raw.encode()).decode()


_UUID = "00000000-0000-0000-0000-000000000000"


def _after(payload: list[object], more: str = "") -> str:
    """A work-stream list read after a cursor made by hand."""
    cursor = base64.urlsafe_b64encode(json.dumps(payload).encode()).decode()
    return f'{{ workStreams(after: "{cursor}" {more}) {{ totalCount }} }}'


def _fragment_chain(length: int) -> str:
    fragments = " ".join(f"fragment F{n} on Query {{ ...F{n + 1} }}" for n in range(length))
    return f"query {{ ...F0 }} {fragments} fragment F{length} on Query {{ viewer {{ email }} }}"


_DEEP_JSON = 40_000
_DEEP_DOCUMENT = 1_500

HOSTILE = [
    Hostile(
        "deeply nested JSON variables",
        b'{"query": "{ viewer { email } }", "variables": {"a": '
        + b"[" * _DEEP_JSON
        + b"]" * _DEEP_JSON
        + b"}}",
    ),
    Hostile("deeply nested JSON body", b"[" * _DEEP_JSON + b"]" * _DEEP_JSON),
    Hostile(
        "deeply nested selections",
        _query("{ viewer " + "{ a " * _DEEP_DOCUMENT + "}" * (_DEEP_DOCUMENT + 1)),
    ),
    Hostile(
        "deeply nested list argument",
        _query(
            "{ nodes(ids: " + "[" * _DEEP_DOCUMENT + '"x"' + "]" * _DEEP_DOCUMENT + ") { id } }"
        ),
    ),
    Hostile("the longest chain of fragments within the token limit", _query(_fragment_chain(620))),
    Hostile(
        "a fragment cycle",
        _query("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"),
    ),
    Hostile("bytes that are not UTF-8", b'{"query": "{ viewer { email \xff\xfe } }"}'),
    Hostile("a NUL in the document", _query("{ viewer { email } }\u0000")),
    Hostile(
        "GET with bytes that are not UTF-8",
        method="GET",
        path="/graphql?query=%7B%20viewer%20%FF%20%7D",
    ),
    Hostile(
        "an integer beyond 64 bits",
        _query("{ workStreams(first: 99999999999999999999) { totalCount } }"),
    ),
    Hostile("a negative page size", _query("{ workStreams(first: -1) { totalCount } }")),
    Hostile("a cursor that is not one", _query('{ workStreams(after: "!!!") { totalCount } }')),
    Hostile(
        "a cursor of another list",
        _query(f'{{ workStreams(after: "{_global_id("x:y:z")}") {{ totalCount }} }}'),
    ),
    Hostile("a cursor with a date that is not one", _query(_after(["created_at", "soon", _UUID]))),
    Hostile("a cursor with a number for a date", _query(_after(["created_at", 5, _UUID]))),
    Hostile("a cursor with a list for a date", _query(_after(["created_at", [1], _UUID]))),
    Hostile(
        "a cursor of JSON nested deeper than the decoder goes",
        _query(
            '{ workStreams(after: "'
            + base64.urlsafe_b64encode(b"[" * 5_000 + b"]" * 5_000).decode()
            + '") { totalCount } }'
        ),
    ),
    Hostile(
        "a cursor with a number for a title",
        _query(_after(["title", 5, _UUID], "orderBy: {field: TITLE}")),
    ),
    Hostile(
        "a cursor with a NUL in a title",
        _query(_after(["title", "a\u0000", _UUID], "orderBy: {field: TITLE}")),
    ),
    Hostile("an id that is not base64", _query('{ node(id: "***") { id } }')),
    Hostile(
        "an id of an unknown type",
        _query(f'{{ node(id: "{_global_id("Nope:1")}") {{ id }} }}'),
        answered=True,
    ),
    Hostile(
        "an id that is not a uuid",
        _query(f'{{ node(id: "{_global_id("WorkStream:1")}") {{ id }} }}'),
        answered=True,
    ),
    Hostile("too many ids", _query("{ nodes(ids: [" + ",".join(['"x"'] * 101) + "]) { id } }")),
    Hostile(
        "an unknown tenant header",
        _query("{ viewer { email } }"),
        headers={"X-Hub-Tenant": "nowhere"},
    ),
    Hostile(
        "a tenant header with control bytes",
        _query("{ viewer { email } }"),
        headers={"X-Hub-Tenant": "a\tb"},
    ),
    Hostile("an unknown tenant path", _query("{ viewer { email } }"), path="/t/nowhere/graphql"),
    Hostile(
        "a tenant path with odd characters",
        _query("{ viewer { email } }"),
        path="/t/%00%ff/graphql",
    ),
    Hostile(
        "a token that is not one",
        _query("{ viewer { email } }"),
        headers={"Authorization": "Bearer abc"},
        authorised=False,
    ),
    Hostile(
        "a huge token",
        _query("{ viewer { email } }"),
        headers={"Authorization": "Bearer " + "a" * 8_000},
        authorised=False,
    ),
    Hostile(
        "another scheme",
        _query("{ viewer { email } }"),
        headers={"Authorization": "Basic eDp5"},
        authorised=False,
    ),
    Hostile("no token", _query("{ viewer { email } }"), authorised=False),
    Hostile("variables that are a list", _query("{ viewer { email } }", variables=[1])),
    Hostile(
        "a variable of the wrong type",
        _query("query ($n: Int) { workStreams(first: $n) { totalCount } }", variables={"n": "x"}),
    ),
    Hostile("a required variable missing", _query("query ($id: ID!) { node(id: $id) { id } }")),
    Hostile(
        "an operation name that is not a string", _query("{ viewer { email } }", operationName=5)
    ),
    Hostile("an unknown operation name", _query("query A { viewer { email } }", operationName="B")),
    Hostile(
        "two operations and no name",
        _query("query A { viewer { email } } query B { viewer { email } }"),
    ),
    Hostile("extensions that are not an object", _query("{ viewer { email } }", extensions="x")),
    Hostile("a document id that is not a string", b'{"documentId": 5}'),
    Hostile("an unknown document id", b'{"documentId": "sha256:' + b"0" * 64 + b'"}'),
    Hostile(
        "a subscription over HTTP", _query("subscription { proposalSubmitted { proposal { id } } }")
    ),
    Hostile("a misused directive", _query('{ viewer @skip(if: "x") { email } }')),
    Hostile("an unknown directive", _query("{ viewer @nope { email } }")),
    Hostile(
        "a mutation without its input", _query("mutation { createWorkStream { errors { code } } }")
    ),
    Hostile(
        "a mutation with a huge title",
        _query(
            "mutation ($t: String!) { createWorkStream(input: {title: $t, classification: NETWORK})"
            " { errors { code } } }",
            variables={"t": "x" * 90_000},
        ),
        answered=True,
    ),
    Hostile(
        "a NUL in a search",
        _query(
            "query ($s: String!) { workStreams(filter: {search: $s}) { totalCount } }",
            variables={"s": "IMRF\u0000"},
        ),
    ),
    Hostile(
        "a NUL in a title",
        _query(
            "mutation ($t: String!) { createWorkStream(input: {title: $t, classification: NETWORK})"
            " { errors { code } } }",
            variables={"t": "Decent work\u0000"},
        ),
    ),
    Hostile(
        "a NUL in an id",
        _query("query ($id: ID!) { node(id: $id) { id } }", variables={"id": "V29y\u0000"}),
    ),
    Hostile(
        "a NUL written into the document",
        _query('{ workStreams(filter: {search: "IMRF\\u0000"}) { totalCount } }'),
    ),
    Hostile("a body over the limit", _query("{ viewer { email } }", padding="x" * 200_000)),
    Hostile("an empty body", b""),
    Hostile("PUT", _query("{ viewer { email } }"), method="PUT"),
    Hostile("DELETE", None, method="DELETE"),
]


@pytest.fixture(params=[Environment.DEVELOPMENT, Environment.PRODUCTION], ids=str)
async def hostile_client(
    request: pytest.FixtureRequest, settings: Settings, network: None
) -> AsyncIterator[Client]:
    environment = request.param
    configured = settings.model_copy(
        update={"environment": environment, "master_key": base64.b64encode(b"h" * 32).decode()}
    )
    app = create_app(configured, manage_orm=False)
    # An unexpected exception must show as the 500 a caller would see, not fail the request.
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=transport, base_url="http://hub.test") as http,
    ):
        yield Client(http, app)


@pytest.mark.parametrize("case", HOSTILE, ids=[case.name for case in HOSTILE])
async def test_a_hostile_request_is_a_client_error_with_a_code(
    hostile_client: Client, case: Hostile
) -> None:
    headers = {"Content-Type": "application/json", "Accept": "application/graphql-response+json"}
    if case.authorised:
        headers["Authorization"] = f"Bearer {hostile_client.token(USER)}"
    headers.update(case.headers)

    reply = await hostile_client.http.request(
        case.method, case.path, content=case.body, headers=headers
    )

    assert reply.status_code < 500, reply.text[:500]
    body = reply.json()
    if not case.answered:
        assert body.get("errors"), body
    elif not hostile_client.app.state.settings.is_production:
        # Production runs registered documents only: these are refused there.
        assert reply.status_code == 200, body
    for error in body.get("errors", []):
        # An unexpected failure inside would be masked as INTERNAL: none may be.
        assert error.get("extensions", {}).get("code") not in {None, "INTERNAL"}, error
