"""The process's Casbin enforcers: one small enforcer per tenant, over a snapshot of the
rules that is rebuilt aside and swapped in when policies change.

Casbin checks a request against every permission rule of its enforcer, so one enforcer for
thousands of tenants would be slow. A tenant's enforcer holds only the rules that can decide
anything there: those for every tenant (``*``), for its ancestors and for its subtree. For
any tenant of that subtree it decides exactly as one enforcer with all the rules would.
"""

from __future__ import annotations

import asyncio
import copy
import functools
import logging
import threading
import time
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import casbin
from casbin.model import Model

from hub.access.adapter import load_rules
from hub.access.matcher import IndexedMatcher
from hub.access.policy_files import Rule
from hub.access.resources import Resource
from hub.core.classification import Classification
from hub.observability.metrics import record_policy_reload
from hub.serving import heap
from hub.tenancy.domains import ANY_DOMAIN, object_matches, reaches, within

log = logging.getLogger(__name__)

SHARDS_KEPT = 512
# Casbin subject of an organisation: a grant to it reaches the people who belong to it.
ORGANISATION_SUBJECT = "org:"
CASBIN_TYPES = ("p", "p2", "g")
REACH = "p2"
# Decisions depend only on the snapshot, so they are kept until the next reload.
DECISIONS_KEPT = 100_000


@dataclass(frozen=True, slots=True)
class Grant:
    """A role that a subject holds in a tenant and, through it, in the tenant's subtree."""

    role: str
    domain: str


class PoliciesNotLoaded(RuntimeError):
    pass


# What Casbin reads of a subject (PolicySnapshot.peers).
Peers = tuple[str, ...]
K = TypeVar("K")


def _keep(decisions: dict[K, bool], key: K, decided: bool) -> None:
    """Remember a decision; a full memory starts again rather than grow without bound."""
    if len(decisions) >= DECISIONS_KEPT:
        decisions.clear()
    decisions[key] = decided


def _domain(rule: Rule) -> str:
    """The tenant whose enforcers need the rule; a reach rule is needed everywhere."""
    if rule.ptype == REACH:
        return ANY_DOMAIN
    return rule.values[1] if rule.ptype == "p" else rule.values[2]


def _narrower(first: str, second: str) -> str | None:
    """Where two grants hold at once: the deeper of two nested domains, else nowhere."""
    if within(first, second):
        return first
    if within(second, first):
        return second
    return None


def _covered(obj: str) -> list[str]:
    """The objects at one classification that a rule's object covers."""
    resource, _, classification = obj.partition(":")
    if classification:
        return [obj]
    resources = [str(r) for r in Resource] if resource == "*" else [resource]
    return [f"{r}:{c}" for r in resources for c in Classification]


def _relevant(domain: str, tenant_path: str) -> bool:
    return domain == ANY_DOMAIN or within(tenant_path, domain) or within(domain, tenant_path)


