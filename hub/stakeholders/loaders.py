"""Per-request loaders: one SQL statement for all the organisations a page of contacts
names, whatever the page size."""

from __future__ import annotations

from collections.abc import Sequence

from strawberry.dataloader import DataLoader

from hub.context import Context
from hub.stakeholders.models import Organisation
from hub.stakeholders.service import OrganisationService


class OrganisationByIdLoader(DataLoader[str, Organisation | None]):
    def __init__(self, ctx: Context) -> None:
        async def load(ids: Sequence[str]) -> list[Organisation | None]:
            return await OrganisationService(ctx).get_many(list(ids))

        super().__init__(load_fn=load)

    @classmethod
    def of(cls, ctx: Context) -> OrganisationByIdLoader:
        loader = ctx.loaders.get(cls)
        if loader is None:
            loader = ctx.loaders[cls] = cls(ctx)
        return loader
