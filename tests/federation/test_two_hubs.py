"""Two hubs on two PostgreSQL clusters with logical WAL, linked as a regional office and
the global hub would be: what the policy shares arrives on the other side with its origin,
what must not travel never does, a record withdrawn from sharing disappears there, and
the copies are refused any write but the link's."""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Callable, Coroutine, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import asyncpg
import pytest
from opentelemetry.sdk.metrics.export import InMemoryMetricReader
from starlette.applications import Starlette
from tortoise import Tortoise

from hub.access.enforcer import AccessControl
from hub.advocacy.models import AdvocacyNote
from hub.app import create_app
from hub.core.classification import Classification
from hub.core.config import PROJECT_ROOT, Settings
from hub.core.db import tortoise_config
from hub.directory.models import Contact, Organisation, OrganisationKind
from hub.federation.watch import LinkWatcher, read_links
from hub.fund.models import Fund
from hub.proposals.models import Proposal, ProposalTarget
from hub.tenancy.models import Tenant
from tests.cli.test_admin_cli import hub
from tests.clusters import Cluster, own_cluster
from tests.conftest import BACKEND, SECRET_KEY, started
from tests.faulty_link import FaultyLink
from tests.orm_context import own_orm
from tests.test_metrics import points

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="federation runs on PostgreSQL")

T = TypeVar("T")
# Generous: a slow shared machine must not fail the test; a passing run waits far less.
WAIT_SECONDS = 60.0
GLOBAL_TENANTS = ("global.toml", "europe-central-asia.toml", "spain.toml")
REGION_TENANTS = ("asia-pacific.toml", "bangladesh.toml", "dhaka.toml")


@dataclass
class Hub:
    """A hub's database: ``database`` in ``cluster``, one per test."""

    name: str
    cluster: Cluster
    database: str

    @property
    def url(self) -> str:
        return self.cluster.url_of(self.database)

    async def run(self, *args: str) -> str:
        """``hub ARGS`` on this hub, in a thread: the test's link relays meanwhile."""
        done = await asyncio.to_thread(hub, self.url, *args, HUB_FEDERATION_NAME=self.name)
        assert done.returncode == 0, done.stderr
        return done.stdout

    async def synchronised(self) -> None:
        """Wait until every table this hub subscribes to has its first copy."""

        async def ready() -> bool:
            rows = await self.query("SELECT 1 FROM pg_subscription_rel WHERE srsubstate <> 'r'")
            return not rows

        await eventually(ready, f"the first copies of {self.name}'s subscriptions")

    async def query(self, sql: str, *args: Any) -> list[asyncpg.Record]:
        connection = await asyncpg.connect(self.url)
        try:
            return list(await connection.fetch(sql, *args))
        finally:
            await connection.close()

    async def orm(self, work: Callable[[], Coroutine[Any, Any, T]]) -> T:
        """``work`` with the ORM on this hub's database, beside the suite's own."""

        async def inside() -> T:
            await Tortoise.init(config=tortoise_config(self.url))
            try:
                return await work()
            finally:
                await Tortoise.close_connections()

        return await own_orm(inside)


async def eventually(check: Callable[[], Coroutine[Any, Any, bool]], what: str) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        if await check():
            return
        await asyncio.sleep(0.2)
    raise AssertionError(f"never happened: {what}")


def _manifests(directory: Path, names: tuple[str, ...], extra: dict[str, str]) -> Path:
    directory.mkdir()
    for name in names:
        text = (PROJECT_ROOT / "tenants" / name).read_text(encoding="utf-8")
        (directory / name).write_text(text + extra.get(name, ""), encoding="utf-8")
    return directory


@pytest.fixture
def clusters() -> Iterator[tuple[Cluster, Cluster]]:
    with (
        own_cluster("hub-global-", "wal_level=logical") as first,
        own_cluster("hub-region-", "wal_level=logical") as second,
    ):
        yield first, second


