"""What one caller may do in one tenant, decided by Casbin and memoised for a request."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from uuid import UUID

from tortoise.expressions import Q

from hub.access.enforcer import ORGANISATION_SUBJECT, AccessControl, Grant
from hub.access.resources import Action, Resource, object_name
from hub.core.among import among
from hub.core.classification import Classification
from hub.results import marks as results
from hub.tenancy.domains import ANY_DOMAIN, within


def _record_id(text: str) -> UUID | None:
    """The id in ``work_stream:<id>``; None for a classification or anything else."""
    if text in {c.value for c in Classification}:
        return None
    try:
        return UUID(text)
    except ValueError:
        return None


def _subtree(path: str) -> Q:
    return Q(tenant__path=path) | Q(tenant__path__startswith=path + "/")


REACH_SETTINGS_KEPT = 10_000


def _ancestors(path: str) -> list[str]:
    """The paths of the tenants above ``path``, the root first."""
    parts = path.strip("/").split("/")
    return ["/" + "/".join(parts[:n]) for n in range(1, len(parts))]


class Decisions:
    """Casbin decisions for ``subject`` in the request's tenant.

    Every answer comes from the enforcer and is memoised, so a request asks Casbin each
    question once however many fields or rows need it.
    """

    def __init__(
        self,
        access: AccessControl,
        subject: str,
        tenant_path: str,
        subtree: Mapping[str, UUID] | None = None,
    ) -> None:
        self.access = access
        self.subject = subject
        self.tenant_path = tenant_path
        # The id of every tenant in the request tenant's subtree, by path: scopes then
        # filter on tenant_id instead of joining tenant on its path, which made PostgreSQL
        # read and sort all of a tenant's rows to return one page.
        self.subtree = subtree
        self._memo: dict[tuple[str, str, str], bool] = {}
        self._scopes: dict[tuple[Resource, Action, bool], Q | None] = {}
        # The (resource, action) whose home scope holds a rule on one record.
        self._by_record: set[tuple[Resource, Action]] = set()
        self._grants: list[Grant] | None = None
        self.checks = 0
        self.denied = 0

    @property
    def grants(self) -> list[Grant]:
        if self._grants is None:
            self._grants = self.access.grants(self.subject)
        return self._grants

    @functools.cached_property
    def _subjects(self) -> set[str]:
        """The caller and every role granted to it, in any tenant."""
        return {self.subject} | {g.role for g in self.grants}

    @functools.cached_property
    def roles(self) -> list[str]:
        """The caller's roles in this tenant: all of them apply together."""
        return sorted(self.roles_at(self.tenant_path))

    def roles_at(self, tenant_path: str) -> set[str]:
        """The caller's roles in another tenant, e.g. one below the request's; memberships
        of organisations are not roles, though the roles they bring are."""
        return {
            g.role
            for g in self.grants
            if within(tenant_path, g.domain) and not g.role.startswith(ORGANISATION_SUBJECT)
        }

    def member_of(self, organisation_id: UUID) -> bool:
        """Does the caller belong to this organisation here (or at a tenant above)?"""
        subject = f"{ORGANISATION_SUBJECT}{organisation_id}"
        return any(g.role == subject and within(self.tenant_path, g.domain) for g in self.grants)

    @property
    def is_member(self) -> bool:
        return bool(self.roles)

    def allows(self, obj: str, action: str, domain: str | None = None) -> bool:
        key = (domain or self.tenant_path, obj, str(action))
        decided = self._memo.get(key)
        if decided is None:
            decided = self.access.enforce(self.subject, key[0], obj, key[2], shard=self.tenant_path)
            self._memo[key] = decided
            self.checks += 1
            self.denied += not decided
        return decided

    def travels(self, obj: str, action: str, record_domain: str) -> bool:
        """Does a record of ``record_domain``, outside the request tenant's subtree, reach
        the caller? Only when a reach rule lets it travel here and the caller's roles here
        allow ``action`` on it: reach never gives more than the caller holds at home."""
        if action != Action.READ or within(record_domain, self.tenant_path):
            return False
        return self.allows(obj, action) and self.access.travels(
            self.subject, record_domain, obj, str(action), self.tenant_path
        )

    def allows_record(self, obj: str, action: str, record_domain: str) -> bool:
        """May the caller take ``action`` on a record of ``record_domain``, at home or
        because it reaches them?"""
        return self.allows(obj, action, record_domain) or self.travels(obj, action, record_domain)

    def allows_classified(
        self,
        resource: Resource,
        classification: Classification,
        action: Action,
        domain: str | None = None,
    ) -> bool:
        return self.allows(object_name(resource, classification), action, domain)

    def allows_any(self, resource: Resource, action: Action) -> bool:
        """May the caller take ``action`` on some ``resource`` of this tenant at all?"""
        return (
            self.allows(object_name(resource), action)
            or any(self.allows_classified(resource, c, action) for c in Classification)
            or bool(self._single_records(resource, action, self._subjects)[0])
        )

    def scope(
        self, resource: Resource, action: Action = Action.READ, *, network: bool = False
    ) -> Q | None:
        """A filter selecting the rows of the tenant's subtree that the caller may act on,
        and with ``network`` those that reach the caller from above and across.

        Decisions can only change at a tenant that a grant or a rule names, so the subtree
        is cut at those tenants and Casbin is asked once per piece and classification. The
        deepest piece that holds a row decides for it. ``None`` means nothing is visible.
        """
        key = (resource, action, network)
        if key not in self._scopes:
            home = self._compile_scope(resource, action)
            if network:
                clauses = [c for c in (home, *self._reach_clauses(resource, action)) if c]
                self._scopes[key] = Q(*clauses, join_type=Q.OR) if clauses else None
            else:
                self._scopes[key] = home
        if network and self._across(resource, action):
            results.reads_network()
        return self._scopes[key]

    def scope_by_placement(
        self, resource: Resource, action: Action = Action.READ, *, network: bool = False
    ) -> bool:
        """Does ``scope`` select rows by their tenant and classification alone? Then each
        (tenant, classification) pair is wholly in or wholly out, and the same filter
        applied to counters kept per pair sums to the number of rows. A rule on one record
        (granted or withheld) makes the scope depend on a row's id; reach clauses never do."""
        self.scope(resource, action, network=network)
        return (resource, action) not in self._by_record

    def _across(self, resource: Resource, action: Action) -> bool:
        """Do some of ``resource``'s records reach the caller from across the tree?"""
        return action == Action.READ and any(
            self.travels(object_name(resource, c), action, ANY_DOMAIN) for c in Classification
        )

    def _reach_clauses(self, resource: Resource, action: Action) -> list[Q]:
        """The rows outside the subtree that reach the caller, a clause per classification:
        from the tenants above (each named, since a rule may reach some and not others) or
        from anywhere in the network."""
        if action != Action.READ:
            return []
        above = _ancestors(self.tenant_path)
        clauses: list[Q] = []
        for classification in Classification:
            obj = object_name(resource, classification)
            if self.travels(obj, action, ANY_DOMAIN):
                clauses.append(Q(classification=str(classification)) & self._outside())
                continue
            reached = [path for path in above if self.travels(obj, action, path)]
            if reached:
                reaching = among("tenant__path", reached)
                clauses.append(Q(classification=str(classification)) & reaching)
        return clauses

    @functools.cached_property
    def reach_setting(self) -> str:
        """What reaches the request's tenant from elsewhere, as the database's row security
        reads it: ``resource|tenant path|classification``, with ``*`` for any tenant.

        Worked out once per caller and tenant while the policy stays the same: the first
        request of a caller asks Casbin about every object a reach rule names."""
        snapshot = self.access.snapshot
        key = (snapshot.peers(self.subject), self.tenant_path)
        setting = snapshot.reach_settings.get(key)
        if setting is None:
            setting = ",".join(self._reach_entries(snapshot.reach_objects))
            if len(snapshot.reach_settings) >= REACH_SETTINGS_KEPT:
                snapshot.reach_settings.clear()
            snapshot.reach_settings[key] = setting
        return setting

    def _reach_entries(self, objects: Iterable[str]) -> Iterator[str]:
        for obj in objects:
            resource, _, classification = obj.partition(":")
            if self.travels(obj, Action.READ, ANY_DOMAIN):
                yield f"{resource}|*|{classification}"
                continue
            for path in _ancestors(self.tenant_path):
                if self.travels(obj, Action.READ, path):
                    yield f"{resource}|{path}|{classification}"

    def receives_from(self, path: str) -> bool:
        """Can some record of the tenant at ``path`` be read here: one of the subtree, or
        one that a reach rule lets travel here?"""
        if within(path, self.tenant_path):
            return True
        entries = [entry.split("|") for entry in self.reach_setting.split(",") if entry]
        return any(tenant in (ANY_DOMAIN, path) for _, tenant, _ in entries)

    def _outside(self) -> Q:
        """Rows of the tenants outside the request tenant's subtree."""
        if self.subtree is None:
            return ~_subtree(self.tenant_path)
        return ~among("tenant_id", list(self.subtree.values()))

    def _compile_scope(self, resource: Resource, action: Action) -> Q | None:
        subjects = self._subjects
        named = {g.domain for g in self.grants} | self.access.rule_domains(subjects)
        cuts = {self.tenant_path} | {
            d for d in named if d != self.tenant_path and within(d, self.tenant_path)
        }
        clauses: list[Q] = []
        for cut in sorted(cuts):
            allowed = [
                c for c in Classification if self.allows_classified(resource, c, action, cut)
            ]
            if not allowed:
                continue
            deeper = [d for d in cuts if d != cut and within(d, cut)]
            clause = self._within(cut, deeper)
            if clause is None:
                continue
            if len(allowed) < len(Classification):
                clause &= among("classification", [str(c) for c in allowed])
            clauses.append(clause)
        granted, denied = self._single_records(resource, action, subjects)
        if granted or denied:
            self._by_record.add((resource, action))
        clauses += granted
        if not clauses:
            return None
        scope = Q(*clauses, join_type=Q.OR)
        for clause in denied:
            scope &= ~clause
        return scope

    def _single_records(
        self, resource: Resource, action: Action, subjects: set[str]
    ) -> tuple[list[Q], list[Q]]:
        """Rules on one record (``work_stream:<id>``): a work stream opened to one partner,
        or one record withheld from a role that could otherwise see it."""
        prefix = f"{resource}:"
        granted: list[Q] = []
        denied: list[Q] = []
        for rule in self.access.rules_of(subjects):
            _, domain, obj, act, effect = rule.values
            if act not in (action, "*") or not obj.startswith(prefix):
                continue
            record = _record_id(obj[len(prefix) :])
            where = self._deeper(domain)
            if record is None or where is None:
                continue
            tenants = self._within(where)
            if tenants is None:
                continue
            clause = Q(id=record) & tenants
            allowed = self.allows(obj, action, where)
            if effect == "allow" and allowed:
                granted.append(clause)
            elif effect == "deny" and not allowed:
                denied.append(clause)
        return granted, denied

    def _within(self, cut: str, excluded: Iterable[str] = ()) -> Q | None:
        """Rows of the tenants at or below ``cut`` but not at or below any of ``excluded``;
        None when no tenant is left."""
        if self.subtree is None:
            clause = _subtree(cut)
            for deeper in excluded:
                clause &= ~_subtree(deeper)
            return clause
        ids = [
            tenant_id
            for path, tenant_id in self.subtree.items()
            if within(path, cut) and not any(within(path, d) for d in excluded)
        ]
        return among("tenant_id", ids) if ids else None

    def _deeper(self, domain: str) -> str | None:
        """Of a rule's domain and the request's tenant, the one inside the other."""
        if domain == "*" or within(self.tenant_path, domain):
            return self.tenant_path
        return domain if within(domain, self.tenant_path) else None
