"""A benchmark dataset in its own PostgreSQL database, reproducible from a seed.

The database is created for the run, migrated by ``hub migrate`` (the real schema, its
indexes and Row-Level Security), then filled with COPY: tenants in a tree, people and their
role grants, ~20 rules per tenant beside the baseline policies, and per tenant its share of
organisations, work streams (with French versions and search text), proposals (with themes)
and pledges to a fund.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

import asyncpg

ROOT = Path(__file__).resolve().parents[2]
EPOCH = datetime(2024, 1, 1, tzinfo=UTC)
LANGUAGES = ("en", "fr", "es", "ar", "ru", "zh")
THEMES = (
    "access_to_justice",
    "civic_space",
    "decent_work",
    "gender",
    "health",
    "human_rights",
    "labour_mobility",
    "regular_pathways",
    "reintegration",
    "saving_lives",
)
SUBJECTS = (
    "Labour mobility",
    "Alternatives to detention",
    "Return and reintegration",
    "Civic space",
    "Access to services",
    "Data on migration",
    "Climate and mobility",
    "Regular pathways",
    "Fair recruitment",
    "Missing migrants",
)
KINDS = ("civil_society", "trade_union", "private_sector", "academia", "migrant_or_diaspora")
WORK_STREAM_CLASSES = ("public", "network", "network", "restricted")
PROPOSAL_CLASSES = ("public", "network", "network", "network", "restricted")
PROPOSAL_STATUSES = ("submitted", "under_review", "accepted", "reflected", "declined")
LOCAL_ROLE_OBJECTS = ("work_stream", "proposal", "organisation", "fund.pledge")
LOCAL_ACTIONS = ("read", "update", "create", "archive")
MEMBER_ROLE = "national_team_member"
FOCAL_POINT_ROLE = "regional_focal_point"


@dataclass(frozen=True)
class Scale:
    tenants: int = 200
    work_streams: int = 10_000
    proposals: int = 100_000
    organisations: int = 20_000
    pledges: int = 5_000
    rules_per_tenant: int = 20
    # Members of national tenants beside each tenant's member and focal point: the callers
    # the many-callers workload goes round.
    callers: int = 2_000

    def times(self, factor: float) -> Scale:
        def scaled(n: int, least: int) -> int:
            return max(least, round(n * factor))

        return Scale(
            tenants=scaled(self.tenants, 3),
            work_streams=scaled(self.work_streams, 60),
            proposals=scaled(self.proposals, 600),
            organisations=scaled(self.organisations, 30),
            pledges=scaled(self.pledges, 10),
            rules_per_tenant=self.rules_per_tenant,
            callers=scaled(self.callers, 20),
        )


@dataclass(frozen=True)
class Dataset:
    """What the load generator needs to know about a generated database."""

    dsn: str
    database: str
    seed: int
    scale: Scale
    # The tenant the operations run in, its id, and a member of it.
    tenant_slug: str
    tenant_id: str
    member_email: str
    rows: dict[str, int]
    seconds: float


def server_dsn(dsn: str, database: str) -> str:
    """The same server, another database."""
    base, _, _ = dsn.rpartition("/")
    return f"{base}/{database}"


async def create_database(admin_dsn: str, database: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        await connection.execute(f'CREATE DATABASE "{database}"')
    finally:
        await connection.close()


async def drop_database(admin_dsn: str, database: str) -> None:
    connection = await asyncpg.connect(admin_dsn)
    try:
        await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    finally:
        await connection.close()


def migrate(dsn: str) -> None:
    """The hub's own ``hub migrate``, so the schema is the one the hub runs on."""
    hub = Path(sys.executable).with_name("hub")
    env = {**os.environ, "HUB_DATABASE_URL": dsn}
    done = subprocess.run(
        [str(hub), "migrate"], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"hub migrate failed:\n{done.stdout}{done.stderr}")