async def _region_records(title: str) -> dict[str, str]:
    """Records of Bangladesh at every classification, written in the regional hub."""
    bangladesh = await Tenant.get(slug="bangladesh")
    organisation = await Organisation.create(
        tenant=bangladesh,
        name="Migrant workers' rights network",
        kind=OrganisationKind.CIVIL_SOCIETY,
        country="BD",
        classification=Classification.NETWORK,
    )
    await Contact.create(
        tenant=bangladesh,
        organisation=organisation,
        name="Farida Yasmin",
        email="farida@example.org",
        phone="+880 2 555 0101",
        consent_to_contact=True,
        classification=Classification.NETWORK,
    )
    for level in Classification:
        await Proposal.create(
            tenant=bangladesh,
            organisation=organisation,
            target=ProposalTarget.WORK_PLAN,
            title=f"{title} {level.value}",
            language="en",
            classification=level,
        )
    note = await AdvocacyNote.create(
        tenant=bangladesh,
        title="Pressure on a rights network",
        country="BD",
        body_encrypted="ciphertext naming the people at risk",
        classification=Classification.NETWORK,
    )
    return {"organisation": str(organisation.id), "note": str(note.id)}


async def _hubs(clusters: tuple[Cluster, Cluster], database: str) -> tuple[Hub, Hub]:
    """The global hub and Asia-Pacific's, each in a new database of its cluster."""
    made = []
    for name, cluster in zip(("global", "asia-pacific"), clusters, strict=True):
        admin = await asyncpg.connect(cluster.url)
        try:
            await admin.execute(f"CREATE DATABASE {database}")
        finally:
            await admin.close()
        made.append(Hub(name, cluster, database))
    return made[0], made[1]


async def _linked(
    clusters: tuple[Cluster, Cluster], database: str, tmp_path: Path, up_port: int | None = None
) -> tuple[Hub, Hub]:
    """The global hub owning the tree but for Asia-Pacific, with a fund of each kind; the
    regional hub holding the global tenants as copies, then its own below them; each
    subscribed to the other (the global hub to the region through ``up_port``, if given)."""
    geneva, bangkok = await _hubs(clusters, database)
    for each in (geneva, bangkok):
        await each.run("migrate")
        await each.run("policy", "apply", "--yes", str(PROJECT_ROOT / "policies"))
    await geneva.run("tenants", "apply", str(_manifests(tmp_path / "g", GLOBAL_TENANTS, {})))

    async def funds() -> None:
        root = await Tenant.get(slug="global")
        for level in (Classification.NETWORK, Classification.RESTRICTED):
            await Fund.create(
                tenant=root,
                name=f"Fund {level.value}",
                currency="USD",
                target_amount=1_000_000,
                classification=level,
            )

    await geneva.orm(funds)
    await geneva.run("federation", "apply")
    down = geneva.cluster.conninfo(geneva.database)
    await bangkok.run("federation", "apply", "--peer", f"global={down}")

    async def has_global() -> bool:
        return bool(await bangkok.query("SELECT 1 FROM tenant WHERE slug = 'global'"))

    await eventually(has_global, "the global tenant reached the regional hub")
    region = _manifests(
        tmp_path / "r", REGION_TENANTS, {"asia-pacific.toml": 'hub = "asia-pacific"\n'}
    )
    await bangkok.run("tenants", "apply", str(region))
    await bangkok.run("federation", "apply")
    up = bangkok.cluster.conninfo(bangkok.database, up_port)
    await geneva.run("federation", "apply", "--peer", f"asia-pacific={up}")
    await geneva.synchronised()
    # The region's tenants known, the global hub's policy sends down what reaches them
    await geneva.run("federation", "apply")
    await bangkok.synchronised()
    return geneva, bangkok


