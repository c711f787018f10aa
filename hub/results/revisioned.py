"""A bounded store of values, each kept with the revision it was computed under."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

K = TypeVar("K")
V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class Entry(Generic[V]):
    revision: int
    value: V


def _weightless(value: object) -> int:
    return 0


class Revisioned(Generic[K, V]):
    """At most ``max_entries`` values, the least recently used first out; a value counts
    only under the revision it was computed under.

    With ``max_weight``, the values' ``weight`` (their size, say) together stay within it
    too: the least recently used go first, and a value heavier than all of it is not kept.
    """

    def __init__(
        self,
        max_entries: int,
        *,
        max_weight: int | None = None,
        weight: Callable[[V], int] = _weightless,
    ) -> None:
        self.max_entries = max_entries
        self.max_weight = max_weight
        self._weight = weight
        self.weight = 0
        self._entries: OrderedDict[K, Entry[V]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self.weight = 0

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
        self._drop(key)
        weight = self._weight(value)
        if self.max_weight is not None and weight > self.max_weight:
            return
        self._entries[key] = Entry(revision, value)
        self.weight += weight
        while len(self._entries) > self.max_entries or (
            self.max_weight is not None and self.weight > self.max_weight
        ):
            self._drop(next(iter(self._entries)))

    def _drop(self, key: K) -> None:
        entry = self._entries.pop(key, None)
        if entry is not None:
            self.weight -= self._weight(entry.value)
