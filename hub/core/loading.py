"""Per-request DataLoaders: each resolves a batch of keys in one statement, and a request
holds one loader of each kind so that every field shares its batches and cache."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, Self, TypeVar

from strawberry.dataloader import DataLoader
from tortoise.queryset import QuerySet

from hub.core.context import Context
from hub.core.pagination import Ordering

K = TypeVar("K")
V = TypeVar("V")


class RequestLoader(DataLoader[K, V], Generic[K, V]):
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        super().__init__(load_fn=self.load_batch)

    async def load_batch(self, keys: Sequence[K]) -> list[V]:
        """The values of ``keys``, in the same order."""
        raise NotImplementedError

    @classmethod
    def of(cls, ctx: Context) -> Self:
        loader = ctx.loaders.get(cls)
        if loader is None:
            loader = ctx.loaders[cls] = cls(ctx)
        return loader


@dataclass(frozen=True)
class Children:
    """What a loader of the rows under parents reads, declared so that a compiled read
    (``hub.compiled``) writes the same: the rows of ``rows(ctx)`` (the caller's; None when
    none) whose ``parent`` column holds a parent's id, in ``ordering`` then by id."""

    rows: Callable[[Context], QuerySet[Any] | None]
    parent: str
    ordering: Ordering


class GroupedLoader(RequestLoader[K, list[V]], Generic[K, V]):
    """A loader of the rows under each key, such as a consultation's sessions: its service
    groups them by the key as text, and a key with none gets an empty list."""

    # What it reads, when it reads that alone.
    children: ClassVar[Children | None] = None

    async def load_batch(self, keys: Sequence[K]) -> list[list[V]]:
        grouped = await self.groups(keys)
        return [grouped.get(str(key), []) for key in keys]

    async def groups(self, keys: Sequence[K]) -> Mapping[str, list[V]]:
        """The rows under ``keys``, by each key as text."""
        raise NotImplementedError