async def test_what_the_policy_shares_travels_and_nothing_else(
    clusters: tuple[Cluster, Cluster], tmp_path: Path
) -> None:
    geneva, bangkok = await _linked(clusters, "shares", tmp_path)

    # When Bangladesh records its records in the regional hub
    ids = await bangkok.orm(lambda: _region_records("Fund national consultations"))

    # Then the global hub holds those the network shares, with their origin
    async def shared_arrived() -> bool:
        rows = await geneva.query("SELECT 1 FROM proposal WHERE title LIKE 'Fund national%'")
        return len(rows) == 2

    await eventually(shared_arrived, "the shared proposals reached the global hub")
    titles = {r["title"] for r in await geneva.query("SELECT title FROM proposal")}
    assert titles == {"Fund national consultations public", "Fund national consultations network"}
    origins = await geneva.query(
        "SELECT t.slug, t.hub FROM proposal p JOIN tenant t ON t.id = p.tenant_id"
    )
    assert {(r["slug"], r["hub"]) for r in origins} == {("bangladesh", "asia-pacific")}
    # never contact details, never a note's body
    [contact] = await geneva.query("SELECT name, email, phone FROM contact")
    assert (contact["name"], contact["email"], contact["phone"]) == ("Farida Yasmin", "", "")
    [note] = await geneva.query("SELECT title, body_encrypted FROM advocacy_note")
    assert (note["title"], note["body_encrypted"]) == ("Pressure on a rights network", "")
    # and the regional hub holds the global fund the network shares, and not the other
    funds_there = {r["name"] for r in await bangkok.query("SELECT name FROM fund")}
    assert funds_there == {"Fund network"}

    # When the region withdraws a proposal from sharing and shares another
    await bangkok.query(
        "UPDATE proposal SET classification = CASE title "
        "WHEN 'Fund national consultations network' THEN 'restricted' ELSE 'network' END "
        "WHERE title IN ('Fund national consultations network', "
        "'Fund national consultations restricted')"
    )

    # Then the copy of the first disappears from the global hub, and the second arrives
    async def moved() -> bool:
        rows = await geneva.query("SELECT title FROM proposal")
        return {r["title"] for r in rows} == {
            "Fund national consultations public",
            "Fund national consultations restricted",
        }

    await eventually(moved, "the withdrawn copy left and the shared one arrived")

    # And a copy refuses any write but the link's, in each hub
    for there, table in ((geneva, "proposal"), (bangkok, "fund")):
        with pytest.raises(asyncpg.InsufficientPrivilegeError, match="written in hub"):
            await there.query(f"UPDATE {table} SET classification = classification")
    organisation = ids["organisation"]
    await bangkok.query(
        "UPDATE organisation SET name = 'Migrant workers rights network' WHERE id = $1",
        organisation,
    )

    async def renamed() -> bool:
        rows = await geneva.query("SELECT name FROM organisation WHERE id = $1", organisation)
        return [r["name"] for r in rows] == ["Migrant workers rights network"]

    await eventually(renamed, "a change of the owner reached the copy")

    # And the links stand: nothing went round in a loop, each side still applies changes
    async def linked(there: Hub) -> bool:
        rows = await there.query("SELECT subenabled FROM pg_subscription")
        return [r["subenabled"] for r in rows] == [True]

    assert await linked(geneva)
    assert await linked(bangkok)
    status = await geneva.run("federation", "status")
    assert "copies of hub asia-pacific: asia-pacific, bangladesh, dhaka" in status
    assert "subscription hub_global_from_asia_pacific: enabled" in status
    assert "0 change(s) refused" in status
    # And the global hub's lists show them with their origin, to those whose roles there
    # reach Bangladesh, and to no one else
    await geneva.run("users", "grant", COORDINATOR, "network_coordinator", "--tenant", "global")
    await geneva.run(
        "users", "grant", EUROPE, "regional_focal_point", "--tenant", "europe-central-asia"
    )
    await geneva.orm(lambda: _read_in_the_global_hub(geneva.url))

    # And the region's API shows the global fund that reaches Bangladesh, with its origin
    await bangkok.run("users", "grant", TEAM, "national_team_member", "--tenant", "bangladesh")
    await bangkok.orm(lambda: _read_in_the_regional_hub(bangkok.url))

    # And each hub keeps its own audit: a grant in the region is audited there only, and
    # both chains verify
    await bangkok.run(
        "users",
        "grant",
        "team.dhaka@network.example.org",
        "national_team_member",
        "--tenant",
        "dhaka",
    )
    audited = "SELECT count(*) AS n FROM audit_log WHERE object LIKE '%team.dhaka%'"
    assert [r["n"] for r in await bangkok.query(audited)] == [1]
    assert [r["n"] for r in await geneva.query(audited)] == [0]
    for there in (geneva, bangkok):
        await there.run("audit", "verify")

    # and the region's status says what it shares and what it keeps home, and why
    sharing = json.loads(await bangkok.run("federation", "status", "--json"))["sharing"]
    proposals = next(each for each in sharing if each["table"] == "proposal")
    assert proposals["shared"] == 2
    assert proposals["held_back"]["restricted or confidential"] == 2


