"""What the services of themed records share: a row keeps its themes for display, and its
theme tags, written in the same transaction, let lists filter by theme in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar, cast
from uuid import UUID

from tortoise.expressions import Q
from tortoise.models import Model

from hub.access import audited
from hub.access.listing import ListFilter
from hub.access.scoped import FilteredService
from hub.tenancy.models import Tenant
from hub.themes.tags import retag, tagged_with
from hub.themes.taxonomy import Theme, stored

M = TypeVar("M", bound=Model)


@dataclass(frozen=True)
class ThemedFilter(ListFilter):
    """The filter of a list of themed rows: those carrying any of ``themes`` (all rows
    when none is given), with what every list offers."""

    themes: Sequence[Theme] = ()


F = TypeVar("F", bound=ThemedFilter)


class _Themed(Protocol):
    id: UUID
    themes: list[str]
    tenant: Tenant


class ThemedService(FilteredService[M, F], Generic[M, F]):
    """A service whose rows carry themes, tagged under ``tag_subject``."""

    # The subject of the rows' theme tags ("initiative").
    tag_subject: str

    def _tagged(self, themes: Sequence[Theme]) -> Q | None:
        """The rows carrying any of ``themes``; None (no condition) when none is given."""
        return tagged_with(self.tag_subject, themes) if themes else None

    async def _created(self, row: M, themes: Sequence[Theme]) -> M:
        """Tag a row just written in the request's tenant with ``themes``, and audit its
        creation if it is confidential; inside the write's transaction."""
        await retag(self.tag_subject, cast(_Themed, row).id, self.ctx.tenant.id, themes)
        await self._audit("create", cast(audited.Classified, row))
        return row

    async def _updated(self, row: M, themes: Sequence[Theme] | None) -> M:
        """Save the changes to a row read with its tenant, with ``themes`` when given, and
        audit them if it is confidential; inside the write's transaction."""
        themed = cast(_Themed, row)
        if themes is not None:
            themed.themes = stored(list(themes))
            await retag(self.tag_subject, themed.id, themed.tenant.id, themes)
        await row.save()
        await self._audit("update", cast(audited.Classified, row))
        return row
