"""The answers of mutations sent with an idempotency key."""

from __future__ import annotations

from typing import Any

from tortoise import fields

from hub.core.model_mixins import Created


class IdempotentAnswer(Created):
    """A caller's key, the request it was first sent with, and that request's answer.

    Written in the same transaction as the mutation's own writes: a key is stored exactly
    when what it answers for was committed. ``answer`` is null while the first request runs.
    The table holds no tenant's records (the caller's user id, a fingerprint, an answer the
    caller already received), so it has no row-level security; only the hub reads it.
    """

    id = fields.BigIntField(primary_key=True)
    user_id = fields.UUIDField()
    # The caller's key (at most 200 characters), and its place when sent in a batch.
    key = fields.CharField(max_length=210)
    # SHA-256 of the tenant, document, operation name and variables.
    fingerprint = fields.CharField(max_length=64)
    answer: dict[str, Any] | None = fields.JSONField(null=True)

    class Meta:
        table = "idempotent_answer"
        unique_together = (("user_id", "key"),)
