"""The policy model's two matchers, evaluated over rules indexed by subject.

Casbin tries a request against every rule of its enforcer, through an expression evaluator:
about 3 ms per question for a tenant of the benchmark's policy. A caller's first request asks
a few hundred questions (what travels to it from every tenant above), so a new caller cost
many times a returning one. A request can only match rules whose subject is the caller or a
role the caller holds there, so these are looked up by subject and compared in Python.

This answers for ``policies/model.conf`` as written: ``IndexedMatcher.implements`` compares
a model's definitions with the ones below, and a snapshot whose model differs asks Casbin.
``tests/access/test_matcher.py`` requires the same answer as Casbin for every demo caller,
tenant, object and action, and on generated policies.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from hub.access.policy_files import Rule
from hub.tenancy.domains import object_matches, reaches, within

# The model's definitions this module evaluates, as Casbin's model parser keeps them.
IMPLEMENTED = {
    ("r", "r"): "sub, dom, obj, act",
    ("r", "r2"): "sub, dom, obj, act, at",
    ("p", "p"): "sub, dom, obj, act, eft",
    ("p", "p2"): "sub, obj, act, reach",
    ("g", "g"): "_, _, _",
    ("e", "e"): "some(where (p_eft == allow)) && !some(where (p_eft == deny))",
    ("e", "e2"): "some(where (p_eft == allow))",
    ("m", "m"): (
        '(r_act == p_act || p_act == "*") && object_matches(r_obj, p_obj) && '
        "within(r_dom, p_dom) && g(r_sub, p_sub, r_dom)"
    ),
    ("m", "m2"): (
        "r2_act == p2_act && object_matches(r2_obj, p2_obj) && "
        'reaches(r2_dom, r2_at, p2_reach) && (p2_sub == "*" || g(r2_sub, p2_sub, r2_at))'
    ),
}
# Casbin's role manager follows at most this many links from a subject, the subject itself
# counted as the first.
HIERARCHY_LEVELS = 10
ANY_SUBJECT = "*"
ANY_ACTION = "*"


@dataclass(frozen=True, slots=True)
class _Link:
    role: str
    domain: str


@dataclass(frozen=True, slots=True)
class _Permission:
    domain: str
    obj: str
    effect: str


@dataclass(frozen=True, slots=True)
class _Reach:
    rule: Rule
    subject: str
    obj: str
    action: str
    how: str


def _definition(model: Any, section: str, key: str) -> str | None:
    assertion = model.model.get(section, {}).get(key)
    return None if assertion is None else str(assertion.value)


class IndexedMatcher:
    """Casbin's answers for the p, p2 and g rules of one snapshot."""

    def __init__(self, rules: list[Rule]) -> None:
        self._links: dict[str, list[_Link]] = defaultdict(list)
        # By subject and action: a request matches only rules for its action or for "*".
        self._permissions: dict[tuple[str, str], list[_Permission]] = defaultdict(list)
        self._reach: list[_Reach] = []
        for rule in rules:
            if rule.ptype == "g" and len(rule.values) == 3:
                member, role, domain = rule.values
                self._links[member].append(_Link(role, domain))
            elif rule.ptype == "p" and len(rule.values) == 5:
                subject, domain, obj, action, effect = rule.values
                self._permissions[subject, action].append(_Permission(domain, obj, effect))
            elif rule.ptype == "p2" and len(rule.values) == 4:
                self._reach.append(_Reach(rule, *rule.values))

    @staticmethod
    def implements(model: Any) -> bool:
        """Is ``model`` (a Casbin model) the one whose matchers this class evaluates?"""
        sections = {section for section, _ in IMPLEMENTED}
        declared = {
            (section, key)
            for section in sections
            for key in getattr(model, "model", {}).get(section, {})
        }
        return declared == set(IMPLEMENTED) and all(
            _definition(model, section, key) == text for (section, key), text in IMPLEMENTED.items()
        )

    def holders(self, subject: str, domain: str) -> set[str]:
        """``subject`` and every role it holds in ``domain``: the subjects ``g(subject, x,
        domain)`` is true for. A link counts where its tenant contains ``domain``."""
        found = {subject}
        level = [subject]
        for _ in range(HIERARCHY_LEVELS - 1):
            following = [
                link.role
                for holder in level
                for link in self._links.get(holder, ())
                if link.role not in found and within(domain, link.domain)
            ]
            if not following:
                break
            found.update(following)
            level = following
        return found

    def enforce(self, subject: str, domain: str, obj: str, action: str) -> bool:
        """Matcher m under effect e: some rule allows and no rule denies."""
        actions = (action,) if action == ANY_ACTION else (action, ANY_ACTION)
        allowed = False
        for holder in self.holders(subject, domain):
            for each in actions:
                for rule in self._permissions.get((holder, each), ()):
                    if object_matches(obj, rule.obj) and within(domain, rule.domain):
                        if rule.effect == "deny":
                            return False
                        allowed = allowed or rule.effect == "allow"
        return allowed

    def reach_rule(
        self, subject: str, record_domain: str, obj: str, action: str, at: str
    ) -> list[str] | None:
        """Matcher m2 under effect e2: the first reach rule letting a record of
        ``record_domain`` travel to ``subject`` acting in ``at``; None when none does."""
        holders: set[str] | None = None
        for rule in self._reach:
            if not (
                rule.action == action
                and object_matches(obj, rule.obj)
                and reaches(record_domain, at, rule.how)
            ):
                continue
            if rule.subject != ANY_SUBJECT:
                if holders is None:
                    holders = self.holders(subject, at)
                if rule.subject not in holders:
                    continue
            return list(rule.rule.values)
        return None
