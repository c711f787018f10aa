"""An in-process cache of read operations' results.

An entry is keyed by everything the result can depend on: the tenant, the caller, the
policy snapshot that decided for them, the document, the operation, the variables and the
languages asked for. It holds the revision read before the operation ran, and is used only
while the revision is the same, so any write that commits after the read began makes it
stale. Two callers never share an entry, whatever rights they have.

An entry holds its result as the JSON the response sends: it is encoded once, counted by
its size against the cache's bound in bytes, and spliced into each answer as it is.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import orjson

from hub.results.revisioned import Revisioned


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
class Cached:
    data: bytes
    network: int | None


def _size(cached: Cached) -> int:
    return len(cached.data)


class ResultCache:
    """Results of read operations (``data``), at most ``max_entries`` of them holding at
    most ``max_bytes`` of JSON together, the least recently used first out."""

    def __init__(self, max_entries: int, max_bytes: int) -> None:
        self._entries: Revisioned[CacheKey, Cached] = Revisioned(
            max_entries, max_weight=max_bytes, weight=_size
        )
        self.hits = 0
        self.misses = 0

    @property
    def enabled(self) -> bool:
        return self._entries.max_entries > 0 and bool(self._entries.max_weight)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def bytes(self) -> int:
        """The size of the JSON the entries hold."""
        return self._entries.weight

    def get(self, key: CacheKey, revision: int, network: int) -> orjson.Fragment | None:
        """The result of ``key`` computed under ``revision`` and, if it read records from
        across the network, under the ``network`` revision too: its JSON, to be spliced
        into the answer."""
        entry = self._entries.current(key, revision)
        if entry is None or entry.value.network not in (None, network):
            self.misses += 1
            return None
        self.hits += 1
        return orjson.Fragment(entry.value.data)

    def put(
        self, key: CacheKey, revision: int, data: dict[str, Any], network: int | None = None
    ) -> None:
        """Keep ``data``; ``network`` is the network's revision when it read records from
        across the network, None when only its tenant's branch counts."""
        self._entries.put(key, revision, Cached(orjson.dumps(data), network))