async def test_the_link_cut_under_writes_loses_nothing_and_applies_nothing_twice(
    clusters: tuple[Cluster, Cluster], tmp_path: Path, reader: InMemoryMetricReader
) -> None:
    # Given the two hubs, the global one subscribed to the region through a link that the
    # test can take down
    link = FaultyLink("127.0.0.1", clusters[1].port)
    async with link.running():
        geneva, bangkok = await _linked(clusters, "outage", tmp_path, up_port=link.listen_port)
        ids = await bangkok.orm(lambda: _region_records("Before the outage"))

        async def before() -> bool:
            rows = await geneva.query("SELECT 1 FROM proposal WHERE title LIKE 'Before%'")
            return len(rows) == 2

        await eventually(before, "the first records reached the global hub")

        # When the link goes down, and the region goes on writing: new proposals, one
        # record changed twenty times, one withdrawn and shared again, one deleted
        link.go_down()

        async def during() -> None:
            first = await Proposal.get(title="Before the outage network")
            for n in range(1, 51):
                await Proposal.create(
                    tenant_id=first.tenant_id,
                    organisation_id=first.organisation_id,
                    target=ProposalTarget.WORK_PLAN,
                    title=f"During the outage {n}",
                    language="en",
                    classification=Classification.NETWORK,
                )

        await bangkok.orm(during)
        for version in range(1, 21):
            await bangkok.query(
                "UPDATE organisation SET name = $1 WHERE id = $2",
                f"Rights network, version {version}",
                ids["organisation"],
            )
        for level in ("restricted", "network"):
            await bangkok.query(
                "UPDATE proposal SET classification = $1 WHERE title = 'Before the outage public'",
                level,
            )
        await bangkok.query("DELETE FROM contact")
        lagging = json.loads(await bangkok.run("federation", "status", "--json"))
        [slot] = lagging["slots"]
        assert slot["active"] is False
        assert slot["lag_bytes"] > 0
        # and the lag is in the metrics, by the slot of the peer behind
        await bangkok.orm(lambda: read_links("asia-pacific"))
        assert _lag(reader) > 0

        # Then, the link back, the global hub catches up: every change once, in order
        link.go_down(False)

        async def caught_up() -> bool:
            rows = await geneva.query(
                "SELECT count(*) AS n FROM proposal WHERE title LIKE 'During the outage %'"
            )
            names = await geneva.query(
                "SELECT name FROM organisation WHERE id = $1", ids["organisation"]
            )
            contacts = await geneva.query("SELECT 1 FROM contact")
            return (
                rows[0]["n"] == 50
                and [r["name"] for r in names] == ["Rights network, version 20"]
                and not contacts
            )

        await eventually(caught_up, "the global hub caught up after the outage")
        shared_again = await geneva.query(
            "SELECT classification FROM proposal WHERE title = 'Before the outage public'"
        )
        assert [r["classification"] for r in shared_again] == ["network"]
        titles = [r["title"] for r in await geneva.query("SELECT title FROM proposal")]
        assert len(titles) == len(set(titles)) == 52

        async def confirmed() -> bool:
            [slot] = json.loads(await bangkok.run("federation", "status", "--json"))["slots"]
            return bool(slot["active"]) and slot["lag_bytes"] == 0

        await eventually(confirmed, "the global hub confirmed all it received")
        await bangkok.orm(lambda: read_links("asia-pacific"))
        assert _lag(reader) == 0
        [enabled] = await geneva.query("SELECT subenabled FROM pg_subscription")
        assert enabled["subenabled"] is True


def _lag(reader: InMemoryMetricReader) -> float:
    slot = frozenset({("slot", "hub_global_from_asia_pacific")})
    return float(points(reader, "hub.federation.lag")[slot].value)


COORDINATOR = "coordinator@network.example.org"
EUROPE = "focal.europe@network.example.org"
LISTED = (
    "query($scope: ListScope!) { proposals(scope: $scope) "
    "{ edges { node { id title origin { hub tenant { slug } } } } } }"
)


def _app_on(url: str, hub: str) -> Starlette:
    """The app of the hub ``hub`` on its database, the ORM opened by the caller."""
    settings = Settings(
        database_url=url,
        secret_key=SECRET_KEY,
        policy_poll_seconds=0,
        federation_poll_seconds=0,
        federation_name=hub,
    )
    return create_app(settings, manage_orm=False)


