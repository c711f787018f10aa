"""Policy files (``policies/*.csv``): parsed, checked and compared with the database."""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path

from hub.access.domains import ANY_DOMAIN
from hub.access.resources import Action
from hub.errors import BadUserInput

EFFECTS = ("allow", "deny")
TENANT_PATH = re.compile(r"^(/[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$")


@dataclass(frozen=True, order=True, slots=True)
class Rule:
    ptype: str
    values: tuple[str, ...]

    def __str__(self) -> str:
        return ", ".join((self.ptype, *self.values))


def check_domain(domain: str, where: str) -> None:
    if domain != ANY_DOMAIN and not TENANT_PATH.match(domain):
        raise BadUserInput(f"{where}: domain '{domain}' is neither '*' nor a tenant path")


def check_rule(rule: Rule, where: str) -> Rule:
    if rule.ptype == "p":
        if len(rule.values) != 5:
            raise BadUserInput(
                f"{where}: a p rule has 5 fields (subject, domain, object, action, effect)"
            )
        _, domain, obj, action, effect = rule.values
        check_domain(domain, where)
        if not obj:
            raise BadUserInput(f"{where}: the object is empty")
        if action != "*" and action not in {a.value for a in Action}:
            raise BadUserInput(f"{where}: unknown action '{action}'")
        if effect not in EFFECTS:
            raise BadUserInput(f"{where}: the effect must be allow or deny, not '{effect}'")
    elif rule.ptype == "g":
        if len(rule.values) != 3:
            raise BadUserInput(f"{where}: a g rule has 3 fields (subject, role, domain)")
        check_domain(rule.values[2], where)
    else:
        raise BadUserInput(f"{where}: unknown rule type '{rule.ptype}' (p or g)")
    if any(not value for value in rule.values):
        raise BadUserInput(f"{where}: a field is empty")
    return rule


def read_policy_dir(directory: Path) -> list[Rule]:
    if not directory.is_dir():
        raise BadUserInput(f"{directory} is not a directory")
    files = sorted(directory.glob("*.csv"))
    if not files:
        raise BadUserInput(f"{directory} holds no *.csv policy files")
    rules: list[Rule] = []
    for path in files:
        lines = path.read_text(encoding="utf-8").splitlines()
        for number, row in enumerate(csv.reader(lines, skipinitialspace=True), start=1):
            cells = [cell.strip() for cell in row]
            if not cells or not cells[0] or cells[0].startswith("#"):
                continue
            rules.append(check_rule(Rule(cells[0], tuple(cells[1:])), f"{path}:{number}"))
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

    Permission rules (``p``) are made equal to the files. Role grants (``g``) in the files
    are added, but grants to people, which live only in the database, are never removed.
    """
    now, wanted = set(current), set(desired)
    added = sorted(wanted - now)
    removed = sorted(rule for rule in now - wanted if rule.ptype == "p")
    return PolicyDiff(added=added, removed=removed)
