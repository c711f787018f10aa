"""Exports hold what the caller's lists show, nothing more, in every format, over HTTP and
from the command line; they stream, so that their memory does not grow with their rows."""

from __future__ import annotations

import csv
import io
import json
import tracemalloc
from datetime import UTC, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from starlette.requests import Request

from hub.access.middleware import request_tenant
from hub.audit.models import AuditEntry
from hub.auth.service import principal_of
from hub.core.context import Context
from hub.directory.models import Organisation
from hub.exports import export as exporting
from hub.proposals.models import Proposal, ProposalTarget
from tests.cli.test_admin_cli import hub
from tests.conftest import Client, relay_id

COORDINATOR = "coordinator@network.example.org"
TEAM_BANGLADESH = "team.bangladesh@network.example.org"
PARTNER = "partner@civil-society.example.org"
FUND_MANAGER = "fund.manager@network.example.org"
READERS = [COORDINATOR, TEAM_BANGLADESH, PARTNER]

# Each exportable resource, and the query that lists the same records in the API.
LISTED = {
    "proposals": "{ proposals(first: 100, scope: $scope) { edges { node { id } } } }",
    "organisations": "{ organisations(first: 100, scope: $scope) { edges { node { id } } } }",
    "contacts": "{ contacts(first: 100, scope: $scope) { edges { node { id } } } }",
    "consultations": "{ consultations(first: 100, scope: $scope) { edges { node { id } } } }",
    "initiatives": "{ initiatives(first: 100, scope: $scope) { edges { node { id } } } }",
    "participants": (
        "{ consultations(first: 100, scope: $scope) { edges { node { participants { id } } } } }"
    ),
}


def _ids(data: Any) -> set[str]:
    """Every id in a GraphQL answer, under any edges."""
    found: set[str] = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "id" and isinstance(value, str):
                found.add(value)
            else:
                found |= _ids(value)
    elif isinstance(data, list):
        for item in data:
            found |= _ids(item)
    return found


async def _download(
    client: Client, user: str, path: str, tenant: str | None = None
) -> tuple[int, bytes, dict[str, str]]:
    headers = {"Authorization": f"Bearer {client.token(user)}"}
    url = f"/t/{tenant}/export/{path}" if tenant else f"/export/{path}"
    reply = await client.http.get(url, headers=headers)
    return reply.status_code, reply.content, dict(reply.headers)


def _rows(format: str, body: bytes) -> list[dict[str, Any]]:
    if format == "csv":
        assert body.startswith(b"\xef\xbb\xbf")
        return list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    if format == "json":
        return list(json.loads(body))
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    assert sheet is not None
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]


@pytest.mark.parametrize("user", READERS)
@pytest.mark.parametrize("scope", ["subtree", "network"])
async def test_an_export_holds_what_the_callers_lists_show(
    client: Client, user: str, scope: str
) -> None:
    for resource, listed in LISTED.items():
        query = "query($scope: ListScope) " + listed
        reply = await client.gql(query, {"scope": scope.upper()}, user=user)
        status, body, headers = await _download(client, user, f"{resource}.csv?scope={scope}")
        if reply.errors:
            # a list refused is an export refused, for the same reason
            assert [e["extensions"]["code"] for e in reply.errors] == ["FORBIDDEN"]
            assert status == 403, (user, resource)
            continue
        expected = _ids(reply.data)
        if resource == "participants":
            expected = {i for i in expected if i.startswith(relay_id("Participant", "")[:8])}
        assert status == 200, body
        assert headers["content-disposition"] == f'attachment; filename="{resource}.csv"'
        exported = {row["id"] for row in _rows("csv", body)}
        assert exported == expected, (user, scope, resource)


