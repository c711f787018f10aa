"""Answers for administrators: is this allowed, why, and does a decision table still hold."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from hub.access.domains import within
from hub.access.enforcer import AccessControl, Grant
from hub.access.policy_files import Rule
from hub.errors import BadUserInput
from hub.tenancy.models import Tenant

ROLE_PREFIX = "role:"
DECISIONS = ("allow", "deny")


def casbin_subject(who: str) -> str:
    """``role:NAME`` asks about a role itself; anything else is a user's email."""
    return who[len(ROLE_PREFIX) :] if who.startswith(ROLE_PREFIX) else who.strip().lower()


@dataclass(frozen=True)
class Explanation:
    allowed: bool
    rule: Rule | None
    roles: list[Grant]

    def lines(self) -> list[str]:
        out = ["allowed" if self.allowed else "denied"]
        if self.rule is None:
            out.append("no rule matched: nothing is allowed unless a rule allows it")
        else:
            out.append(f"decided by: {self.rule}")
            via = [g for g in self.roles if g.role == self.rule.values[0]]
            out += [f"through the role {g.role} granted in {g.domain}" for g in via]
        held = ", ".join(f"{g.role} ({g.domain})" for g in self.roles) or "none"
        out.append(f"roles held here: {held}")
        return out


def explain(
    access: AccessControl, who: str, tenant_path: str, obj: str, action: str
) -> Explanation:
    subject = casbin_subject(who)
    allowed, rule = access.enforcer_for(tenant_path).enforce_ex(subject, tenant_path, obj, action)
    grants = [g for g in access.grants(subject) if within(tenant_path, g.domain)]
    return Explanation(
        allowed=bool(allowed), rule=Rule("p", tuple(rule)) if rule else None, roles=grants
    )


@dataclass(frozen=True)
class DecisionCase:
    where: str
    who: str
    tenant: str
    action: str
    obj: str
    expected: str


def read_decision_table(path: Path) -> list[DecisionCase]:
    """Rows of ``user-or-role:NAME, tenant slug, action, object, allow|deny``."""
    if not path.is_file():
        raise BadUserInput(f"{path} is not a file")
    cases = []
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, row in enumerate(csv.reader(lines, skipinitialspace=True), start=1):
        cells = [cell.strip() for cell in row]
        if not cells or not cells[0] or cells[0].startswith("#"):
            continue
        where = f"{path}:{number}"
        if len(cells) != 5:
            raise BadUserInput(
                f"{where}: a row has 5 fields: who, tenant, action, object, decision"
            )
        if cells[4] not in DECISIONS:
            raise BadUserInput(f"{where}: the decision must be allow or deny, not '{cells[4]}'")
        cases.append(DecisionCase(where, *cells))
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


async def run_decision_table(
    access: AccessControl, cases: list[DecisionCase]
) -> list[DecisionResult]:
    paths = {t.slug: t.path for t in await Tenant.all()}
    results = []
    for case in cases:
        if case.tenant not in paths:
            raise BadUserInput(f"{case.where}: no tenant has the slug '{case.tenant}'")
        allowed = access.enforce(
            casbin_subject(case.who), paths[case.tenant], case.obj, case.action
        )
        results.append(DecisionResult(case, "allow" if allowed else "deny"))
    return results
