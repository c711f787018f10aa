"""The audit log's table."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class AuditEntry(Model):
    """One line of the append-only, hash-chained audit log."""

    id = fields.BigIntField(primary_key=True)
    at = fields.DatetimeField()
    actor = fields.CharField(max_length=254)
    tenant_path = fields.CharField(max_length=500, default="")
    action = fields.CharField(max_length=64)
    object = fields.TextField()
    decision = fields.CharField(max_length=16)
    request_id = fields.CharField(max_length=64, default="")
    prev_hash = fields.CharField(max_length=64)
    hash = fields.CharField(max_length=64, unique=True)

    class Meta:
        table = "audit_log"
        indexes = (("tenant_path", "at"),)
