"""Per-request DataLoaders: each resolves a batch of keys in one statement, and a request
holds one loader of each kind so that every field shares its batches and cache."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Generic, Self, TypeVar

from strawberry.dataloader import DataLoader

from hub.core.context import Context

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


class GroupedLoader(RequestLoader[K, list[V]], Generic[K, V]):
    """A loader of the rows under each key, such as a consultation's sessions: its service
    groups them by the key as text, and a key with none gets an empty list."""

    async def load_batch(self, keys: Sequence[K]) -> list[list[V]]:
        grouped = await self.groups(keys)
        return [grouped.get(str(key), []) for key in keys]

    async def groups(self, keys: Sequence[K]) -> Mapping[str, list[V]]:
        """The rows under ``keys``, by each key as text."""
        raise NotImplementedError
