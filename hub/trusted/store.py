"""Registered documents as requests find them, cached for the life of the process."""

from __future__ import annotations

from tortoise.expressions import Q

from hub.tenancy.isolation import tenant_scope
from hub.tenancy.models import Tenant
from hub.trusted.models import TrustedDocument


class TrustedDocumentStore:
    """The text of a registered document by its id, as seen from one tenant.

    A document's text never changes (its id is its hash) and registrations are never
    withdrawn, so a document once found stays cached. Misses are not cached: a document
    registered while the hub runs is found by the next request that asks for it.
    """

    def __init__(self) -> None:
        self._texts: dict[tuple[str, str], str] = {}

    async def find(self, document_id: str, tenant: Tenant) -> str | None:
        key = (document_id, str(tenant.id))
        text = self._texts.get(key)
        if text is not None:
            return text
        # Inside the tenant's scope, so that Row-Level Security vouches for the filter too.
        async with tenant_scope(tenant.path):
            row = (
                await TrustedDocument.filter(
                    Q(tenant_id__isnull=True) | Q(tenant_id=tenant.id), hash=document_id
                )
                .first()
                .values("text")
            )
        if row is None:
            return None
        self._texts[key] = text = str(row["text"])
        return text
