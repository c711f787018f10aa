"""Theme tags: which record carries which theme, so lists filter by theme in SQL."""

from __future__ import annotations

from tortoise import fields

from hub.core.model_mixins import TenantOwned, tenant_key


class ThemeTag(TenantOwned):
    """One theme on one record, so that "proposals on gender" is an indexed lookup.

    The record keeps its themes too, for display. (No semicolon in the first paragraph:
    it becomes the table's comment, which SQLite's script runner would split at it.)
    """

    id = fields.BigIntField(primary_key=True)
    tenant = tenant_key("theme_tags")
    subject = fields.CharField(max_length=32)
    record_id = fields.UUIDField()
    theme = fields.CharField(max_length=40)

    class Meta:
        table = "theme_tag"
        unique_together = (("subject", "record_id", "theme"),)
        indexes = (("subject", "theme", "record_id"),)
