"""`hub federation` says what it would do before it does it, and refuses what it cannot."""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import pytest

from tests.cli.test_admin_cli import hub
from tests.conftest import BACKEND


def _conninfo(url: str) -> str:
    """A libpq connection string to the database of ``url``."""
    parts = urlsplit(url)
    return (
        f"host={parts.hostname} port={parts.port or 5432} user={parts.username or 'postgres'} "
        f"dbname={parts.path.lstrip('/')}"
    )


@pytest.fixture
def island(empty_database_url: str) -> str:
    """Another hub's database on the same server, to migrate and fill."""
    if BACKEND != "postgres":
        pytest.skip("federation runs on PostgreSQL")
    return empty_database_url


def test_federation_needs_postgresql_and_well_formed_peers(database_url: str) -> None:
    if BACKEND != "postgres":
        refused = hub(database_url, "federation", "plan")
        assert refused.returncode == 2
        assert "federation runs on PostgreSQL" in refused.stderr
        return
    malformed = hub(database_url, "federation", "plan", "--peer", "global")
    assert malformed.returncode == 2
    assert "--peer takes NAME=CONNINFO" in malformed.stderr
    # a peer named alone takes its connection string from the environment, not given here
    unset = hub(database_url, "federation", "plan", "--peer", "asia-pacific")
    assert unset.returncode == 2
    assert "HUB_FEDERATION_PEER_ASIA_PACIFIC" in unset.stderr
    unnamed = hub(database_url, "federation", "resync")
    assert unnamed.returncode == 2
    assert "name the hubs to copy again" in unnamed.stderr


def test_waiting_for_a_tenant_that_never_arrives_fails_saying_so(
    database_url: str, network: None
) -> None:
    if BACKEND != "postgres":
        return
    arrived = hub(database_url, "federation", "wait", "--tenant", "global", "--timeout", "5")
    assert arrived.returncode == 0, arrived.stderr
    waited = hub(
        database_url,
        "federation",
        "wait",
        "--tenant",
        "global",
        "--tenant",
        "fiji",
        "--timeout",
        "1",
    )
    assert waited.returncode == 1
    assert "no copy of fiji has arrived" in waited.stderr


def test_the_plan_shares_the_own_tenants_shared_records_only(
    database_url: str, network: None
) -> None:
    if BACKEND != "postgres":
        return
    planned = hub(
        database_url,
        "federation",
        "plan",
        "--peer",
        "global",
        HUB_FEDERATION_NAME="asia-pacific",
        HUB_FEDERATION_PEER_GLOBAL=_conninfo(database_url),
    )
    assert planned.returncode == 0, planned.stderr
    text = planned.stdout
    assert "UPDATE tenant SET hub = 'asia-pacific' WHERE hub = '';" in text
    assert "PUBLICATION hub_share_asia_pacific" in text
    assert "tenant WHERE (hub = 'asia-pacific')" in text
    # contact details and note bodies are in no column list
    contact = text[text.index(" contact (") :].split(")", 1)[0]
    assert "name" in contact
    assert "email" not in contact
    assert "phone" not in contact
    note = text[text.index(" advocacy_note (") :].split(")", 1)[0]
    assert "body_encrypted" not in note
    assert "classification::text IN ('public', 'network')" in text
    # rows travel by the policy's mark; the demo tree knows no other hub, so none does yet
    assert "shared_by = 'asia-pacific'" in text
    assert "INSERT INTO federation_travel" not in text
    assert (
        f"CREATE SUBSCRIPTION hub_asia_pacific_from_global CONNECTION '{_conninfo(database_url)}' "
        in text
    )
    # a plan only says: nothing was made
    status = hub(database_url, "federation", "status", "--json", HUB_FEDERATION_NAME="asia-pacific")
    assert status.returncode == 0, status.stderr
    found = json.loads(status.stdout)
    assert found["published_tables"] == 0
    assert found["subscriptions"] == []
    assert "global" in found["own"]


def test_a_link_to_a_hub_whose_tenants_are_held_here_under_other_ids_is_refused(
    database_url: str, network: None, island: str
) -> None:
    # Given a regional hub that started as an island, with a global tenant of its own
    assert hub(island, "migrate").returncode == 0
    assert hub(island, "tenants", "apply", "tenants").returncode == 0

    # When it would subscribe to the global hub, whose global has another id
    refused = hub(
        island,
        "federation",
        "apply",
        "--peer",
        f"global={_conninfo(database_url)}",
        HUB_FEDERATION_NAME="asia-pacific",
    )

    # Then it is refused, naming the tenants, and nothing was made
    assert refused.returncode == 2, refused.stderr
    assert (
        "hub global owns tenants this hub holds under other ids: asia-pacific (" in refused.stderr
    )
    assert "global (here" in refused.stderr
    status = hub(island, "federation", "status", "--json", HUB_FEDERATION_NAME="asia-pacific")
    assert json.loads(status.stdout)["published_tables"] == 0

    # and a peer that cannot be reached, or a connection string the hub cannot read, say so
    unreachable = hub(
        island, "federation", "plan", "--peer", "global=host=127.0.0.1 port=1 user=postgres"
    )
    assert unreachable.returncode == 3
    assert "cannot reach hub global's database" in unreachable.stderr
    unreadable = hub(island, "federation", "plan", "--peer", "global=host=127.0.0.1 colour=red")
    assert unreadable.returncode == 2
    assert "'colour' is not a keyword" in unreadable.stderr