class Ids:
    """UUIDs drawn from the seeded generator: the same seed gives the same ids."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def next(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)


def _spread(total: int, parts: int) -> list[int]:
    """``total`` split into ``parts`` counts that differ by at most one."""
    base, extra = divmod(total, parts)
    return [base + (1 if i < extra else 0) for i in range(parts)]


@dataclass
class _Tenant:
    id: uuid.UUID
    slug: str
    path: str
    level: str
    parent: uuid.UUID | None


def _tenants(count: int, ids: Ids) -> list[_Tenant]:
    root = _Tenant(ids.next(), "global", "/global", "global", None)
    regions = [
        _Tenant(ids.next(), f"region-{r}", f"/global/region-{r}", "regional", root.id)
        for r in range(max(1, (count - 1) // 20))
    ]
    nationals = [
        _Tenant(
            ids.next(),
            f"nation-{n}",
            f"{regions[n % len(regions)].path}/nation-{n}",
            "national",
            regions[n % len(regions)].id,
        )
        for n in range(count - 1 - len(regions))
    ]
    return [root, *regions, *nationals]


def _at(rng: random.Random) -> datetime:
    return EPOCH + timedelta(seconds=rng.randrange(0, 2 * 365 * 86400))


def _title(rng: random.Random, number: int) -> str:
    return f"{rng.choice(SUBJECTS)} {number}"


def baseline_rules() -> list[tuple[str, ...]]:
    """The rules of ``policies/*.csv``, as ``hub policy apply`` would store them."""
    sys.path.insert(0, str(ROOT))
    from hub.access.policy_files import read_policy_dir

    return [(rule.ptype, *rule.values) for rule in read_policy_dir(ROOT / "policies")]


Progress = Callable[[str], None]


def _caller_grants(email: str, path: str, k: int) -> list[tuple[str, ...]]:
    """A caller's grants: some callers hold the same roles as others of their tenant, some a
    local role besides, some a rule of their own. Every one may read all of the tenant's work
    streams and proposals, so their answers can be compared with a server that knows no
    access control."""
    role = (MEMBER_ROLE, FOCAL_POINT_ROLE)[k % 2]
    grants: list[tuple[str, ...]] = [("g", email, role, path, "", "", "")]
    if k % 3 == 1:
        # Not local_role_0: its tenant's rules deny it reading public work streams.
        grants.append(("g", email, f"local_role_{1 + k % 4}", path, "", "", ""))
    if k % 3 == 2:
        grants.append(("p", email, path, "work_stream:public", "read", "allow", ""))
    return grants


async def _copy(
    connection: asyncpg.Connection,
    table: str,
    columns: Sequence[str],
    records: list[tuple[Any, ...]],
    progress: Progress,
) -> None:
    await connection.copy_records_to_table(table, records=records, columns=list(columns))
    progress(f"{table}: {len(records):,} rows")


async def fill(dsn: str, scale: Scale, seed: int, progress: Progress) -> tuple[str, str, str]:
    """Write the dataset; returns the benchmark tenant's slug and id and a member's email."""
    rng = random.Random(seed)
    ids = Ids(rng)
    tenants = _tenants(scale.tenants, ids)
    connection = await asyncpg.connect(dsn)
    try:
        # COPY sends rows in the binary format: jsonb is a version byte and the text.
        await connection.set_type_codec(
            "jsonb",
            encoder=lambda value: b"\x01" + json.dumps(value).encode(),
            decoder=lambda data: json.loads(data[1:]),
            schema="pg_catalog",
            format="binary",
        )
        now = EPOCH
        await _copy(
            connection,
            "tenant",
            (
                "id",
                "slug",
                "name",
                "level",
                "path",
                "default_language",
                "languages",
                "created_at",
                "updated_at",
                "parent_id",
            ),
            [
                (
                    t.id,
                    t.slug,
                    t.slug.replace("-", " ").title(),
                    t.level,
                    t.path,
                    "en",
                    ["en", "fr"],
                    now,
                    now,
                    t.parent,
                )
                for t in tenants
            ],
            progress,
        )
        users: list[tuple[Any, ...]] = []
        rules: set[tuple[str, ...]] = {
            (*rule, *[""] * (7 - len(rule))) for rule in baseline_rules()
        }
        for t in tenants:
            member = f"member@{t.slug}.bench.example.org"
            focal = f"focal@{t.slug}.bench.example.org"
            users.append((ids.next(), member, "Member", True, now, t.id))
            users.append((ids.next(), focal, "Focal point", True, now, t.id))
            rules.add(("g", member, MEMBER_ROLE, t.path, "", "", ""))
            rules.add(("g", focal, FOCAL_POINT_ROLE, t.path, "", "", ""))
            # Rules a tenant's administrators add for their own roles; a deny now and then.
            for k in range(scale.rules_per_tenant - 2):
                rules.add(
                    (
                        "p",
                        f"local_role_{k % 5}",
                        t.path,
                        f"{LOCAL_ROLE_OBJECTS[k % 4]}:{('public', 'network')[k % 2]}",
                        LOCAL_ACTIONS[(k // 4) % 4],
                        "allow" if k % 7 else "deny",
                        "",
                    )
                )
        nationals = [t for t in tenants if t.level == "national"]
        for t, count in zip(nationals, _spread(scale.callers, len(nationals)), strict=True):
            for k in range(count):
                email = f"caller-{k}@{t.slug}.bench.example.org"
                users.append((ids.next(), email, f"Caller {k}", True, now, t.id))
                rules.update(_caller_grants(email, t.path, k))
        await _copy(
            connection,
            "hub_user",
            ("id", "email", "name", "is_active", "created_at", "home_tenant_id"),
            users,
            progress,
        )
        await _copy(
            connection,
            "casbin_rule",
            ("ptype", "v0", "v1", "v2", "v3", "v4", "v5"),
            sorted(rules),
            progress,
        )

        organisations: list[tuple[Any, ...]] = []
        by_tenant_orgs: list[list[uuid.UUID]] = []
        for t, count in zip(tenants, _spread(scale.organisations, len(tenants)), strict=True):
            mine = []
            for i in range(count):
                oid = ids.next()
                mine.append(oid)
                at = _at(rng)
                organisations.append(
                    (
                        oid,
                        f"Organisation {t.slug} {i}",
                        rng.choice(KINDS),
                        "none",
                        "",
                        "",
                        rng.sample(THEMES, 2),
                        "network",
                        at,
                        at,
                        t.id,
                        None,
                    )
                )
            by_tenant_orgs.append(mine)
        await _copy(
            connection,
            "organisation",
            (
                "id",
                "name",
                "kind",
                "ecosoc_status",
                "country",
                "region",
                "themes",
                "classification",
                "created_at",
                "updated_at",
                "tenant_id",
                "archived_at",
            ),
            organisations,
            progress,
        )

        work_streams: list[tuple[Any, ...]] = []
        by_tenant_streams: list[list[uuid.UUID]] = []
        for t, count in zip(tenants, _spread(scale.work_streams, len(tenants)), strict=True):
            mine = []
            for i in range(count):
                wid = ids.next()
                mine.append(wid)
                title = _title(rng, i)
                versions = {"fr": {"title": f"{title} (fr)", "description": "Version française"}}
                at = _at(rng)
                work_streams.append(
                    (
                        wid,
                        title,
                        f"What {title} is about.",
                        "active",
                        rng.choice(WORK_STREAM_CLASSES),
                        at,
                        at,
                        t.id,
                        None,
                        "en",
                        versions["fr"]["title"],
                        versions,
                    )
                )
            by_tenant_streams.append(mine)
        await _copy(
            connection,
            "work_stream",
            (
                "id",
                "title",
                "description",
                "status",
                "classification",
                "created_at",
                "updated_at",
                "tenant_id",
                "archived_at",
                "language",
                "search_text",
                "translations",
            ),
            work_streams,
            progress,
        )

        proposals: list[tuple[Any, ...]] = []
        for t, count, orgs, streams in zip(
            tenants,
            _spread(scale.proposals, len(tenants)),
            by_tenant_orgs,
            by_tenant_streams,
            strict=True,
        ):
            for i in range(count):
                title = f"Proposal {i}: {rng.choice(SUBJECTS).lower()}"
                at = _at(rng)
                language = rng.choice(LANGUAGES)
                proposals.append(
                    (
                        ids.next(),
                        "work_stream",
                        "thematic",
                        title,
                        "The proposal's text.",
                        rng.sample(THEMES, rng.randint(1, 3)),
                        rng.choice(PROPOSAL_STATUSES),
                        "",
                        rng.choice(PROPOSAL_CLASSES),
                        at,
                        at,
                        None,
                        rng.choice(orgs),
                        t.id,
                        streams[i % len(streams)],
                        language,
                        "",
                        {},
                    )
                )
        await _copy(
            connection,
            "proposal",
            (
                "id",
                "target",
                "scope",
                "title",
                "body",
                "themes",
                "status",
                "response_note",
                "classification",
                "submitted_at",
                "updated_at",
                "archived_at",
                "organisation_id",
                "tenant_id",
                "work_stream_id",
                "language",
                "search_text",
                "translations",
            ),
            proposals,
            progress,
        )

        funds = [
            (
                ids.next(),
                f"Fund of {t.slug}",
                "",
                "USD",
                Decimal("1000000.00"),
                2027,
                "",
                "network",
                now,
                now,
                t.id,
            )
            for t in tenants
        ]
        await _copy(
            connection,
            "fund",
            (
                "id",
                "name",
                "description",
                "currency",
                "target_amount",
                "target_year",
                "administrative_agent",
                "classification",
                "created_at",
                "updated_at",
                "tenant_id",
            ),
            funds,
            progress,
        )
        pledges: list[tuple[Any, ...]] = []
        for t, fund, count, orgs in zip(
            tenants, funds, _spread(scale.pledges, len(tenants)), by_tenant_orgs, strict=True
        ):
            for _ in range(count):
                at = _at(rng)
                pledges.append(
                    (
                        ids.next(),
                        Decimal(rng.randrange(1000, 500_000)),
                        "USD",
                        rng.choice(("outreach", "pledged", "signed", "received")),
                        "",
                        "restricted",
                        at,
                        at,
                        rng.choice(orgs),
                        fund[0],
                        t.id,
                    )
                )
        await _copy(
            connection,
            "fund_pledge",
            (
                "id",
                "amount",
                "currency",
                "status",
                "note",
                "classification",
                "created_at",
                "updated_at",
                "donor_id",
                "fund_id",
                "tenant_id",
            ),
            pledges,
            progress,
        )
        # Lists filter by theme through the tags, not the records' own theme lists.
        tags = [
            ("organisation", row[0], row[10], theme) for row in organisations for theme in row[6]
        ] + [("proposal", row[0], row[13], theme) for row in proposals for theme in row[5]]
        await _copy(
            connection, "theme_tag", ("subject", "record_id", "tenant_id", "theme"), tags, progress
        )
        # Vacuumed as well as analysed: otherwise autovacuum and the first reads' hint-bit
        # writes on the copied rows run during the first servers' measurements.
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    target = next(t for t in tenants if t.level == "national")
    return target.slug, str(target.id), f"member@{target.slug}.bench.example.org"


async def generate(
    admin_dsn: str, database: str, scale: Scale, seed: int, progress: Progress
) -> Dataset:
    started = time.perf_counter()
    await create_database(admin_dsn, database)
    dsn = server_dsn(admin_dsn, database)
    progress(f"database {database} created; migrating")
    migrate(dsn)
    slug, tenant_id, email = await fill(dsn, scale, seed, progress)
    connection = await asyncpg.connect(dsn)
    try:
        rows = {
            table: int(await connection.fetchval(f"SELECT count(*) FROM {table}"))
            for table in (
                "tenant",
                "hub_user",
                "casbin_rule",
                "organisation",
                "work_stream",
                "proposal",
                "fund_pledge",
                "theme_tag",
            )
        }
    finally:
        await connection.close()
    return Dataset(
        dsn=dsn,
        database=database,
        seed=seed,
        scale=scale,
        tenant_slug=slug,
        tenant_id=tenant_id,
        member_email=email,
        rows=rows,
        seconds=time.perf_counter() - started,
    )
