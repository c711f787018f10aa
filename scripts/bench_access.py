"""Access-control benchmark: the cost of Casbin decisions as the number of tenants grows.

For 10, 1,000 and 5,000 tenants with about 20 rules each, it measures policy load time, the
build of one tenant's enforcer, a single decision, the authorisation work of one request
(membership, roles, the compiled SQL scope) and in-process request throughput of a
work-stream list, and prints the share of request time that access control takes.

    ./scripts/bench [--tenants 10,1000,5000] [--requests 300]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import httpx

from hub.access.decisions import Decisions
from hub.access.enforcer import AccessControl
from hub.access.models import CasbinRule
from hub.access.resources import Action, Resource
from hub.app import create_app
from hub.auth.models import User
from hub.auth.tokens import issue_dev_token
from hub.core.config import PROJECT_ROOT, Settings
from hub.core.db import close_orm, init_orm, migrate
from hub.tenancy.models import Tenant, TenantLevel
from hub.workplan.models import WorkStream

SECRET = "benchmark-secret-key-0123456789"
QUERY = "{ workStreams(first: 20) { totalCount edges { node { id title } } } }"
ROLE_RULES = [
    ("national_team_member", "work_stream:public", "read"),
    ("national_team_member", "work_stream:network", "read"),
    ("national_team_member", "work_stream:restricted", "read"),
    ("national_team_member", "work_stream:network", "create"),
    ("regional_focal_point", "work_stream", "read"),
]


async def build_network(tenants: int) -> tuple[str, str]:
    """Tenants under one root, ~20 rules each; returns a national tenant and its member."""
    root = await Tenant.create(
        slug="global", name="Global", level=TenantLevel.GLOBAL, path="/global"
    )
    regions = max(1, tenants // 100)
    created: list[Tenant] = []
    for r in range(regions):
        region = await Tenant.create(
            slug=f"r{r}",
            name=f"Region {r}",
            level=TenantLevel.REGIONAL,
            parent=root,
            path=f"/global/r{r}",
        )
        created.append(region)
    nationals = [
        Tenant(
            slug=f"n{n}",
            name=f"Nation {n}",
            level=TenantLevel.NATIONAL,
            parent=created[n % regions],
            path=f"{created[n % regions].path}/n{n}",
        )
        for n in range(max(0, tenants - regions - 1))
    ]
    await Tenant.bulk_create(nationals, batch_size=1000)
    rows: list[CasbinRule] = [
        CasbinRule(ptype="p", v0=role, v1="*", v2=obj, v3=act, v4="allow")
        for role, obj, act in ROLE_RULES
    ]
    for tenant in await Tenant.all():
        for k in range(20):
            rows.append(
                CasbinRule(
                    ptype="p",
                    v0=f"local_role_{k % 5}",
                    v1=tenant.path,
                    v2=f"work_stream:{['public', 'network'][k % 2]}",
                    v3=["read", "update", "create", "archive"][k % 4],
                    v4="allow" if k % 7 else "deny",
                )
            )
    target = await Tenant.filter(level=TenantLevel.NATIONAL).first() or root
    email = "member@bench.example.org"
    await User.create(email=email, name="Member", home_tenant=target)
    rows.append(CasbinRule(ptype="g", v0=email, v1="national_team_member", v2=target.path))
    await CasbinRule.bulk_create(rows, batch_size=1000)
    await WorkStream.bulk_create(
        [WorkStream(tenant=target, title=f"Stream {i}") for i in range(40)], batch_size=1000
    )
    return target.path, email


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.3f}"


async def measure(tenants: int, requests: int, workdir: Path) -> dict[str, float]:
    url = f"sqlite://{workdir / f'bench-{tenants}.sqlite3'}"
    await migrate(url)
    await init_orm(url)
    try:
        path, email = await build_network(tenants)
        settings = Settings(database_url=url, secret_key=SECRET, policy_poll_seconds=0)
        access = AccessControl(settings.policy_model)
        started = time.perf_counter()
        await access.load()
        load = time.perf_counter() - started
        started = time.perf_counter()
        access.enforcer_for(path)
        shard = time.perf_counter() - started
        enforcer = access.enforcer_for(path)
        checks = 500
        started = time.perf_counter()
        for _ in range(checks):
            enforcer.enforce(email, path, "work_stream:network", "read")
        decision = (time.perf_counter() - started) / checks
        started = time.perf_counter()
        cold = Decisions(access, email, path)
        assert cold.is_member
        cold.allows_any(Resource.WORK_STREAM, Action.READ)
        cold.scope(Resource.WORK_STREAM)
        authz_cold = time.perf_counter() - started
        samples = []
        for _ in range(200):
            started = time.perf_counter()
            decisions = Decisions(access, email, path)
            assert decisions.is_member
            decisions.allows_any(Resource.WORK_STREAM, Action.READ)
            decisions.scope(Resource.WORK_STREAM)
            samples.append(time.perf_counter() - started)
        authz = statistics.median(samples)

        app = create_app(settings, manage_orm=False)
        token = issue_dev_token(SECRET, email, None, timedelta(hours=1))
        headers = {"Authorization": f"Bearer {token}"}
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(
                transport=httpx.ASGITransport(app=app), base_url="http://bench"
            ) as http,
        ):
            for _ in range(20):
                (
                    await http.post("/graphql", json={"query": QUERY}, headers=headers)
                ).raise_for_status()
            latencies = []
            for _ in range(requests):
                started = time.perf_counter()
                reply = await http.post("/graphql", json={"query": QUERY}, headers=headers)
                latencies.append(time.perf_counter() - started)
                assert reply.json()["data"]["workStreams"]["totalCount"] == 40
        request = statistics.median(latencies)
        return {
            "tenants": await Tenant.all().count(),
            "rules": await CasbinRule.all().count(),
            "load": load,
            "shard": shard,
            "decision": decision,
            "authz": authz,
            "authz_cold": authz_cold,
            "request": request,
            "rps": 1 / statistics.mean(latencies),
        }
    finally:
        await close_orm()


async def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--tenants", default="10,1000,5000", help="comma-separated sizes")
    parser.add_argument("--requests", type=int, default=300, help="requests per size")
    args = parser.parse_args()
    sizes = [int(s) for s in args.tenants.split(",")]
    print("Access control, in one process on SQLite (in-process ASGI requests, no network)")
    print(
        f"{'tenants':>8} {'rules':>7} {'load ms':>9} {'shard ms':>9} {'check ms':>9} "
        f"{'authz 1st':>10} {'authz ms':>9} {'request ms':>11} {'req/s':>7} {'authz share':>12}"
    )
    with tempfile.TemporaryDirectory() as tmp:
        for size in sizes:
            r = await measure(size, args.requests, Path(tmp))
            share = r["authz"] / r["request"] * 100
            print(
                f"{int(r['tenants']):>8} {int(r['rules']):>7} {_ms(r['load']):>9} "
                f"{_ms(r['shard']):>9} {_ms(r['decision']):>9} {_ms(r['authz_cold']):>10} "
                f"{_ms(r['authz']):>9} "
                f"{_ms(r['request']):>11} {r['rps']:>7.0f} {share:>11.1f}%"
            )
    print(
        "check: one uncached Casbin decision in a tenant's enforcer; authz 1st: a request's\n"
        "authorisation (membership, roles, compiled scope) right after a policy load; authz:\n"
        "the same for later requests, decisions being kept per policy snapshot; authz share:\n"
        "authz / median request time."
    )
    print(f"model: {PROJECT_ROOT / 'policies' / 'model.conf'}")


if __name__ == "__main__":
    asyncio.run(main())
