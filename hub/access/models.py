"""What access control keeps in the database: Casbin rules (the runtime copy of the
policies), and the counts of listed rows that a scope's total can be summed from."""

from __future__ import annotations

from typing import TYPE_CHECKING

from tortoise import fields
from tortoise.models import Model

from hub.core.classification import Classification

if TYPE_CHECKING:
    from hub.tenancy.models import Tenant


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


class ListedCount(Model):
    """How many unarchived rows of a listed table (``table_name``) one tenant holds in one
    classification, kept by triggers in the writer's transaction (migration 0024).

    PostgreSQL only: SQLite has no such table. Its columns are named as the listed tables'
    (``tenant_id``, ``classification``, and ``tenant`` for the path), so that a scope built
    for those tables selects counters too. The table's key is (table_name, tenant_id,
    classification); Tortoise, which knows no key of several columns, is told
    ``table_name``, and only sums the rows it selects.
    """

    table_name = fields.CharField(max_length=63, primary_key=True)
    tenant: fields.ForeignKeyRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name=False, on_delete=fields.CASCADE
    )
    classification = fields.CharEnumField(Classification, max_length=16)
    rows = fields.BigIntField()

    tenant_id: str

    class Meta:
        table = "listed_count"
        table_description = (
            "Unarchived rows of a listed table by tenant and classification (PostgreSQL only)."
        )


# The tables whose rows ListedCount counts (as migration 0024 set their triggers up).
COUNTED_TABLES = frozenset({"proposal", "work_stream"})

# Models whose table exists on PostgreSQL only.
POSTGRES_ONLY: tuple[type[Model], ...] = (ListedCount,)