@pytest.mark.parametrize("format", ["csv", "json", "xlsx"])
async def test_every_format_holds_the_same_rows(client: Client, format: str) -> None:
    status, body, headers = await _download(client, COORDINATOR, f"proposals.{format}")
    assert status == 200
    rows = _rows(format, body)
    reference = _rows("csv", (await _download(client, COORDINATOR, "proposals.csv"))[1])
    assert [r["id"] for r in rows] == [r["id"] for r in reference]
    assert len(rows) == 13
    by_title = {r["title"]: r for r in rows}
    voice = by_title["Develop the voice of the Network as a priority"]
    assert voice["status"] in ("ACCEPTED", "REFLECTED", "DECLINED", "SUBMITTED", "UNDER_REVIEW")
    assert voice["tenant"] == "global"
    assert headers["content-type"].startswith(
        {"csv": "text/csv", "json": "application/json", "xlsx": "application/vnd."}[format]
    )


async def test_contact_details_only_where_the_contact_rules_show_them(client: Client) -> None:
    query = """{ contacts(first: 100) { edges { node { id email } } } }"""
    for user in (COORDINATOR, TEAM_BANGLADESH):
        reply = await client.gql(query, user=user)
        shown = {e["node"]["id"]: e["node"]["email"] for e in reply.data["contacts"]["edges"]}
        _, body, _ = await _download(client, user, "contacts.json")
        exported = {r["id"]: r["email"] for r in _rows("json", body)}
        assert exported == shown, user
    # at least one contact's email is withheld from someone
    assert None in exported.values() or None in shown.values()


async def test_the_network_figures_come_out_of_one_export(client: Client) -> None:
    status, body, _ = await _download(client, COORDINATOR, "report.csv")
    assert status == 200
    rows = _rows("csv", body)
    figures = {(r["figure"], r["key"]): r for r in rows}
    reply = await client.gql("{ report { proposalsByStatus { key count } } }", user=COORDINATOR)
    for tally in reply.data["report"]["proposalsByStatus"]:
        assert int(figures[("proposals_by_status", tally["key"])]["count"]) == tally["count"]
    allocations = [r for r in rows if r["figure"] == "fund_allocations_by_thematic_area"]
    assert {(r["amount"], r["currency"]) for r in allocations} == {
        ("1200000.00", "USD"),
        ("900000.00", "USD"),
    }


@pytest.mark.parametrize(
    ("user", "path", "status", "code"),
    [
        (PARTNER, "pledges.csv", 403, "FORBIDDEN"),
        (COORDINATOR, "notes.csv", 400, "BAD_USER_INPUT"),
        (COORDINATOR, "proposals.pdf", 400, "BAD_USER_INPUT"),
        (COORDINATOR, "proposals", 400, "BAD_USER_INPUT"),
        (COORDINATOR, "proposals.csv?scope=everything", 400, "BAD_USER_INPUT"),
    ],
)
async def test_a_bad_export_is_a_clear_error(
    client: Client, user: str, path: str, status: int, code: str
) -> None:
    got, body, _ = await _download(client, user, path)
    assert got == status
    assert json.loads(body)["errors"][0]["extensions"]["code"] == code


async def test_an_export_needs_a_token_and_a_tenant_the_caller_belongs_to(client: Client) -> None:
    anonymous = await client.http.get("/export/proposals.csv")
    assert anonymous.status_code == 401
    status, body, _ = await _download(client, PARTNER, "proposals.csv", tenant="asia-pacific")
    assert status == 403
    assert json.loads(body)["errors"][0]["extensions"]["code"] == "FORBIDDEN"


async def test_a_partner_exports_pledges_only_as_far_as_it_may_read_them(client: Client) -> None:
    status, body, _ = await _download(client, FUND_MANAGER, "pledges.json")
    assert status == 200
    assert len(_rows("json", body)) == 4
    donor = "donor@donor-a.example.org"
    status, body, _ = await _download(client, donor, "pledges.json?scope=network")
    assert status == 200
    assert {r["classification"] for r in _rows("json", body)} <= {"PUBLIC"}


