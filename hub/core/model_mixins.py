"""Columns that many tables have in common, declared once as abstract models.

Tortoise puts an abstract base's fields before the model's own, and a field the model
declares again keeps the base's place; neither changes the table, which the committed
migrations define. The models of one base share its field objects (so a field's ``model``
names only the last of them: nothing here reads it). A foreign key cannot live in a base,
as Tortoise gives no way to name its reverse relation per model: each model declares its
tenant through ``tenant_key``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tortoise import fields
from tortoise.models import Model

from hub.core.classification import Classification

if TYPE_CHECKING:
    from hub.i18n.text import Translations, Versions
    from hub.tenancy.models import Tenant


def reference(model: str, related_name: str) -> fields.ForeignKeyRelation[Any]:
    """A row of ``model`` ("hub.Fund") that this one belongs to, which cannot be deleted
    while rows refer to it; ``related_name`` is its list of such rows."""
    return fields.ForeignKeyField(model, related_name=related_name, on_delete=fields.RESTRICT)


def optional_reference(model: str, related_name: str) -> fields.ForeignKeyNullableRelation[Any]:
    """As ``reference``, for a row that may refer to none."""
    return fields.ForeignKeyField(
        model, related_name=related_name, null=True, on_delete=fields.RESTRICT
    )


def tenant_key(related_name: str) -> fields.ForeignKeyRelation[Tenant]:
    """The tenant a row belongs to; ``related_name`` is the tenant's list of such rows."""
    return reference("hub.Tenant", related_name)


def classified_as(
    default: Classification = Classification.NETWORK,
) -> fields.Field[Classification]:
    """Who may read a row, for a table whose rows start at another level than the network."""
    return fields.CharEnumField(Classification, max_length=16, default=default)


class TenantOwned(Model):
    """A row of one tenant, visible only inside that tenant's subtree."""

    tenant: fields.ForeignKeyRelation[Tenant]
    tenant_id: str

    class Meta:
        abstract = True


class Classified(Model):
    classification = classified_as()

    class Meta:
        abstract = True


class Created(Model):
    created_at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        abstract = True


class Updated(Model):
    updated_at = fields.DatetimeField(auto_now=True)

    class Meta:
        abstract = True


class Timestamped(Created, Updated):
    class Meta:
        abstract = True


class Archivable(Model):
    archived_at = fields.DatetimeField(null=True)

    class Meta:
        abstract = True


class Searchable(Model):
    # Every translation of the row's texts, for a search that finds a word in any language.
    search_text = fields.TextField(default="")

    class Meta:
        abstract = True


class Translatable(Searchable):
    """Texts written in one language, with their versions in others:
    ``{"fr": {"title": ..., "description": ...}}``."""

    language = fields.CharField(max_length=2, default="en")
    translations: Versions = fields.JSONField(default=dict)

    class Meta:
        abstract = True


class MultilingualTitle(Searchable):
    """A title held as ``{language: text}``, and the text that orders it in SQL."""

    title: Translations = fields.JSONField(default=dict)
    title_index = fields.CharField(max_length=300)

    class Meta:
        abstract = True


class Transition(Model):
    """One step of a record's workflow: who moved it, when, and why; the model adds where
    from and where to, in its own statuses."""

    actor = fields.CharField(max_length=254)
    note = fields.TextField(default="")
    at = fields.DatetimeField(auto_now_add=True)

    class Meta:
        abstract = True
