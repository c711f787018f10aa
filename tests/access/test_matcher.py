"""The model's matchers have two implementations: Casbin's enforcer, which explains a
decision, and the indexed matcher, which takes it. Every question must get the same answer
from both: on generated policies against an enforcer holding every rule, and on the demo
network's policy for every demo caller and role in every tenant."""

from __future__ import annotations

import random
import uuid
from itertools import pairwise, product
from pathlib import Path

import casbin
from casbin.model import Model
from starlette.applications import Starlette

from hub.access.enforcer import AccessControl, PolicySnapshot
from hub.access.matcher import IndexedMatcher
from hub.access.policy_files import Rule
from hub.access.resources import Action, Resource, object_name
from hub.core.classification import Classification
from hub.core.config import Settings
from hub.demo import DEMO_USERS
from hub.tenancy.domains import ANY_DOMAIN, NETWORK, UP
from tests.access.test_enforcer import _tenants


def _model(path: Path | None = None) -> Model:
    return casbin.Enforcer.new_model(str(path or Settings().policy_model))


def _reach_by_casbin(enforcer: casbin.Enforcer, question: tuple[str, ...]) -> bool:
    allowed, _ = enforcer.enforce_ex(enforcer.new_enforce_context("2"), *question)
    return bool(allowed)


ROLES = ("coordinator", "member", "partner", "lead")
RESOURCES = ("work_stream", "audit_log", "fund")
ACTIONS = ("read", "update", "archive")
RECORDS = [str(uuid.UUID(int=n)) for n in range(3)]
OBJECTS = (
    *RESOURCES,
    *(f"{r}:{c}" for r in RESOURCES for c in ("public", "network", "restricted")),
    *(f"work_stream:{record}" for record in RECORDS),
)
USERS = [f"u{n}@example.org" for n in range(8)]
ORGANISATIONS = ["org:ngo", "org:union"]
# Longer than Casbin follows (ten subjects, the first included): rules on the far end of
# the chain must not match, as they do not for Casbin.
CHAIN = [f"chain{n}" for n in range(12)]


def _generated_rules(seed: int, tenants: list[str]) -> list[Rule]:
    """Permissions with allows and denies on resources, classifications and single records;
    grants of roles to users, organisations and roles, in tenants and everywhere; rules
    naming users themselves; reach rules for anyone or one role, up or across the network."""
    rng = random.Random(seed)
    subjects = [*ROLES, *ORGANISATIONS, USERS[0], USERS[1], *CHAIN[7:]]
    domains = [ANY_DOMAIN, *tenants]
    rules: set[Rule] = set()
    for _ in range(90):
        effect = rng.choice(["allow", "allow", "allow", "deny", "maybe"])
        obj = rng.choice([*OBJECTS, "*"])
        action = rng.choice([*ACTIONS, "*"])
        rules.add(Rule("p", (rng.choice(subjects), rng.choice(domains), obj, action, effect)))
    for user in USERS:
        for _ in range(rng.randint(0, 3)):
            holder = rng.choice([*ROLES, *ORGANISATIONS])
            rules.add(Rule("g", (user, holder, rng.choice(domains))))
    for organisation in ORGANISATIONS:
        rules.add(Rule("g", (organisation, rng.choice(ROLES), rng.choice(domains))))
    rules.add(Rule("g", (rng.choice(ROLES), rng.choice(ROLES), rng.choice(domains))))
    rules.add(Rule("g", (USERS[2], CHAIN[0], ANY_DOMAIN)))
    for member, role in pairwise(CHAIN):
        rules.add(Rule("g", (member, role, ANY_DOMAIN)))
    for _ in range(12):
        subject = rng.choice(["*", "*", *ROLES, USERS[3], *CHAIN[7:]])
        obj = rng.choice([*OBJECTS[: len(RESOURCES) * 4], "*"])
        rules.add(Rule("p2", (subject, obj, rng.choice(ACTIONS), rng.choice([UP, NETWORK]))))
    return sorted(rules)


def test_the_shipped_model_is_the_one_the_matcher_implements() -> None:
    # given the policy model as shipped, then the matcher decides for its snapshots
    assert IndexedMatcher.implements(_model())
    assert PolicySnapshot(_model(), []).matcher is not None


def test_another_model_is_left_to_casbin(tmp_path: Path) -> None:
    # given a model in which a deny no longer wins
    shipped = Settings().policy_model.read_text(encoding="utf-8")
    changed = shipped.replace(
        "e = some(where (p.eft == allow)) && !some(where (p.eft == deny))",
        "e = some(where (p.eft == allow))",
    )
    assert changed != shipped
    path = tmp_path / "model.conf"
    path.write_text(changed, encoding="utf-8")
    rules = [
        Rule("g", ("u@example.org", "member", "/global")),
        Rule("p", ("member", "*", "work_stream", "read", "allow")),
        Rule("p", ("member", "*", "work_stream", "read", "deny")),
    ]
    # when a snapshot of it decides
    snapshot = PolicySnapshot(_model(path), rules)
    # then Casbin decides, with the model's own effect
    assert snapshot.matcher is None
    assert snapshot.decide("/global", "u@example.org", "/global", "work_stream", "read")
    assert not PolicySnapshot(_model(), rules).decide(
        "/global", "u@example.org", "/global", "work_stream", "read"
    )