async def _read_in_the_global_hub(url: str) -> None:
    """What the global hub's API shows of the copies: through the app, as users read."""
    async with started(_app_on(url, "global")) as client:
        listed = await client.gql(LISTED, {"scope": "SUBTREE"}, user=COORDINATOR, tenant="global")
        nodes = [edge["node"] for edge in listed.data["proposals"]["edges"]]
        assert {(n["title"], n["origin"]["hub"], n["origin"]["tenant"]["slug"]) for n in nodes} == {
            ("Fund national consultations public", "asia-pacific", "bangladesh"),
            ("Fund national consultations restricted", "asia-pacific", "bangladesh"),
        }
        # a focal point of Europe sees none of them, by list or by id
        for scope in ("SUBTREE", "NETWORK"):
            elsewhere = await client.gql(
                LISTED, {"scope": scope}, user=EUROPE, tenant="europe-central-asia"
            )
            assert elsewhere.data["proposals"]["edges"] == [], scope
        by_id = await client.gql(
            "query($id: ID!) { node(id: $id) { id } }",
            {"id": nodes[0]["id"]},
            user=EUROPE,
            tenant="europe-central-asia",
        )
        assert by_id.data == {"node": None}
        # and the coordinator's review of a copy is refused, naming the hub to write it in
        reviewed = await client.gql(
            "mutation($id: ID!) { reviewProposal(input: { id: $id, status: UNDER_REVIEW }) "
            "{ proposal { status } errors { code } } }",
            {"id": nodes[0]["id"]},
            user=COORDINATOR,
            tenant="global",
        )
        codes = reviewed.codes or [
            e["code"] for e in (reviewed.data or {}).get("reviewProposal", {}).get("errors", [])
        ]
        assert codes == ["READ_ONLY_COPY"], reviewed.body


TEAM = "team.bangladesh@network.example.org"


async def _read_in_the_regional_hub(url: str) -> None:
    async with started(_app_on(url, "asia-pacific")) as client:
        funds = await client.gql(
            "{ funds(scope: NETWORK) "
            "{ edges { node { id name origin { hub tenant { slug } } } } } }",
            user=TEAM,
            tenant="bangladesh",
        )
        nodes = [edge["node"] for edge in funds.data["funds"]["edges"]]
        assert [(n["name"], n["origin"]["hub"], n["origin"]["tenant"]["slug"]) for n in nodes] == [
            ("Fund network", "global", "global")
        ]
        # within its own subtree, Bangladesh holds no fund
        own = await client.gql("{ funds { totalCount } }", user=TEAM, tenant="bangladesh")
        assert own.data == {"funds": {"totalCount": 0}}


def _policies_without(directory: Path, *lines: str) -> Path:
    """The shipped policy files but for ``lines``."""
    directory.mkdir()
    for source in (PROJECT_ROOT / "policies").glob("*.csv"):
        kept = [
            line
            for line in source.read_text(encoding="utf-8").splitlines()
            if line.strip() not in lines
        ]
        (directory / source.name).write_text("\n".join(kept) + "\n", encoding="utf-8")
    return directory


async def _follow_policy(there: Hub, policies: Path) -> None:
    """Apply ``policies`` in ``there``, then one round of what its server does meanwhile:
    follow the policy with what travels."""
    await there.run("policy", "apply", "--yes", str(policies))

    async def round_of_the_server() -> None:
        access = AccessControl(PROJECT_ROOT / "policies" / "model.conf")
        await access.load()
        await LinkWatcher(there.name, 1.0, there.url, access).round()

    await there.orm(round_of_the_server)


