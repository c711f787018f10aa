"""Revision counters: one per tenant, and one for the tables that belong to no tenant."""

from __future__ import annotations

from tortoise import fields
from tortoise.models import Model

# The scope of the tables without a tenant (the tenants themselves, users).
GLOBAL_SCOPE = "global"


class Revision(Model):
    """How many writing statements have touched a tenant's rows (or the global tables).

    Database triggers on every table count, so a write from any process, the CLI or plain
    SQL is seen. The counters hold no content, so the table has no row-level security.
    """

    scope = fields.CharField(max_length=36, primary_key=True)
    revision = fields.BigIntField(default=0)

    class Meta:
        table = "revision"
