"""Answers for administrators: is this allowed, why, and does a decision table still hold."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from hub.access.enforcer import AccessControl, Grant
from hub.access.policy_files import Rule, csv_rows
from hub.access.service import known_roles
from hub.access.vocabulary import (
    ANY,
    INVALID,
    ORGANISATION_PREFIX,
    ROLE_PREFIX,
    UNKNOWN,
    Vocabulary,
    action_and_object_problems,
    is_uuid,
    role_problem,
    unknown,
)
from hub.auth.models import User
from hub.core.errors import BadUserInput
from hub.core.validation import InvalidInput, Problem
from hub.directory.models import Organisation
from hub.tenancy.domains import within
from hub.tenancy.models import Tenant

DECISIONS = ("allow", "deny")


def casbin_subject(who: str) -> str:
    """``role:NAME`` asks about a role itself; anything else is a user's email."""
    return who.removeprefix(ROLE_PREFIX) if who.startswith(ROLE_PREFIX) else who.strip().lower()


@dataclass(frozen=True)
class Question:
    """May ``who``, acting in the tenant at ``tenant_path``, take ``action`` on ``obj`` of
    the tenant at ``record_path`` (the same tenant unless a question names another)?"""

    who: str
    tenant_path: str
    action: str
    obj: str
    record_path: str = ""

    @property
    def where(self) -> str:
        """The tenant the record lives in."""
        return self.record_path or self.tenant_path

    def record(self) -> dict[str, str]:
        asked = {
            "user": self.who,
            "tenant": self.tenant_path,
            "action": self.action,
            "object": self.obj,
        }
        return {**asked, "from": self.record_path} if self.record_path else asked


@dataclass(frozen=True)
class Known:
    """What questions may name: roles, tenants by slug and path, and of the people and
    organisations asked about, those that exist."""

    roles: frozenset[str]
    tenants: Mapping[str, str]
    users: frozenset[str]
    organisations: frozenset[str]


async def known_for(whos: Iterable[str]) -> Known:
    asked = set(whos)
    emails = {
        casbin_subject(w) for w in asked if not w.startswith((ROLE_PREFIX, ORGANISATION_PREFIX))
    }
    organisations = {
        w.removeprefix(ORGANISATION_PREFIX)
        for w in asked
        if w.startswith(ORGANISATION_PREFIX) and is_uuid(w.removeprefix(ORGANISATION_PREFIX))
    }
    return Known(
        roles=await known_roles(),
        tenants={str(t.slug): str(t.path) for t in await Tenant.all().only("slug", "path")},
        users=frozenset(
            str(e) for e in await User.filter(email__in=emails).values_list("email", flat=True)
        )
        if emails
        else frozenset(),
        organisations=frozenset(
            str(i)
            for i in await Organisation.filter(id__in=organisations).values_list("id", flat=True)
        )
        if organisations
        else frozenset(),
    )


def _who_problem(who: str, known: Known) -> Problem | None:
    if who.startswith(ROLE_PREFIX):
        role = who.removeprefix(ROLE_PREFIX)
        return role_problem("user", role, Vocabulary(known.roles), to_declare=False)
    if who.startswith(ORGANISATION_PREFIX):
        if who.removeprefix(ORGANISATION_PREFIX) in known.organisations:
            return None
        return Problem("user", UNKNOWN, f"no organisation has the id in '{who}'")
    if casbin_subject(who) in known.users:
        return None
    return Problem(
        "user",
        UNKNOWN,
        f"no user has the email '{who}' (a user is an email, role:NAME or org:ID)",
    )


def _tenant_problem(tenant: str, known: Known) -> tuple[str, Problem | None]:
    if tenant == ANY:
        return "", Problem("tenant", INVALID, "a question is asked in one tenant, not in *")
    if tenant.startswith("/"):
        paths = set(known.tenants.values())
        if tenant in paths:
            return tenant, None
        return "", Problem("tenant", UNKNOWN, unknown("tenant path", tenant, paths))
    if tenant in known.tenants:
        return known.tenants[tenant], None
    return "", Problem("tenant", UNKNOWN, unknown("tenant", tenant, known.tenants))


def question(
    who: str, tenant: str, action: str, obj: str, known: Known, record_tenant: str | None = None
) -> Question:
    """The question asked, or ``InvalidInput`` naming whatever in it is unknown."""
    path, tenant_problem = _tenant_problem(tenant, known)
    problems = [p for p in (_who_problem(who, known), tenant_problem) if p is not None]
    record_path = ""
    if record_tenant is not None:
        record_path, from_problem = _tenant_problem(record_tenant, known)
        if from_problem is not None:
            problems.append(dataclasses.replace(from_problem, field="from"))
    if ANY in (action, obj):
        problems.append(
            Problem("action", INVALID, "a question names one action and one object, not *")
        )
    else:
        problems += action_and_object_problems(action, obj, Vocabulary(known.roles))
    if problems:
        raise InvalidInput(problems)
    return Question(who, path, action, obj, record_path)


