"""Casbin rules stored in the database: the runtime copy of the policies."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model


class CasbinRule(Model):
    id = fields.IntField(primary_key=True)
    ptype = fields.CharField(max_length=8)
    v0 = fields.CharField(max_length=255, default="")
    v1 = fields.CharField(max_length=255, default="")
    v2 = fields.CharField(max_length=255, default="")
    v3 = fields.CharField(max_length=255, default="")
    v4 = fields.CharField(max_length=255, default="")
    v5 = fields.CharField(max_length=255, default="")

    class Meta:
        table = "casbin_rule"
        unique_together = (("ptype", "v0", "v1", "v2", "v3", "v4", "v5"),)
