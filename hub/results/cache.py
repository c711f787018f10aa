"""An in-process cache of read operations' results.

An entry is keyed by everything the result can depend on: the tenant, the caller, the
policy snapshot that decided for them, the document, the operation, the variables and the
languages asked for. It holds the revision read before the operation ran, and is used only
while the revision is the same, so any write that commits after the read began makes it
stale. Two callers never share an entry, whatever rights they have.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class CacheKey:
    tenant_id: str
    subject: str
    policy_generation: int
    document: str
    operation_name: str | None
    variables: str
    accept_language: str

    @classmethod
    def of(
        cls,
        *,
        tenant_id: str,
        subject: str,
        policy_generation: int,
        document: str,
        operation_name: str | None,
        variables: dict[str, Any] | None,
        accept_language: str,
    ) -> CacheKey:
        return cls(
            tenant_id=tenant_id,
            subject=subject,
            policy_generation=policy_generation,
            document=document,
            operation_name=operation_name,
            variables=json.dumps(variables or {}, sort_keys=True, default=str),
            accept_language=accept_language,
        )


@dataclass(frozen=True, slots=True)
class _Entry:
    revision: int
    data: dict[str, Any]


class ResultCache:
    """Least recently used entries first out, at most ``max_entries`` of them."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[CacheKey, _Entry] = OrderedDict()
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self.max_entries > 0

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: CacheKey, revision: int) -> dict[str, Any] | None:
        entry = self._entries.get(key)
        if entry is None or entry.revision != revision:
            self.misses += 1
            return None
        self._entries.move_to_end(key)
        self.hits += 1
        return entry.data

    def put(self, key: CacheKey, revision: int, data: dict[str, Any]) -> None:
        if not self.enabled:
            return
        self._entries[key] = _Entry(revision, data)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