@dataclass(frozen=True)
class Explanation:
    allowed: bool
    rule: Rule | None
    roles: list[Grant]
    # For a record outside the subtree of the tenant asked in: where it lives, and the
    # reach rule (p2) that lets it travel there, if any.
    record_path: str = ""
    reach: Rule | None = None

    @property
    def through(self) -> list[Grant]:
        if self.rule is None:
            return []
        return [g for g in self.roles if g.role == self.rule.values[0]]

    def record(self) -> dict[str, Any]:
        return {
            "allowed": self.allowed,
            "decision": "allow" if self.allowed else "deny",
            "rule": None if self.rule is None else self.rule.record(),
            "through": [{"role": g.role, "tenant": g.domain} for g in self.through],
            "roles": [{"role": g.role, "tenant": g.domain} for g in self.roles],
            **self._reach_record(),
        }

    def _reach_record(self) -> dict[str, Any]:
        if not self.record_path:
            return {}
        return {"reach": None if self.reach is None else self.reach.record()}

    def lines(self) -> list[str]:
        out = ["allowed" if self.allowed else "denied"]
        if self.rule is None:
            out.append("no rule matched: nothing is allowed unless a rule allows it")
        else:
            out.append(f"decided by: {self.rule}")
            out += [f"through the role {g.role} granted in {g.domain}" for g in self.through]
        if self.record_path:
            if self.reach is None:
                out.append(f"no reach rule (p2) lets a record of {self.record_path} travel here")
            else:
                out.append(f"travels from {self.record_path} by: {self.reach}")
        held = ", ".join(f"{g.role} ({g.domain})" for g in self.roles) or "none"
        out.append(f"roles held here: {held}")
        return out


def explain(
    access: AccessControl,
    who: str,
    tenant_path: str,
    obj: str,
    action: str,
    record_path: str = "",
) -> Explanation:
    """Why the caller may or may not; ask only a question checked by ``question``.

    A record of the subtree of the tenant asked in is decided where it lives. One from
    elsewhere needs both a rule allowing the action in the tenant asked in and a reach rule
    letting the record travel there.
    """
    subject = casbin_subject(who)
    where = record_path or tenant_path
    travelling = not within(where, tenant_path)
    domain = tenant_path if travelling else where
    allowed, rule = access.enforcer_for(domain).enforce_ex(subject, domain, obj, action)
    grants = [g for g in access.grants(subject) if within(tenant_path, g.domain)]
    home = Rule("p", tuple(rule)) if rule else None
    if not travelling:
        return Explanation(allowed=bool(allowed), rule=home, roles=grants)
    reach = access.snapshot.reach_rule(subject, where, obj, action, tenant_path)
    return Explanation(
        allowed=bool(allowed) and reach is not None,
        rule=home,
        roles=grants,
        record_path=where,
        reach=None if reach is None else Rule("p2", tuple(reach)),
    )


def decide(access: AccessControl, asked: Question) -> bool:
    """The decision ``explain`` explains."""
    subject = casbin_subject(asked.who)
    if within(asked.where, asked.tenant_path):
        return access.enforce(subject, asked.where, asked.obj, asked.action)
    return access.enforce(subject, asked.tenant_path, asked.obj, asked.action) and access.travels(
        subject, asked.where, asked.obj, asked.action, asked.tenant_path
    )


@dataclass(frozen=True)
class DecisionCase:
    where: str
    who: str
    tenant: str
    action: str
    obj: str
    expected: str
    # The slug of the tenant the record lives in, when it is not ``tenant``.
    record_tenant: str | None = None


def read_decision_table(path: Path) -> list[DecisionCase]:
    """Rows of ``user-or-role:NAME, tenant slug, action, object, allow|deny`` and, for a
    record that lives elsewhere, the slug of its tenant."""
    if not path.is_file():
        raise BadUserInput(f"{path} is not a file")
    cases = []
    for where, cells in csv_rows(path):
        if len(cells) not in (5, 6):
            raise BadUserInput(
                f"{where}: a row has 5 fields: who, tenant, action, object, decision, and a "
                "sixth for a record of another tenant: its tenant"
            )
        if cells[4] not in DECISIONS:
            raise BadUserInput(f"{where}: the decision must be allow or deny, not '{cells[4]}'")
        cases.append(DecisionCase(where, *cells[:5], *cells[5:]))
    if not cases:
        raise BadUserInput(f"{path} holds no decisions")
    return cases


@dataclass(frozen=True)
class DecisionResult:
    case: DecisionCase
    actual: str

    @property
    def ok(self) -> bool:
        return self.case.expected == self.actual

    def record(self) -> dict[str, str]:
        c = self.case
        return {
            "where": c.where,
            "user": c.who,
            "tenant": c.tenant,
            "action": c.action,
            "object": c.obj,
            "expected": c.expected,
            "actual": self.actual,
            **({"from": c.record_tenant} if c.record_tenant else {}),
        }


async def run_decision_table(
    access: AccessControl, cases: list[DecisionCase]
) -> list[DecisionResult]:
    """Every row's decision; a row naming what does not exist is an error, not a "deny"
    that would pass for the expected one."""
    known = await known_for(case.who for case in cases)
    questions: list[Question] = []
    messages: list[str] = []
    for case in cases:
        try:
            questions.append(
                question(case.who, case.tenant, case.action, case.obj, known, case.record_tenant)
            )
        except InvalidInput as error:
            messages += [f"{case.where}: {p.message}" for p in error.problems]
    if messages:
        raise BadUserInput("\n".join(messages))
    results = []
    for case, asked in zip(cases, questions, strict=True):
        allowed = decide(access, asked)
        results.append(DecisionResult(case, "allow" if allowed else "deny"))
    return results
