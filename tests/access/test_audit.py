from __future__ import annotations

import asyncio

import pytest
from asyncpg.exceptions import RaiseError
from tortoise import Tortoise

from hub.access.service import grant_role
from hub.audit.log import AuditRecord, append, verify
from hub.audit.models import AuditEntry
from hub.core.db import atomic
from hub.workplan.models import WorkStream
from tests.conftest import BACKEND, Client, relay_id

AUDIT_LOG = """
query Audit($filter: AuditLogFilter) {
  auditLog(first: 10, filter: $filter) {
    totalCount
    edges { node { actor action tenantPath object decision requestId } }
  }
}
"""
CONFIDENTIAL_TITLE = "Contexts of constrained civic space"
AUDITOR = "auditor@network.example.org"


async def _newest() -> AuditEntry:
    entry = await AuditEntry.all().order_by("-id").first()
    assert entry is not None
    return entry


async def test_a_grant_is_audited_and_the_chain_holds(network: None) -> None:
    # when
    await grant_role("amina@example.org", "auditor", "spain", actor="cli:ops")
    # then
    entry = await _newest()
    assert (entry.actor, entry.action, entry.tenant_path, entry.object) == (
        "cli:ops",
        "role.grant",
        "/global/europe-central-asia/spain",
        "g, amina@example.org, auditor, /global/europe-central-asia/spain",
    )
    assert (await verify()).ok


async def test_entries_appended_at_once_in_one_transaction_stay_chained(network: None) -> None:
    """Sibling resolvers of one request audit at the same time, in the request's
    transaction: each entry must still chain onto the one before it."""
    records = [
        AuditRecord("someone", "/global", "contact.read", f"contact:{n}", "allow") for n in range(8)
    ]
    # when
    async with atomic():
        await asyncio.gather(*(append([record]) for record in records))
    # then
    newest = await AuditEntry.all().order_by("-id").limit(len(records))
    assert sorted(e.object for e in newest) == sorted(r.object for r in records)
    assert (await verify()).ok


async def test_reading_a_confidential_record_is_audited(client: Client) -> None:
    # given
    row = await WorkStream.get(title=CONFIDENTIAL_TITLE)
    before = await AuditEntry.all().count()
    # when
    listed = await client.gql(
        "{ workStreams(first: 100) { totalCount } }", user="coordinator@network.example.org"
    )
    fetched = await client.gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": relay_id("WorkStream", row.id)},
        user="coordinator@network.example.org",
    )
    # then
    assert listed.status == fetched.status == 200
    entries = await AuditEntry.filter(id__gt=0).order_by("-id").limit(2)
    assert await AuditEntry.all().count() == before + 2
    for entry in entries:
        assert entry.actor == "coordinator@network.example.org"
        assert entry.action == "work_stream.read"
        assert entry.object == f"work_stream:{row.id}"
        assert entry.tenant_path == "/global"
        assert len(entry.request_id) == 32


async def test_reading_other_records_is_not_audited(client: Client) -> None:
    before = await AuditEntry.all().count()
    reply = await client.gql(
        "{ workStreams(first: 100) { totalCount } }", user="team.bangladesh@network.example.org"
    )
    assert reply.data["workStreams"]["totalCount"] > 0
    assert await AuditEntry.all().count() == before


async def test_auditors_read_the_log_of_their_subtree(client: Client) -> None:
    # given
    await grant_role("amina@example.org", "auditor", "spain", actor="cli:ops")
    # when
    in_global = await client.gql(AUDIT_LOG, {"filter": {"action": "role.grant"}}, user=AUDITOR)
    in_bangladesh = await client.gql(
        AUDIT_LOG, {"filter": {"action": "role.grant"}}, user=AUDITOR, tenant="bangladesh"
    )
    # then
    newest = in_global.data["auditLog"]["edges"][0]["node"]
    assert newest["object"] == "g, amina@example.org, auditor, /global/europe-central-asia/spain"
    paths = {e["node"]["tenantPath"] for e in in_bangladesh.data["auditLog"]["edges"]}
    assert paths
    assert all(p.startswith("/global/asia-pacific/bangladesh") for p in paths)


async def test_only_auditors_read_the_log(client: Client) -> None:
    for user in ("coordinator@network.example.org", "admin@network.example.org"):
        reply = await client.gql(AUDIT_LOG, user=user)
        assert reply.codes == ["FORBIDDEN"]
        assert reply.data is None


async def _run(sql: str) -> None:
    await Tortoise.get_connection("default").execute_script(sql)


async def test_verify_finds_an_edited_entry(network: None) -> None:
    # given
    await grant_role("amina@example.org", "auditor", "spain", actor="cli:ops")
    entry = await _newest()
    if BACKEND == "postgres":
        await _run("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only")
    try:
        # when someone with the owner's rights rewrites history
        await AuditEntry.filter(id=entry.id).update(actor="someone else")
        result = await verify()
        # then
        assert result.broken_at == entry.id
        assert result.reason == "its content does not match its hash"
    finally:
        await AuditEntry.filter(id=entry.id).update(actor=entry.actor)
        if BACKEND == "postgres":
            await _run("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only")
    assert (await verify()).ok


@pytest.mark.skipif(BACKEND != "postgres", reason="the trigger is PostgreSQL's")
async def test_the_log_refuses_changes_on_postgres(network: None) -> None:
    await grant_role("amina@example.org", "auditor", "spain", actor="cli:ops")
    entry = await _newest()
    with pytest.raises(RaiseError, match="append-only"):
        await AuditEntry.filter(id=entry.id).update(actor="someone else")
    with pytest.raises(RaiseError, match="append-only"):
        await AuditEntry.filter(id=entry.id).delete()
