"""Registering trusted documents and listing them (``hub schema operations``)."""

from __future__ import annotations

from dataclasses import dataclass, field

from tortoise.transactions import in_transaction

from hub.errors import BadUserInput
from hub.tenancy.models import Tenant
from hub.trusted.documents import DocumentFile
from hub.trusted.models import TrustedDocument


@dataclass
class RegisterReport:
    registered: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"registered {line}" for line in self.registered]
        out.append(f"{len(self.registered)} registered, {len(self.unchanged)} unchanged")
        return out


def _describe(document: DocumentFile, scope: str) -> str:
    names = ", ".join(document.operation_names) or "anonymous"
    return f"{document.id} {document.source} ({names}) for {scope}"


async def register_documents(
    documents: list[DocumentFile], tenant_slug: str | None = None
) -> RegisterReport:
    """Store each document once per scope (global, or one tenant), in one transaction.

    A document already registered in that scope is left as it is: its text cannot differ,
    since its id is the hash of its text.
    """
    report = RegisterReport()
    async with in_transaction():
        tenant: Tenant | None = None
        if tenant_slug is not None:
            tenant = await Tenant.get_or_none(slug=tenant_slug)
            if tenant is None:
                raise BadUserInput(f"No tenant has the slug '{tenant_slug}'.")
        scope = f"tenant {tenant.slug}" if tenant else "all tenants"
        in_scope = (
            TrustedDocument.filter(tenant_id=tenant.id)
            if tenant
            else TrustedDocument.filter(tenant_id__isnull=True)
        )
        known = {str(row["hash"]) for row in await in_scope.values("hash")}
        for document in documents:
            if document.id in known:
                report.unchanged.append(document.source)
                continue
            await TrustedDocument.create(
                hash=document.id,
                text=document.text,
                operation_names=document.operation_names,
                source=document.source,
                tenant=tenant,
            )
            known.add(document.id)
            report.registered.append(_describe(document, scope))
    return report


async def document_lines() -> list[str]:
    """The registered documents, global ones first, for ``hub schema operations list``."""
    rows = await TrustedDocument.all().select_related("tenant")
    rows.sort(key=lambda row: (row.tenant.slug if row.tenant else "", row.source, row.hash))
    return [
        f"{row.hash}  {row.tenant.slug if row.tenant else 'global'}  {row.source}  "
        f"{', '.join(row.operation_names) or 'anonymous'}  "
        f"{row.registered_at.isoformat(timespec='seconds')}"
        for row in rows
    ]
