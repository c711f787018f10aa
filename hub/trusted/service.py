"""Registering trusted documents and listing them (``hub schema operations``).

A registered document may run where trusted documents are required: each registration is
written to the audit log in the same transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.audit import log as audit
from hub.core.db import atomic
from hub.core.document_ids import DocumentFile
from hub.core.errors import BadUserInput
from hub.tenancy.domains import ANY_DOMAIN
from hub.tenancy.models import Tenant
from hub.trusted.models import TrustedDocument


@dataclass
class RegisterReport:
    # The tenant's slug, or None for every tenant.
    tenant: str | None = None
    documents: list[DocumentFile] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    @property
    def scope(self) -> str:
        return f"tenant {self.tenant}" if self.tenant else "all tenants"

    @property
    def registered(self) -> list[str]:
        return [_describe(document, self.scope) for document in self.documents]

    def lines(self) -> list[str]:
        out = [f"registered {line}" for line in self.registered]
        out.append(f"{len(self.registered)} registered, {len(self.unchanged)} unchanged")
        return out

    def as_json(self) -> dict[str, object]:
        return {
            "tenant": self.tenant,
            "registered": [
                {"id": d.id, "source": d.source, "operations": d.operation_names}
                for d in self.documents
            ],
            "unchanged": self.unchanged,
        }


def _describe(document: DocumentFile, scope: str) -> str:
    names = ", ".join(document.operation_names) or "anonymous"
    return f"{document.id} {document.source} ({names}) for {scope}"


async def register_documents(
    documents: list[DocumentFile],
    tenant_slug: str | None = None,
    *,
    actor: str = audit.UNNAMED_ACTOR,
) -> RegisterReport:
    """Store each document once per scope (global, or one tenant), in one transaction.

    A document already registered in that scope is left as it is: its text cannot differ,
    since its id is the hash of its text.
    """
    report = RegisterReport(tenant=tenant_slug)
    async with atomic():
        tenant: Tenant | None = None
        if tenant_slug is not None:
            tenant = await Tenant.get_or_none(slug=tenant_slug)
            if tenant is None:
                raise BadUserInput(f"No tenant has the slug '{tenant_slug}'.")
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
            report.documents.append(document)
        # A global document serves every tenant: its entry is filed under all of them.
        where = tenant.path if tenant else ANY_DOMAIN
        await audit.append(
            [
                audit.applied(actor, where, "document.register", _describe(d, report.scope))
                for d in report.documents
            ]
        )
    return report


async def _registered() -> list[TrustedDocument]:
    """The registered documents, global ones first."""
    rows = await TrustedDocument.all().select_related("tenant")
    rows.sort(key=lambda row: (row.tenant.slug if row.tenant else "", row.source, row.hash))
    return rows


async def document_records() -> list[dict[str, object]]:
    """What ``hub schema operations list --json`` prints."""
    return [
        {
            "id": row.hash,
            "tenant": row.tenant.slug if row.tenant else None,
            "source": row.source,
            "operations": row.operation_names,
            "registered_at": row.registered_at.isoformat(timespec="seconds"),
        }
        for row in await _registered()
    ]


async def document_lines() -> list[str]:
    """The registered documents, global ones first, for ``hub schema operations list``."""
    rows = await _registered()
    return [
        f"{row.hash}  {row.tenant.slug if row.tenant else 'global'}  {row.source}  "
        f"{', '.join(row.operation_names) or 'anonymous'}  "
        f"{row.registered_at.isoformat(timespec='seconds')}"
        for row in rows
    ]
