"""The policy model's two matchers, evaluated over rules indexed by subject, action and
object.

Casbin tries a request against every rule of its enforcer, through an expression evaluator:
about 3 ms per question for a tenant of the benchmark's policy. A caller's first request asks
a few hundred questions (what travels to it from every tenant above), so a new caller cost
many times a returning one. A request can only match the rules of the caller and of the
roles it holds there, for its action or any, on an object that covers its own: these are
looked up, and only their tenants compared.

This answers for ``policies/model.conf`` as written: ``IndexedMatcher.implements`` compares
a model's definitions with the ones below, and a snapshot whose model differs asks Casbin.
``tests/access/test_matcher.py`` requires the same answers as Casbin on generated policies,
and for every demo caller and role in every tenant on the demo policy.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from hub.access.policy_files import Rule
from hub.tenancy.domains import reaches, within

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
ANY_SUBJECT = ANY_ACTION = ANY_OBJECT = "*"


@dataclass(frozen=True, slots=True)
class _Link:
    role: str
    domain: str


@dataclass(frozen=True, slots=True)
class _Permission:
    domain: str
    effect: str


def _covering(obj: str) -> list[str]:
    """The objects of rules that ``object_matches`` lets cover ``obj``: ``*``, ``obj``
    and each part of it before a ``:`` (``work_stream`` for ``work_stream:restricted``)."""
    parts = obj.split(":")
    return list(
        dict.fromkeys([ANY_OBJECT, *(":".join(parts[:n]) for n in range(1, len(parts) + 1))])
    )


@dataclass(frozen=True, slots=True)
class _Reach:
    subject: str
    how: str


def _definition(model: Any, section: str, key: str) -> str | None:
    assertion = model.model.get(section, {}).get(key)
    return None if assertion is None else str(assertion.value)


class IndexedMatcher:
    """Casbin's answers for the p, p2 and g rules of one snapshot."""

    def __init__(self, rules: list[Rule]) -> None:
        self._links: dict[str, list[_Link]] = defaultdict(list)
        # By subject, action and object: a request matches only rules for its action or
        # for "*", on the objects that cover its own (``_covering``).
        self._permissions: dict[tuple[str, str, str], list[_Permission]] = defaultdict(list)
        # By action and object, as permissions are.
        self._reach: dict[tuple[str, str], list[_Reach]] = defaultdict(list)
        for rule in rules:
            if rule.ptype == "g" and len(rule.values) == 3:
                member, role, domain = rule.values
                self._links[member].append(_Link(role, domain))
            elif rule.ptype == "p" and len(rule.values) == 5:
                subject, domain, obj, action, effect = rule.values
                self._permissions[subject, action, obj].append(_Permission(domain, effect))
            elif rule.ptype == "p2" and len(rule.values) == 4:
                subject, obj, action, how = rule.values
                self._reach[action, obj].append(_Reach(subject, how))

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
        objects = _covering(obj)
        allowed = False
        for holder in self.holders(subject, domain):
            for each in actions:
                for covering in objects:
                    for rule in self._permissions.get((holder, each, covering), ()):
                        if within(domain, rule.domain):
                            if rule.effect == "deny":
                                return False
                            allowed = allowed or rule.effect == "allow"
        return allowed

    def travels(self, subject: str, record_domain: str, obj: str, action: str, at: str) -> bool:
        """Matcher m2 under effect e2: does a reach rule let a record of ``record_domain``
        travel to ``subject`` acting in ``at``?"""
        holders: set[str] | None = None
        for covering in _covering(obj):
            for rule in self._reach.get((action, covering), ()):
                if not reaches(record_domain, at, rule.how):
                    continue
                if rule.subject == ANY_SUBJECT:
                    return True
                if holders is None:
                    holders = self.holders(subject, at)
                if rule.subject in holders:
                    return True
        return False
