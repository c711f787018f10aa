"""A bounded store of values, each kept with the revision it was computed under."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Entry(Generic[V]):
    revision: int
    value: V


class Revisioned(Generic[K, V]):
    """At most ``max_entries`` values, the least recently used first out; a value counts
    only under the revision it was computed under."""

    def __init__(self, max_entries: int) -> None:
        self.max_entries = max_entries
        self._entries: OrderedDict[K, Entry[V]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()

    def current(self, key: K, revision: int) -> Entry[V] | None:
        """The entry of ``key`` if it was computed under ``revision``."""
        entry = self._entries.get(key)
        if entry is None or entry.revision != revision:
            return None
        self._entries.move_to_end(key)
        return entry

    def put(self, key: K, revision: int, value: V) -> None:
        if self.max_entries <= 0:
            return
        self._entries[key] = Entry(revision, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.max_entries:
            self._entries.popitem(last=False)
