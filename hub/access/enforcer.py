"""The process-wide Casbin enforcer, rebuilt aside and swapped in when policies change."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass
from pathlib import Path

import casbin

from hub.access.adapter import TortoiseAdapter
from hub.access.domains import ANY_DOMAIN, object_matches, within

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Grant:
    """A role that a subject holds in a tenant and, through it, in the tenant's subtree."""

    role: str
    domain: str


class PoliciesNotLoaded(RuntimeError):
    pass


class AccessControl:
    def __init__(self, model_path: Path) -> None:
        self._model_path = model_path
        self._enforcer: casbin.AsyncEnforcer | None = None
        self.loaded_at: float | None = None

    @property
    def loaded(self) -> bool:
        return self._enforcer is not None

    async def load(self) -> None:
        """Read every rule from the database into a new enforcer, then swap it in.

        Requests in flight keep using the enforcer they started with: the live one is never
        cleared while it is being refilled.
        """
        started = time.perf_counter()
        enforcer = casbin.AsyncEnforcer(str(self._model_path), TortoiseAdapter())
        enforcer.add_function("within", within)
        enforcer.add_function("object_matches", object_matches)
        enforcer.add_named_domain_matching_func("g", within)
        await enforcer.load_policy()
        self._enforcer = enforcer
        self.loaded_at = time.time()
        log.info(
            "policies loaded: %d rules, %d grants in %.1f ms",
            len(enforcer.get_policy()),
            len(enforcer.get_grouping_policy()),
            (time.perf_counter() - started) * 1000,
        )

    @property
    def enforcer(self) -> casbin.AsyncEnforcer:
        if self._enforcer is None:
            raise PoliciesNotLoaded("policies have not been loaded")
        return self._enforcer

    def enforce(self, subject: str, domain: str, obj: str, action: str) -> bool:
        return bool(self.enforcer.enforce(subject, domain, obj, action))

    def grants(self, subject: str) -> list[Grant]:
        """Every role granted to ``subject`` directly, with the tenant it was granted in."""
        rows = self.enforcer.get_filtered_grouping_policy(0, subject)
        return [Grant(role=row[1], domain=row[2]) for row in rows]

    def rule_domains(self, subjects: set[str]) -> set[str]:
        """Tenant paths named by the permission rules of these subjects (``*`` left out)."""
        return {
            row[1]
            for row in self.enforcer.get_policy()
            if row[0] in subjects and row[1] != ANY_DOMAIN
        }
