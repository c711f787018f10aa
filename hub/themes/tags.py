"""Writing and querying theme tags."""

from __future__ import annotations

from collections.abc import Sequence
from uuid import UUID

from tortoise.expressions import Q, Subquery

from hub.themes.models import ThemeTag
from hub.themes.taxonomy import Theme, stored


async def retag(subject: str, record_id: UUID, tenant_id: UUID, themes: Sequence[Theme]) -> None:
    """Make the record's tags exactly ``themes``; call inside the write's transaction."""
    await ThemeTag.filter(subject=subject, record_id=record_id).delete()
    await ThemeTag.bulk_create(
        [
            ThemeTag(tenant_id=tenant_id, subject=subject, record_id=record_id, theme=theme)
            for theme in stored(list(themes))
        ]
    )


def tagged_with(subject: str, themes: Sequence[Theme]) -> Q:
    """Rows carrying any of ``themes``."""
    tagged = ThemeTag.filter(subject=subject, theme__in=[str(t) for t in themes])
    return Q(id__in=Subquery(tagged.values("record_id")))
