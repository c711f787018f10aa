"""Registered GraphQL documents, addressed by the hash of their text."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

from hub.core.model_mixins import optional_reference
from hub.tenancy.models import Tenant


class TrustedDocument(Model):
    id = fields.BigIntField(primary_key=True)
    # "sha256:<hex>" of the UTF-8 bytes of ``text``.
    hash = fields.CharField(max_length=71)
    text = fields.TextField()
    operation_names: list[str] = fields.JSONField(default=list)
    source = fields.CharField(max_length=255, description="The file it was registered from.")
    # Null: a global document, usable in every tenant; else usable in that tenant only.
    tenant: fields.ForeignKeyNullableRelation[Tenant] = optional_reference(
        "hub.Tenant", "registered_documents"
    )
    registered_at = fields.DatetimeField(auto_now_add=True)

    tenant_id: str | None

    class Meta:
        table = "trusted_document"
        table_description = "A GraphQL document that may run when trusted documents are required."
        # Not unique: PostgreSQL treats NULL tenants as distinct, so registration checks
        # for an existing row itself, inside its transaction.
        indexes = (("hash", "tenant_id"),)