async def test_a_confidential_record_exported_is_audited_as_read(client: Client) -> None:
    proposal = await Proposal.get(title="Develop the voice of the Network as a priority")
    await Proposal.filter(id=proposal.id).update(classification="confidential")
    before = await AuditEntry.filter(action="proposal.read").count()
    status, body, _ = await _download(client, COORDINATOR, "proposals.csv")
    assert status == 200
    assert relay_id("Proposal", proposal.id) in {r["id"] for r in _rows("csv", body)}
    reads = await AuditEntry.filter(action="proposal.read").order_by("-id")
    assert len(reads) == before + 1
    assert str(proposal.id) in reads[0].object
    # a partner's export neither holds it nor writes anything
    _, body, _ = await _download(client, PARTNER, "proposals.csv?scope=network")
    assert relay_id("Proposal", proposal.id) not in {r["id"] for r in _rows("csv", body)}
    assert await AuditEntry.filter(action="proposal.read").count() == before + 1


async def test_the_command_line_exports_as_a_user(client: Client, database_url: str) -> None:
    await client.warm(PARTNER)
    result = hub(
        database_url,
        "export",
        "proposals",
        "--tenant",
        "bangladesh",
        "--as",
        PARTNER,
        "--format",
        "json",
    )
    assert result.returncode == 0, result.stderr
    exported = {r["id"] for r in json.loads(result.stdout)}
    reply = await client.gql("{ proposals(first: 100) { edges { node { id } } } }", user=PARTNER)
    assert exported == _ids(reply.data)
    unknown = hub(database_url, "export", "proposals", "--tenant", "bangladesh", "--as", "x@y.z")
    assert unknown.returncode == 2
    assert "No active user has the email x@y.z" in unknown.stderr
    refused = hub(database_url, "export", "pledges", "--tenant", "bangladesh", "--as", PARTNER)
    assert refused.returncode == 2
    assert "You may not read pledges here" in refused.stderr


async def _context(client: Client, user: str, tenant: str) -> Context:
    principal = await principal_of(user)
    found, decisions = await request_tenant(principal, client.app.state.access, tenant, None)
    return Context(
        request=Request({"type": "http", "method": "GET", "path": "/", "headers": []}),
        settings=client.app.state.settings,
        principal=principal,
        tenant=found,
        decisions=decisions,
        request_id="test-export",
    )


async def _peak(client: Client, rows: int) -> int:
    """The most memory Python took while exporting the proposals, with ``rows`` more, as a
    client that writes each chunk away as it comes."""
    organisation = await Organisation.get(name="Migrant workers' rights network (demo)")
    have = await Proposal.filter(title__startswith="Bulk ").count()
    await Proposal.bulk_create(
        [
            Proposal(
                tenant_id=organisation.tenant_id,
                organisation=organisation,
                target=ProposalTarget.WORK_PLAN,
                title=f"Bulk {n:06d} " + "x" * 200,
                status="submitted",
            )
            for n in range(have, rows)
        ],
        batch_size=1000,
    )
    ctx = await _context(client, COORDINATOR, "global")
    asked = exporting.Export.of("proposals", "csv")
    size = 0
    tracemalloc.start()
    try:
        async for chunk in await exporting.stream(ctx, asked):
            size += len(chunk)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert size > rows * 200
    return peak


async def test_an_export_streams_in_constant_memory(client: Client) -> None:
    small = await _peak(client, 2 * exporting.BATCH)
    large = await _peak(client, 20 * exporting.BATCH)
    # ten times the rows (about 2 MB more of CSV) in about the same memory
    assert large < small * 1.5, (small, large)


ADD_COMMENT = """
mutation($input: AddProposalCommentInput!) { addProposalComment(input: $input) {
  comment { body } errors { field code }
} }
"""
DISCUSSIONS = """
query($scope: ListScope) { proposals(first: 100, scope: $scope) { edges { node {
  id endorsements { organisation { id } } comments { author body }
} } } }
"""


