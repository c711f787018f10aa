"""Cached read results: served while nothing they read has changed, never across callers."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from tortoise import Tortoise

from hub.access.service import grant_role, revoke_role
from hub.audit.models import AuditEntry
from hub.core.classification import Classification
from hub.core.config import Settings
from hub.tenancy.models import Tenant
from hub.workplan.models import WorkStream
from tests.conftest import BACKEND, Client
from tests.workplan.queries import COORDINATOR, CREATE, TEAM_BANGLADESH, WORK_STREAMS

TITLES = "query Titles { workStreams(first: 100) { totalCount edges { node { title } } } }"
NOTES = "{ advocacyNotes { totalCount edges { node { title } } } }"
AUDIT_LOG = "{ auditLog(first: 5) { edges { node { action } } } }"
OFFICER = "advocacy@network.example.org"
PARTNER = "partner@civil-society.example.org"
GLOBAL_PARTNER = "partner.global@civil-society.example.org"


def _titles(reply: Any) -> set[str]:
    return {edge["node"]["title"] for edge in reply.data["workStreams"]["edges"]}


def _cache(client: Client) -> Any:
    return client.app.state.graphql.results


async def _sql(statement: str) -> None:
    """A write made outside the hub (another process, the CLI, an operator's SQL)."""
    await Tortoise.get_connection("default").execute_script(statement)


async def test_a_repeated_read_runs_once(client: Client, sql_log: list[str]) -> None:
    # given
    first = await client.gql(TITLES, user=TEAM_BANGLADESH)
    sql_log.clear()
    # when
    again = await client.gql(TITLES, user=TEAM_BANGLADESH)
    # then the caller is authenticated, the revision read, and nothing else
    assert again.body == first.body
    assert _cache(client).hits == 1
    assert [s for s in sql_log if "work_stream" in s] == []


async def test_a_read_naming_its_tenant_checks_its_revisions_in_one_statement(
    client: Client, sql_log: list[str]
) -> None:
    # given a cached read in a tenant the request names
    await client.gql(TITLES, user=TEAM_BANGLADESH, tenant="bangladesh")
    sql_log.clear()
    # when it comes again
    again = await client.gql(TITLES, user=TEAM_BANGLADESH, tenant="bangladesh")
    # then one statement read both the global revision and the tenant's
    assert again.status == 200
    assert _cache(client).hits == 1
    assert len(sql_log) == 1, sql_log
    assert "revision" in sql_log[0]


async def test_a_write_is_seen_by_a_read_naming_its_tenant_by_path(client: Client) -> None:
    async def titles() -> set[str]:
        token = client.token(TEAM_BANGLADESH)
        reply = await client.http.post(
            "/t/bangladesh/graphql",
            json={"query": TITLES},
            headers={"Authorization": f"Bearer {token}"},
        )
        assert reply.status_code == 200, reply.text
        return {edge["node"]["title"] for edge in reply.json()["data"]["workStreams"]["edges"]}

    # given
    before = await titles()
    dhaka = await Tenant.get(slug="dhaka")
    # when a child tenant's row is written outside the hub
    await WorkStream.create(tenant=dhaka, title="Added in Dhaka, read from Bangladesh")
    after = await titles()
    # then
    assert after - before == {"Added in Dhaka, read from Bangladesh"}


async def test_a_write_through_the_api_is_seen_by_the_next_read(client: Client) -> None:
    # given
    before = await client.gql(TITLES, user=TEAM_BANGLADESH)
    # when
    created = await client.gql(
        CREATE,
        {"input": {"title": "Fresh after a write", "classification": "NETWORK"}},
        user=TEAM_BANGLADESH,
    )
    after = await client.gql(TITLES, user=TEAM_BANGLADESH)
    # then
    assert created.data["createWorkStream"]["errors"] == []
    assert "Fresh after a write" in _titles(after) - _titles(before)


async def test_a_write_made_outside_the_hub_is_seen_by_the_next_read(client: Client) -> None:
    # given
    before = await client.gql(TITLES, user=COORDINATOR)
    stream = await WorkStream.filter(tenant__slug="global").first()
    assert stream is not None
    assert stream.title in _titles(before)
    # when
    await _sql(f"UPDATE work_stream SET title = 'Renamed by SQL' WHERE id = '{stream.id}'")
    after = await client.gql(TITLES, user=COORDINATOR)
    # then
    assert "Renamed by SQL" in _titles(after)
    assert stream.title not in _titles(after)


async def test_a_write_in_a_child_tenant_is_seen_from_its_region(client: Client) -> None:
    # given the regional view includes Bangladesh's work streams
    before = await client.gql(WORK_STREAMS, {"first": 100}, user=COORDINATOR, tenant="asia-pacific")
    dhaka = await Tenant.get(slug="dhaka")
    # when Dhaka's team adds one, written straight to the table
    await WorkStream.create(tenant=dhaka, title="Added in Dhaka")
    after = await client.gql(WORK_STREAMS, {"first": 100}, user=COORDINATOR, tenant="asia-pacific")
    # then
    assert after.data["workStreams"]["totalCount"] == before.data["workStreams"]["totalCount"] + 1


async def test_a_write_in_another_branch_keeps_the_entry(client: Client) -> None:
    # given
    await client.gql(TITLES, user=TEAM_BANGLADESH, tenant="bangladesh")
    spain = await Tenant.get(slug="spain")
    # when
    await WorkStream.create(tenant=spain, title="Added in Spain")
    await client.gql(TITLES, user=TEAM_BANGLADESH, tenant="bangladesh")
    # then
    assert _cache(client).hits == 1


async def test_two_callers_never_share_an_entry(client: Client) -> None:
    # given a restricted work stream that the national team reads and a partner does not
    bangladesh = await Tenant.get(slug="bangladesh")
    await WorkStream.create(
        tenant=bangladesh, title="Restricted to the team", classification=Classification.RESTRICTED
    )
    wide = await client.gql(TITLES, user=TEAM_BANGLADESH, tenant="bangladesh")
    # when a partner asks the same in the same tenant
    narrow = await client.gql(TITLES, user=GLOBAL_PARTNER, tenant="bangladesh")
    # then it gets its own answer
    assert "Restricted to the team" in _titles(wide)
    assert "Restricted to the team" not in _titles(narrow)
    assert _cache(client).hits == 0


async def test_a_change_of_rights_is_seen_by_the_next_read(client: Client) -> None:
    # given a partner who may not read notes
    refused = await client.gql(NOTES, user=PARTNER)
    assert "FORBIDDEN" in refused.codes
    await client.gql(TITLES, user=PARTNER)
    # when a role is granted, then revoked again
    await grant_role(PARTNER, "advocacy_officer", "global", actor="test")
    await client.reload_policies()
    granted = await client.gql(NOTES, user=PARTNER)
    await revoke_role(PARTNER, "advocacy_officer", "global", actor="test")
    await client.reload_policies()
    revoked = await client.gql(NOTES, user=PARTNER)
    # then
    assert granted.errors == []
    assert granted.data["advocacyNotes"]["totalCount"] > 0
    assert "FORBIDDEN" in revoked.codes


async def test_every_read_of_confidential_notes_is_audited(client: Client) -> None:
    # given
    before = await AuditEntry.filter(action="advocacy_note.read").count()
    # when
    for _ in range(3):
        reply = await client.gql(NOTES, user=OFFICER)
        assert reply.errors == []
    # then
    assert await AuditEntry.filter(action="advocacy_note.read").count() == before + 3
    assert _cache(client).hits == 0


async def test_the_audit_log_is_never_served_from_the_cache(client: Client) -> None:
    # given
    auditor = "auditor@network.example.org"
    first = await client.gql(AUDIT_LOG, user=auditor)
    assert first.errors == []
    # when a read is audited in between
    await client.gql(NOTES, user=OFFICER)
    second = await client.gql(AUDIT_LOG, user=auditor)
    # then
    assert second.data != first.data
    assert second.data["auditLog"]["edges"][0]["node"]["action"] == "advocacy_note.read"


async def test_languages_asked_for_are_part_of_the_key(client: Client) -> None:
    # given
    query = "{ consultations(first: 5) { edges { node { title { text language } } } } }"
    english = await client.gql(query, user=COORDINATOR, headers={"Accept-Language": "en"})
    # when
    french = await client.gql(query, user=COORDINATOR, headers={"Accept-Language": "fr"})
    # then
    assert english.data != french.data


async def test_mutations_and_failed_reads_are_not_kept(client: Client) -> None:
    # given
    bad = "query Bad($n: Int) { workStreams(first: $n) { totalCount } }"
    # when
    for _ in range(2):
        await client.gql(bad, {"n": 1000}, user=COORDINATOR)
        await client.gql(
            CREATE, {"input": {"title": "Twice", "classification": "NETWORK"}}, user=COORDINATOR
        )
    # then
    assert _cache(client).hits == 0
    assert await WorkStream.filter(title="Twice").count() == 2


async def test_no_cache_when_turned_off(settings: Settings, network: None) -> None:
    from hub.app import create_app

    app: Starlette = create_app(settings.model_copy(update={"result_cache_entries": 0}))
    assert not app.state.graphql.results.enabled


async def test_every_tenant_table_counts_its_writes(client: Client) -> None:
    # given the tables with a tenant column, as the database has them
    connection = Tortoise.get_connection("default")
    if BACKEND == "postgres":
        _, rows = await connection.execute_query(
            "SELECT table_name FROM information_schema.columns "
            "WHERE column_name = 'tenant_id' AND table_schema = current_schema()"
        )
        tables = {row["table_name"] for row in rows}
        _, rows = await connection.execute_query(
            "SELECT DISTINCT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgname LIKE 'count_%'"
        )
        counted = {row["relname"] for row in rows}
    else:
        _, rows = await connection.execute_query(
            "SELECT m.name FROM sqlite_master m, pragma_table_info(m.name) c "
            "WHERE m.type = 'table' AND c.name = 'tenant_id'"
        )
        tables = {row["name"] for row in rows}
        _, rows = await connection.execute_query(
            "SELECT DISTINCT tbl_name FROM sqlite_master WHERE type = 'trigger' "
            "AND name LIKE '%_count_%'"
        )
        counted = {row["tbl_name"] for row in rows}
    # then: registered documents are read by no operation, and the trusted-document check
    # runs before any cached result is used, so registering one cannot make a result stale;
    # the listed counts change only with the writes of the rows they count, counted there;
    # queued e-mail is read by the mail worker alone, never by an operation; what travels to
    # the other hubs is read by the trigger that marks the rows, whose writes count there
    tables -= {"trusted_document", "listed_count", "mail_message", "federation_travel"}
    assert tables - counted == set(), "add the revision triggers to these tables"
    assert {"tenant", "hub_user"} <= counted