class PolicySnapshot:
    """All rules as loaded at one moment, indexed, with tenant enforcers built on demand."""

    def __init__(self, model: Model, rules: list[Rule]) -> None:
        self._model = model
        self.rules = rules
        # Decisions come from the model's matchers over indexed rules when the model is the
        # one they implement; Casbin's enforcers decide otherwise, and always explain.
        self.matcher = IndexedMatcher(rules) if IndexedMatcher.implements(model) else None
        self._by_domain: dict[str, list[Rule]] = defaultdict(list)
        self._grants: dict[str, list[Grant]] = defaultdict(list)
        self._rule_domains: dict[str, set[str]] = defaultdict(set)
        self._rules_of: dict[str, list[Rule]] = defaultdict(list)
        # The resources that some reach rule lets travel: the others never leave home.
        self.travelling = frozenset(
            rule.values[1].partition(":")[0] for rule in rules if rule.ptype == REACH
        )
        # The objects (resource:classification) some reach rule names: only these can
        # travel, so only these are asked about for a request's row security.
        self.reach_objects = sorted(
            {obj for rule in rules if rule.ptype == REACH for obj in _covered(rule.values[1])}
        )
        # The reach of callers holding the same grants (``peers``) in a tenant, as row
        # security reads it (see Decisions): it depends on the rules and grants alone, so
        # it is kept until the next reload.
        self.reach_settings: dict[tuple[Peers, str], str] = {}
        for rule in rules:
            # Role declarations are for checking names; Casbin decides with p and g alone.
            if rule.ptype not in CASBIN_TYPES:
                continue
            self._by_domain[_domain(rule)].append(rule)
            if rule.ptype == "g":
                self._grants[rule.values[0]].append(Grant(rule.values[1], rule.values[2]))
            elif rule.ptype == "p":
                self._rules_of[rule.values[0]].append(rule)
                if rule.values[1] != ANY_DOMAIN:
                    self._rule_domains[rule.values[0]].add(rule.values[1])
        # Subjects a rule names directly: their decisions are their own.
        self._named = frozenset(rule.values[0] for rule in rules if rule.ptype in ("p", REACH))
        self.shard = functools.lru_cache(maxsize=SHARDS_KEPT)(self._build_shard)
        self.peers = functools.lru_cache(maxsize=DECISIONS_KEPT)(self._peers)
        self._decisions: dict[tuple[str, Peers, str, str, str], bool] = {}
        self._travelling: dict[tuple[Peers, str, str, str, str], bool] = {}

    def _peers(self, subject: str) -> Peers:
        """All that Casbin reads of ``subject``: the grants it holds directly, or the
        subject itself when a rule names it.

        Casbin's answer for a subject depends on nothing else of it, so callers holding the
        same grants share their decisions: a new caller with the roles of one seen before
        is decided without asking Casbin again."""
        if subject in self._named:
            return ("subject", subject)
        held = sorted((grant.role, grant.domain) for grant in self._grants.get(subject, ()))
        return ("grants", *(f"{role} {domain}" for role, domain in held))

    def decide(self, shard: str, subject: str, domain: str, obj: str, action: str) -> bool:
        key = (shard, self.peers(subject), domain, obj, action)
        decided = self._decisions.get(key)
        if decided is None:
            if self.matcher is not None:
                decided = self.matcher.enforce(subject, domain, obj, action)
            else:
                decided = bool(self.shard(shard).enforce(subject, domain, obj, action))
            _keep(self._decisions, key, decided)
        return decided

    def travels(self, subject: str, record_domain: str, obj: str, action: str, at: str) -> bool:
        key = (self.peers(subject), record_domain, obj, action, at)
        decided = self._travelling.get(key)
        if decided is None:
            if self.matcher is None:
                decided = self.reach_rule(subject, record_domain, obj, action, at) is not None
            else:
                decided = self.matcher.travels(subject, record_domain, obj, action, at)
            _keep(self._travelling, key, decided)
        return decided

    def reach_rule(
        self, subject: str, record_domain: str, obj: str, action: str, at: str
    ) -> list[str] | None:
        """The reach rule (p2) that lets a record of ``record_domain`` travel to a request
        of ``subject`` in ``at``; None when none does. Casbin's own answer, which
        explanations quote."""
        if obj.partition(":")[0] not in self.travelling and obj != "*":
            return None
        enforcer = self.shard(at)
        allowed, rule = enforcer.enforce_ex(
            enforcer.new_enforce_context("2"), subject, record_domain, obj, action, at
        )
        return list(rule) if allowed else None

    def _build_shard(self, tenant_path: str) -> casbin.Enforcer:
        enforcer = casbin.Enforcer(copy.deepcopy(self._model))
        enforcer.add_function("within", within)
        enforcer.add_function("object_matches", object_matches)
        enforcer.add_function("reaches", reaches)
        enforcer.add_named_domain_matching_func("g", within)
        sections: Any = enforcer.model.model
        for domain, rules in self._by_domain.items():
            if _relevant(domain, tenant_path):
                for rule in rules:
                    sections[rule.ptype[0]][rule.ptype].policy.append(list(rule.values))
        enforcer.build_role_links()
        return enforcer

    def grants(self, subject: str) -> list[Grant]:
        """Every role ``subject`` holds, directly or through an organisation or a role it
        belongs to, each with the tenant where the whole chain of grants holds."""
        found: list[Grant] = []
        seen: set[Grant] = set()
        stack = [(subject, ANY_DOMAIN)]
        while stack:
            holder, limit = stack.pop()
            for grant in self._grants.get(holder, ()):
                domain = _narrower(grant.domain, limit)
                if domain is None or Grant(grant.role, domain) in seen:
                    continue
                seen.add(Grant(grant.role, domain))
                found.append(Grant(grant.role, domain))
                stack.append((grant.role, domain))
        return found

    def rule_domains(self, subjects: set[str]) -> set[str]:
        return set().union(*(self._rule_domains.get(s, set()) for s in subjects))

    def rules_of(self, subjects: set[str]) -> list[Rule]:
        return [rule for s in sorted(subjects) for rule in self._rules_of.get(s, ())]