async def _comment(client: Client, title: str, body: str, classification: str) -> None:
    proposal = await Proposal.get(title=title)
    reply = await client.gql(
        ADD_COMMENT,
        {
            "input": {
                "proposal": relay_id("Proposal", proposal.id),
                "body": body,
                "classification": classification,
            }
        },
        user=COORDINATOR,
    )
    assert reply.data["addProposalComment"]["errors"] == [], reply.body


@pytest.mark.parametrize("scope", ["subtree", "network"])
async def test_endorsements_and_comments_export_as_their_proposals_show_them(
    client: Client, scope: str
) -> None:
    # Given comments of each kind on a proposal of the network, an endorsing organisation
    # the partner may not see, and an archived proposal with a comment and an endorsement
    endorsed = "Partners without ECOSOC accreditation in the IMRF"
    await _comment(client, endorsed, "Shared with the partners.", "NETWORK")
    await _comment(client, endorsed, "Among the teams.", "RESTRICTED")
    await _comment(client, endorsed, "Names a defender at risk.", "CONFIDENTIAL")
    await Organisation.filter(
        name="International Federation of Red Cross and Red Crescent Societies"
    ).update(classification="restricted")
    archived = "Civil-society seats on the Fund's Steering Committee"
    await _comment(client, archived, "Before it was archived.", "NETWORK")
    await Proposal.filter(title=archived).update(archived_at=datetime.now(UTC))

    for user in READERS:
        # When the user lists proposals with their discussion, and exports both
        reply = await client.gql(DISCUSSIONS, {"scope": scope.upper()}, user=user)
        proposals = [edge["node"] for edge in reply.data["proposals"]["edges"]]
        _, endorsements, _ = await _download(client, user, f"endorsements.csv?scope={scope}")
        _, comments, _ = await _download(client, user, f"comments.json?scope={scope}")

        # Then each export holds exactly what the lists show under the proposals
        listed_endorsements = sorted(
            (p["id"], (e["organisation"] or {}).get("id") or "")
            for p in proposals
            for e in p["endorsements"]
        )
        exported_endorsements = sorted(
            (row["proposal"], row["organisation"]) for row in _rows("csv", endorsements)
        )
        assert exported_endorsements == listed_endorsements, (user, scope)
        listed_comments = sorted(
            (p["id"], c["author"], c["body"]) for p in proposals for c in p["comments"]
        )
        exported_comments = sorted(
            (row["proposal"], row["author"], row["body"]) for row in _rows("json", comments)
        )
        assert exported_comments == listed_comments, (user, scope)

    # And the partner saw the endorsement without the organisation it may not see, and
    # only the comment shared with partners
    _, partner, _ = await _download(client, PARTNER, f"comments.json?scope={scope}")
    bodies = {row["body"] for row in _rows("json", partner)}
    if scope == "network":
        assert bodies == {"Shared with the partners."}
        _, rows, _ = await _download(client, PARTNER, "endorsements.csv?scope=network")
        assert [row["organisation"] for row in _rows("csv", rows)] == [""]
    _, coordinator, _ = await _download(client, COORDINATOR, f"comments.json?scope={scope}")
    assert "Names a defender at risk." in {row["body"] for row in _rows("json", coordinator)}
    assert "Before it was archived." not in {row["body"] for row in _rows("json", coordinator)}


async def test_a_confidential_comment_exported_is_audited_as_read(client: Client) -> None:
    await _comment(
        client,
        "Partners without ECOSOC accreditation in the IMRF",
        "Names a defender at risk.",
        "CONFIDENTIAL",
    )
    before = await AuditEntry.filter(action="proposal.comment.read").count()
    status, body, _ = await _download(client, COORDINATOR, "comments.csv")
    assert status == 200
    assert "Names a defender at risk." in {row["body"] for row in _rows("csv", body)}
    assert await AuditEntry.filter(action="proposal.comment.read").count() == before + 1