async def test_a_change_of_policy_changes_what_travels_both_ways(
    clusters: tuple[Cluster, Cluster], tmp_path: Path
) -> None:
    geneva, bangkok = await _linked(clusters, "policy", tmp_path)
    await bangkok.orm(lambda: _region_records("Policy"))

    async def proposals_in_geneva(*expected: str) -> None:
        async def arrived() -> bool:
            rows = await geneva.query("SELECT title FROM proposal")
            return {r["title"] for r in rows} == {f"Policy {level}" for level in expected}

        await eventually(arrived, f"the global hub holds the proposals {expected}")

    await proposals_in_geneva("public", "network")

    # When the region's policy stops sharing NETWORK proposals with the other hubs
    unshared = "p2, *, proposal:network, read, hubs"
    await _follow_policy(bangkok, _policies_without(tmp_path / "p1", unshared))
    # Then their copies leave the global hub, and the PUBLIC one stays
    await proposals_in_geneva("public")
    assert await geneva.query("SELECT 1 FROM organisation")

    # When the global hub's policy stops the fund at NETWORK reaching the tenants below
    await _follow_policy(
        geneva, _policies_without(tmp_path / "p2", "p2, *, fund:network, read, up")
    )

    # Then the region's copy of the fund leaves, and nothing else of the region's changes
    async def fund_left() -> bool:
        return not await bangkok.query("SELECT 1 FROM fund")

    await eventually(fund_left, "the copy of the global fund left the region")

    # When both policies share again what they did
    await _follow_policy(bangkok, PROJECT_ROOT / "policies")
    await _follow_policy(geneva, PROJECT_ROOT / "policies")

    # Then the copies come back, and each side's links stand
    await proposals_in_geneva("public", "network")

    async def fund_back() -> bool:
        return [r["name"] for r in await bangkok.query("SELECT name FROM fund")] == ["Fund network"]

    await eventually(fund_back, "the copy of the global fund came back to the region")
    for there in (geneva, bangkok):
        [link] = await there.query("SELECT subenabled FROM pg_subscription")
        assert link["subenabled"] is True
    # and what travels is what each policy decided, as the hubs keep it
    travel = await bangkok.query(
        "SELECT DISTINCT classification FROM federation_travel WHERE table_name = 'proposal'"
    )
    assert {r["classification"] for r in travel} == {"public", "network"}


async def test_a_regional_hub_restored_from_a_backup_catches_up_after_a_resync(
    clusters: tuple[Cluster, Cluster], tmp_path: Path
) -> None:
    # Given two linked hubs, and a backup of the region taken once its first records
    # reached the global hub
    geneva, bangkok = await _linked(clusters, "restore", tmp_path)
    await bangkok.orm(lambda: _region_records("Backed up"))

    async def titles_in_geneva() -> set[str]:
        return {r["title"] for r in await geneva.query("SELECT title FROM proposal")}

    async def backed_up() -> bool:
        return await titles_in_geneva() == {"Backed up public", "Backed up network"}

    await eventually(backed_up, "the first records reached the global hub")
    backup = tmp_path / "region-backup"
    bangkok.cluster.back_up(backup)

    # When, after the backup, the region shares a proposal and the global hub a fund
    await bangkok.query(
        "UPDATE proposal SET classification = 'network' WHERE title = 'Backed up restricted'"
    )
    await geneva.orm(_fund_after_the_backup)

    async def exchanged() -> bool:
        funds = {r["name"] for r in await bangkok.query("SELECT name FROM fund")}
        return "Backed up restricted" in await titles_in_geneva() and "After" in funds

    await eventually(exchanged, "the changes after the backup crossed both ways")

    # and the region is restored from the backup, which has neither change
    bangkok.cluster.restore(backup)

    # Then each side resyncs its link from the other
    up = bangkok.cluster.conninfo(bangkok.database)
    down = geneva.cluster.conninfo(geneva.database)
    said = await geneva.run("federation", "resync", "--peer", f"asia-pacific={up}")
    assert "copies of hub asia-pacific dropped" in said
    await bangkok.run("federation", "resync", "--peer", f"global={down}")
    await geneva.synchronised()
    await bangkok.synchronised()

    # and the global hub holds what the restored region shares, no longer the proposal
    # shared after the backup; the region holds the fund it had missed
    async def caught_up() -> bool:
        funds = {r["name"] for r in await bangkok.query("SELECT name FROM fund")}
        titles = await titles_in_geneva()
        return funds == {"Fund network", "After"} and titles == {
            "Backed up public",
            "Backed up network",
        }

    await eventually(caught_up, "both hubs caught up with the restored region")
    # and the links go on: a change of the region after the restore arrives once
    await bangkok.query(
        "UPDATE proposal SET title = 'Restored public' WHERE title = 'Backed up public'"
    )

    async def renamed() -> bool:
        return await titles_in_geneva() == {"Restored public", "Backed up network"}

    await eventually(renamed, "a change after the restore reached the global hub")
    for there in (geneva, bangkok):
        [link] = await there.query("SELECT subenabled FROM pg_subscription")
        assert link["subenabled"] is True
    # and the region's own records were never touched by the resync
    own = await bangkok.query("SELECT count(*) AS n FROM proposal")
    assert own[0]["n"] == 4


async def _fund_after_the_backup() -> None:
    await Fund.create(
        tenant=await Tenant.get(slug="global"),
        name="After",
        currency="USD",
        target_amount=50_000,
        classification=Classification.PUBLIC,
    )
