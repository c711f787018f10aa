"""Policy files (``policies/*.csv``): parsed, checked and compared with the database."""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from hub.access.vocabulary import (
    ORGANISATION_PREFIX,
    ROLE_NAME,
    TENANT_PATH,
    Vocabulary,
    action_and_object_problems,
    domain_problem,
    permission_problems,
    role_problem,
    subject_problem,
)
from hub.core.classification import Classification
from hub.core.errors import BadUserInput
from hub.core.validation import Problem
from hub.tenancy.domains import ANY_DOMAIN, HUBS, REACHES

EFFECTS = ("allow", "deny")
# `p2, SUBJECT, OBJECT, read, up|network`: how far the records of OBJECT travel.
REACH = "p2"
# What travels to every caller whose roles read it at home; a rule that lets RESTRICTED or
# CONFIDENTIAL records travel must name the role it is for.
OPEN_CLASSIFICATIONS = frozenset({str(Classification.PUBLIC), str(Classification.NETWORK)})
# `role, NAME` declares a role: rules and grants may name only declared roles, so that a
# misspelt role is an error rather than a rule nobody holds.
DECLARATION = "role"


@dataclass(frozen=True, order=True, slots=True)
class Rule:
    ptype: str
    values: tuple[str, ...]

    def __str__(self) -> str:
        return ", ".join((self.ptype, *self.values))

    def record(self) -> dict[str, str]:
        """The rule as a JSON object, its fields named."""
        names = RECORD_FIELDS.get(self.ptype, ())
        if len(names) != len(self.values):
            return {"kind": self.ptype, "line": str(self)}
        return {"kind": self.ptype, **dict(zip(names, self.values, strict=True)), "line": str(self)}


RECORD_FIELDS = {
    "p": ("subject", "domain", "object", "action", "effect"),
    "g": ("subject", "role", "domain"),
    REACH: ("subject", "object", "action", "reach"),
    "role": ("role",),
}


def check_domain(domain: str, where: str) -> None:
    if domain != ANY_DOMAIN and not TENANT_PATH.match(domain):
        raise BadUserInput(f"{where}: domain '{domain}' is neither '*' nor a tenant path")


def check_rule(rule: Rule, where: str) -> Rule:
    if rule.ptype == "p":
        if len(rule.values) != 5:
            raise BadUserInput(
                f"{where}: a p rule has 5 fields (subject, domain, object, action, effect)"
            )
        _, domain, obj, _, effect = rule.values
        check_domain(domain, where)
        if not obj:
            raise BadUserInput(f"{where}: the object is empty")
        if effect not in EFFECTS:
            raise BadUserInput(f"{where}: the effect must be allow or deny, not '{effect}'")
    elif rule.ptype == "g":
        if len(rule.values) != 3:
            raise BadUserInput(f"{where}: a g rule has 3 fields (subject, role, domain)")
        check_domain(rule.values[2], where)
    elif rule.ptype == REACH:
        _check_reach(rule, where)
    elif rule.ptype == DECLARATION:
        if len(rule.values) != 1 or not ROLE_NAME.match(rule.values[0]):
            raise BadUserInput(
                f"{where}: a role line declares one role name in lower case (role, NAME)"
            )
    else:
        raise BadUserInput(f"{where}: unknown rule type '{rule.ptype}' (p, p2, g or role)")
    if any(not value for value in rule.values):
        raise BadUserInput(f"{where}: a field is empty")
    return rule


def _check_reach(rule: Rule, where: str) -> None:
    if len(rule.values) != 4:
        raise BadUserInput(f"{where}: a p2 rule has 4 fields (subject, object, action, reach)")
    subject, obj, action, how = rule.values
    if how not in REACHES:
        raise BadUserInput(f"{where}: the reach must be up, network or hubs, not '{how}'")
    if how == HUBS and subject != ANY_DOMAIN:
        raise BadUserInput(
            f"{where}: a hubs reach shares records with the other hubs, whose own policies "
            "decide who reads them there: its subject is every caller (*)"
        )
    if action != "read":
        raise BadUserInput(
            f"{where}: only read travels (a p2 rule's action is read); writes stay in the "
            "tenant subtree a record lives in"
        )
    if subject == ANY_DOMAIN and obj.partition(":")[2] not in OPEN_CLASSIFICATIONS:
        raise BadUserInput(
            f"{where}: a p2 rule for every caller (*) names a public or network object "
            f"(such as {obj.partition(':')[0] or 'fund'}:network); restricted and confidential "
            "records travel only to a role a rule names"
        )


