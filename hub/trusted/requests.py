"""Which document a GraphQL request runs, when it may name a registered one by its id.

A request carries ``query`` (the text), ``documentId`` (``sha256:<hex>`` of a registered
document's text), or both, which must then agree. With trusted documents required, text
runs only when its hash is registered for the tenant or globally.
"""

from __future__ import annotations

from dataclasses import dataclass

from hub.core.config import TrustedDocumentsMode
from hub.core.document_ids import DOCUMENT_ID, document_id
from hub.core.errors import BadRequest, PersistedQueryNotFound, UntrustedDocument
from hub.tenancy.models import Tenant
from hub.trusted.store import TrustedDocumentStore


@dataclass(frozen=True)
class RequestDocument:
    id: str
    # The hub found it registered; False when trusted documents are off and it did not look.
    registered: bool


def _checked_id(requested: object) -> str:
    if not isinstance(requested, str) or not DOCUMENT_ID.match(requested):
        raise BadRequest("documentId must be 'sha256:' followed by 64 lower-case hex digits.")
    return requested


async def resolve_document(
    query: str | None,
    requested_id: object,
    tenant: Tenant,
    mode: TrustedDocumentsMode,
    store: TrustedDocumentStore,
) -> tuple[str | None, RequestDocument | None]:
    """The text to run and what is known of it; refuses what the tenant may not run."""
    if requested_id is not None:
        wanted = _checked_id(requested_id)
        if query is None:
            text = await store.find(wanted, tenant)
            if text is None:
                raise PersistedQueryNotFound(
                    f"No document with the id {wanted} is registered for this tenant."
                )
            return text, RequestDocument(wanted, registered=True)
        if document_id(query) != wanted:
            raise BadRequest(
                "The query and the documentId differ: documentId must be the sha256 of the "
                "query's UTF-8 bytes; send one of them."
            )
    if query is None:
        return None, None  # the view's own "no query" error follows
    if mode is TrustedDocumentsMode.OFF:
        return query, None
    found = document_id(query)
    if await store.find(found, tenant) is None:
        raise UntrustedDocument(
            "This tenant runs registered documents only, and this one is not registered: "
            "register it with `hub schema operations register`, then send its documentId."
        )
    return query, RequestDocument(found, registered=True)