# Tenants at every depth, and two whose paths share a prefix (asia, asia-pacific).
ASKED_IN = [
    "/global",
    "/global/asia",
    "/global/asia-pacific",
    "/global/asia/a",
    "/global/asia-pacific/a",
    "/global/asia/a/city",
    "/global/europe/b/city",
]


def test_the_matcher_decides_as_casbin_on_generated_policies() -> None:
    subjects = [*USERS, *ROLES, *ORGANISATIONS, "stranger@example.org"]
    for seed in range(2):
        rules = _generated_rules(seed, _tenants())
        matcher = IndexedMatcher(rules)
        casbin_enforcer = PolicySnapshot(_model(), rules).shard(ANY_DOMAIN)
        allowed = 0
        asked = list(product(subjects, ASKED_IN, [*OBJECTS, "*"], [*ACTIONS, "*"]))
        for subject, domain, obj, action in asked:
            expected = bool(casbin_enforcer.enforce(subject, domain, obj, action))
            allowed += expected
            assert matcher.enforce(subject, domain, obj, action) == expected, (
                seed,
                subject,
                domain,
                obj,
                action,
            )
        # the policies are neither all allow nor all deny
        assert 0 < allowed < len(asked)
        travelled = 0
        record_domains = [ANY_DOMAIN, *ASKED_IN]
        for question in product(subjects, record_domains, OBJECTS, ACTIONS[:2], ASKED_IN):
            expected = _reach_by_casbin(casbin_enforcer, question)
            travelled += expected
            assert matcher.travels(*question) == expected, (seed, question)
        assert travelled


def test_the_chain_of_roles_ends_where_casbins_does() -> None:
    # given a user at the start of a chain of twelve roles, each rule naming one of them
    rules = [Rule("g", (USERS[0], CHAIN[0], ANY_DOMAIN))]
    rules += [Rule("g", (a, b, ANY_DOMAIN)) for a, b in pairwise(CHAIN)]
    rules += [Rule("p", (role, ANY_DOMAIN, f"fund:{role}", "read", "allow")) for role in CHAIN]
    matcher = IndexedMatcher(rules)
    casbin_enforcer = PolicySnapshot(_model(), rules).shard(ANY_DOMAIN)
    reached = [
        role for role in CHAIN if matcher.enforce(USERS[0], "/global", f"fund:{role}", "read")
    ]
    # then the user holds the roles Casbin follows and no further
    by_casbin = [
        role
        for role in CHAIN
        if casbin_enforcer.enforce(USERS[0], "/global", f"fund:{role}", "read")
    ]
    assert reached == by_casbin
    assert reached == CHAIN[:9]


def _demo_objects(rules: list[Rule]) -> list[str]:
    named = {rule.values[2] for rule in rules if rule.ptype == "p"}
    named |= {rule.values[1] for rule in rules if rule.ptype == "p2"}
    every = {object_name(r) for r in Resource} | {
        object_name(r, c) for r in Resource for c in Classification
    }
    return sorted(named | every)


async def test_the_matcher_decides_as_casbin_on_the_demo_network(app: Starlette) -> None:
    """Each demo user, role and organisation in each tenant, about a sample of every object
    and action; and whether records of each tenant travel to them."""
    access: AccessControl = app.state.access
    snapshot = access.snapshot
    rules = snapshot.rules
    matcher = IndexedMatcher(rules)
    casbin_enforcer = PolicySnapshot(_model(), rules).shard(ANY_DOMAIN)
    tenants = sorted({rule.values[2] for rule in rules if rule.ptype == "g"} - {ANY_DOMAIN})
    named = {rule.values[0] for rule in rules if rule.ptype in ("p", "g", "p2")} - {"*"}
    subjects = sorted({u.email for u in DEMO_USERS} | named | {"stranger@example.org"})
    objects = _demo_objects(rules)
    actions = sorted({str(a) for a in Action} | {r.values[3] for r in rules if r.ptype == "p"})
    rng = random.Random(19)
    asked = allowed = travelled = 0
    for subject, tenant in product(subjects, tenants):
        for obj, action in rng.sample(list(product(objects, actions)), 12):
            expected = bool(casbin_enforcer.enforce(subject, tenant, obj, action))
            assert matcher.enforce(subject, tenant, obj, action) == expected, (
                subject,
                tenant,
                obj,
                action,
            )
            asked += 1
            allowed += expected
        reach_objects = product([ANY_DOMAIN, *tenants], snapshot.reach_objects)
        for record_domain, obj in rng.sample(list(reach_objects), 6):
            question = (subject, record_domain, obj, "read", tenant)
            expected = _reach_by_casbin(casbin_enforcer, question)
            assert matcher.travels(*question) == expected, question
            travelled += expected
    assert 0 < allowed < asked
    assert travelled
