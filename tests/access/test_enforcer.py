"""A tenant's small enforcer must decide exactly as one enforcer holding every rule."""

from __future__ import annotations

import random
from itertools import product

import casbin

from hub.access.enforcer import PolicySnapshot
from hub.access.policy_files import Rule
from hub.core.config import Settings

ROLES = ("coordinator", "member", "partner")
OBJECTS = ("work_stream", "work_stream:restricted", "work_stream:public", "audit_log")
ACTIONS = ("read", "update")


def _tenants() -> list[str]:
    paths = ["/global"]
    for region in ("asia", "asia-pacific", "europe"):
        paths.append(f"/global/{region}")
        for country in ("a", "b"):
            paths.append(f"/global/{region}/{country}")
            paths.append(f"/global/{region}/{country}/city")
    return paths


def _random_rules(seed: int, tenants: list[str]) -> list[Rule]:
    rng = random.Random(seed)
    rules = {
        Rule(
            "p",
            (
                rng.choice(ROLES),
                rng.choice(["*", *tenants]),
                rng.choice([*OBJECTS, "*"]),
                rng.choice([*ACTIONS, "*"]),
                rng.choice(["allow", "allow", "deny"]),
            ),
        )
        for _ in range(60)
    }
    for user in range(6):
        for _ in range(2):
            rules.add(Rule("g", (f"u{user}@example.org", rng.choice(ROLES), rng.choice(tenants))))
    return sorted(rules)


def test_tenant_shards_decide_like_the_whole_policy() -> None:
    model = casbin.Enforcer.new_model(str(Settings().policy_model))
    tenants = _tenants()
    for seed in range(2):
        snapshot = PolicySnapshot(model, _random_rules(seed, tenants))
        everything = snapshot.shard("*")
        for tenant in tenants:
            shard = snapshot.shard(tenant)
            below = [t for t in tenants if t == tenant or t.startswith(tenant + "/")]
            users = [f"u{n}@example.org" for n in range(4)]
            for user, domain, obj, action in product(users, below, OBJECTS, ACTIONS):
                expected = everything.enforce(user, domain, obj, action)
                assert shard.enforce(user, domain, obj, action) == expected, (
                    seed,
                    tenant,
                    user,
                    domain,
                    obj,
                    action,
                )


def test_a_shard_holds_only_the_rules_that_concern_its_subtree() -> None:
    model = casbin.Enforcer.new_model(str(Settings().policy_model))
    rules = [
        Rule("p", ("member", "*", "work_stream", "read", "allow")),
        Rule("p", ("member", "/global/asia", "work_stream", "update", "allow")),
        Rule("p", ("member", "/global/asia-pacific", "work_stream", "update", "allow")),
        Rule("p", ("member", "/global/asia/a/city", "work_stream", "update", "deny")),
    ]
    shard = PolicySnapshot(model, rules).shard("/global/asia/a")
    assert [row[1] for row in shard.get_policy()] == ["*", "/global/asia", "/global/asia/a/city"]


PEERS = [f"peer{n}@example.org" for n in range(4)]


def _peer_rules(seed: int, tenants: list[str]) -> list[Rule]:
    """Random rules, and callers holding the same grants: peer0, peer1 and peer2 alike,
    peer2 named by rules of its own besides, peer3 alike and in an organisation."""
    rng = random.Random(seed)
    rules = set(_random_rules(seed, tenants))
    shared = [(rng.choice(ROLES), rng.choice(tenants)) for _ in range(2)]
    for user in PEERS:
        for role, tenant in shared:
            rules.add(Rule("g", (user, role, tenant)))
    rules.add(Rule("g", (PEERS[3], "org:ngo", "*")))
    rules.add(Rule("p", ("org:ngo", "*", "audit_log", "read", "allow")))
    for obj in OBJECTS:
        rules.add(Rule("p", (PEERS[2], "*", obj, "read", "deny")))
    return sorted(rules)


def test_callers_holding_the_same_grants_share_decisions_and_no_one_else() -> None:
    # given users with the same grants, one of them named by rules of its own and one
    # belonging to an organisation
    model = casbin.Enforcer.new_model(str(Settings().policy_model))
    tenants = _tenants()
    users = [*PEERS, *(f"u{n}@example.org" for n in range(6))]
    for seed in range(3):
        snapshot = PolicySnapshot(model, _peer_rules(seed, tenants))
        everything = PolicySnapshot(model, _peer_rules(seed, tenants)).shard("*")
        assert snapshot.peers(PEERS[0]) == snapshot.peers(PEERS[1])
        assert snapshot.peers(PEERS[2]) == ("subject", PEERS[2])
        assert snapshot.peers(PEERS[3]) != snapshot.peers(PEERS[0])
        # when each decides in turn, the first of the peers filling the memory
        for tenant, user, obj, action in product(tenants, users, OBJECTS, ACTIONS):
            decided = snapshot.decide(tenant, user, tenant, obj, action)
            # then every answer is the one the whole policy gives that user
            assert decided == everything.enforce(user, tenant, obj, action), (
                seed,
                tenant,
                user,
                obj,
                action,
            )