def declared_roles(rules: Iterable[Rule]) -> frozenset[str]:
    return frozenset(rule.values[0] for rule in rules if rule.ptype == DECLARATION)


def rule_problems(rule: Rule, vocabulary: Vocabulary) -> list[Problem]:
    """Names in a well-formed rule that the policy does not know."""
    if rule.ptype == "p":
        subject, domain, obj, action, _ = rule.values
        return permission_problems(subject, domain, obj, action, vocabulary)
    if rule.ptype == "g":
        subject, role, domain = rule.values
        found = [
            subject_problem("email", subject, vocabulary),
            subject_problem("role", role, vocabulary)
            if role.startswith(ORGANISATION_PREFIX)
            else role_problem("role", role, vocabulary),
            domain_problem("tenant", domain, vocabulary),
        ]
        return [problem for problem in found if problem is not None]
    if rule.ptype == REACH:
        subject, obj, action, _ = rule.values
        found = [] if subject == ANY_DOMAIN else [subject_problem("role", subject, vocabulary)]
        found += action_and_object_problems(action, obj, vocabulary)
        return [problem for problem in found if problem is not None]
    return []


def check_names(rules: Iterable[tuple[str, Rule]], vocabulary: Vocabulary) -> None:
    """Raise one error listing every unknown name, each with where it was found."""
    messages = [
        f"{where}: {problem.message}"
        for where, rule in rules
        for problem in rule_problems(rule, vocabulary)
    ]
    if messages:
        raise BadUserInput("\n".join(messages))


def csv_rows(path: Path) -> Iterator[tuple[str, list[str]]]:
    """The rows of a CSV file that policies and decision tables are written in, each with
    where it stands (``path:line``) for messages, and its cells stripped; blank rows and
    comments (a first cell starting with ``#``) are skipped."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for number, row in enumerate(csv.reader(lines, skipinitialspace=True), start=1):
        cells = [cell.strip() for cell in row]
        if cells and cells[0] and not cells[0].startswith("#"):
            yield f"{path}:{number}", cells


def read_policy_dir(directory: Path, tenant_paths: frozenset[str] | None = None) -> list[Rule]:
    """The rules of ``directory``'s ``*.csv``, checked: each role they name is declared in
    them, every resource, action and classification is known and, when ``tenant_paths``
    are given, every domain is one of them."""
    if not directory.is_dir():
        raise BadUserInput(f"{directory} is not a directory")
    files = sorted(directory.glob("*.csv"))
    if not files:
        raise BadUserInput(f"{directory} holds no *.csv policy files")
    found: list[tuple[str, Rule]] = []
    for path in files:
        for where, cells in csv_rows(path):
            found.append((where, check_rule(Rule(cells[0], tuple(cells[1:])), where)))
    rules = [rule for _, rule in found]
    check_names(found, Vocabulary(roles=declared_roles(rules), tenant_paths=tenant_paths))
    return sorted(set(rules))


@dataclass(frozen=True)
class PolicyDiff:
    added: list[Rule]
    removed: list[Rule]

    @property
    def empty(self) -> bool:
        return not self.added and not self.removed

    def lines(self) -> list[str]:
        return [f"+ {rule}" for rule in self.added] + [f"- {rule}" for rule in self.removed]


def diff(current: list[Rule], desired: list[Rule]) -> PolicyDiff:
    """What applying ``desired`` changes.

    Permission rules (``p``) and role declarations are made equal to the files. Role grants
    (``g``) in the files are added, but grants to people, which live only in the database,
    are never removed.
    """
    now, wanted = set(current), set(desired)
    added = sorted(wanted - now)
    removed = sorted(rule for rule in now - wanted if rule.ptype != "g")
    return PolicyDiff(added=added, removed=removed)