class _LastSnapshot:
    """The newest snapshot built in this process, reused by a load that finds the same
    model and rules.

    A snapshot depends on them alone, and its caches (tenant enforcers, decisions, reach)
    fill with use: a reload that changes nothing, in this app or another of the process,
    keeps the warm snapshot rather than making every caller pay for Casbin again. Only the
    newest is kept, so a snapshot replaced by other rules can be let go.
    """

    def __init__(self) -> None:
        # Loads run in worker threads, one per app that reloads.
        self._lock = threading.Lock()
        self._key: tuple[str, tuple[Rule, ...]] | None = None
        self._snapshot: PolicySnapshot | None = None

    def get(self, model_text: str, model: Model, rules: list[Rule]) -> PolicySnapshot:
        key = (model_text, tuple(rules))
        with self._lock:
            if self._snapshot is None or self._key != key:
                self._snapshot, self._key = PolicySnapshot(model, rules), key
            return self._snapshot


_last_snapshot = _LastSnapshot()


class AccessControl:
    def __init__(self, model_path: Path) -> None:
        self._model_text = model_path.read_text(encoding="utf-8")
        self._model = casbin.Enforcer.new_model(str(model_path))
        self._snapshot: PolicySnapshot | None = None
        # Counts the snapshots swapped in: what was decided under one stays decided.
        self.generation = 0

    @property
    def loaded(self) -> bool:
        return self._snapshot is not None

    async def load(self) -> None:
        """Read every rule from the database into a new snapshot, then swap it in.

        Requests in flight keep the snapshot they started with: the live one is never
        cleared while it is being refilled.
        """
        started = time.perf_counter()
        try:
            rules = await load_rules()
            # Indexing a large policy takes a while: off the event loop, requests go on.
            snapshot = await asyncio.to_thread(
                _last_snapshot.get, self._model_text, self._model, rules
            )
        except Exception:
            record_policy_reload(time.perf_counter() - started, ok=False)
            raise
        self._snapshot = snapshot
        self.generation += 1
        # The snapshot replaced holds reference cycles (its caches): frozen, it would stay.
        heap.refreeze()
        elapsed = time.perf_counter() - started
        record_policy_reload(elapsed)
        log.info("policies loaded: %d rules in %.1f ms", len(snapshot.rules), elapsed * 1000)

    @property
    def snapshot(self) -> PolicySnapshot:
        if self._snapshot is None:
            raise PoliciesNotLoaded("policies have not been loaded")
        return self._snapshot

    def enforcer_for(self, tenant_path: str) -> casbin.Enforcer:
        """The enforcer that decides for ``tenant_path`` and every tenant below it."""
        return self.snapshot.shard(tenant_path)

    def enforce(
        self, subject: str, domain: str, obj: str, action: str, shard: str | None = None
    ) -> bool:
        """Decide with the enforcer of ``shard`` (a tenant containing ``domain``)."""
        key = shard if shard is not None and within(domain, shard) else domain
        return self.snapshot.decide(key, subject, domain, obj, action)

    def travels(self, subject: str, record_domain: str, obj: str, action: str, at: str) -> bool:
        """Does a reach rule let a record of ``record_domain`` travel to ``subject`` acting
        in ``at``? Whether the caller may read it there is asked apart (``enforce``)."""
        return self.snapshot.travels(subject, record_domain, obj, action, at)

    def grants(self, subject: str) -> list[Grant]:
        """Every role granted to ``subject`` directly, with the tenant it was granted in."""
        return self.snapshot.grants(subject)

    def rule_domains(self, subjects: set[str]) -> set[str]:
        """Tenant paths named by the permission rules of these subjects (``*`` left out)."""
        return self.snapshot.rule_domains(subjects)

    def rules_of(self, subjects: set[str]) -> list[Rule]:
        """The permission rules whose subject is one of these."""
        return self.snapshot.rules_of(subjects)
