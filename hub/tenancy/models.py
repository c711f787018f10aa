"""Tenants: the global team, regional offices, national and local teams, as a tree."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields
from tortoise.models import Model

from hub.core.config import TrustedDocumentsMode


class Language(StrEnum):
    """The six official languages of the UN (GraphQL's enum: ``hub.i18n.languages``)."""

    AR = "ar"
    EN = "en"
    ES = "es"
    FR = "fr"
    RU = "ru"
    ZH = "zh"


UN_LANGUAGES = tuple(language.value for language in Language)


class TenantLevel(StrEnum):
    GLOBAL = "global"
    REGIONAL = "regional"
    NATIONAL = "national"
    LOCAL = "local"

    @property
    def depth(self) -> int:
        return list(TenantLevel).index(self)


class Tenant(Model):
    id = fields.UUIDField(primary_key=True)
    slug = fields.CharField(max_length=63, unique=True)
    name = fields.CharField(max_length=200)
    level = fields.CharEnumField(TenantLevel, max_length=16)
    parent: fields.ForeignKeyNullableRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="children", null=True, on_delete=fields.RESTRICT
    )
    # The materialised path (/global/asia-pacific/bangladesh) is the Casbin domain and
    # lets a subtree be selected with one indexed prefix comparison.
    path = fields.CharField(max_length=500, unique=True)
    default_language = fields.CharField(max_length=8, default="en")
    languages: list[str] = fields.JSONField(default=list)
    # The hub that owns the tenant and writes its records; empty for the hub whose database
    # this is. Elsewhere its records are read-only copies (docs/federation.md).
    # The database's default too: the column was added to tenants that were there already.
    hub = fields.CharField(max_length=63, default="", db_default="")
    # Null follows HUB_TRUSTED_DOCUMENTS; a value overrides it for this tenant only.
    trusted_documents = fields.CharEnumField(TrustedDocumentsMode, max_length=16, null=True)
    created_at = fields.DatetimeField(auto_now_add=True)
    updated_at = fields.DatetimeField(auto_now=True)

    parent_id: str | None

    class Meta:
        table = "tenant"
        ordering = ("path",)

    def __str__(self) -> str:
        return self.path
