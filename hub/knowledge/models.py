"""Knowledge resources: documents and links shared with the network for its knowledge
platform, tagged by theme and language."""

from __future__ import annotations

from enum import StrEnum

from tortoise import fields

from hub.core.classification import Classification
from hub.core.model_mixins import (
    Archivable,
    Classified,
    MultilingualTitle,
    TenantOwned,
    Timestamped,
    classified_as,
    optional_reference,
    tenant_key,
)
from hub.directory.models import Organisation
from hub.i18n.text import Translations


class KnowledgeKind(StrEnum):
    DOCUMENT = "document"
    LINK = "link"
    DATASET = "dataset"
    VIDEO = "video"
    TRAINING = "training"


class KnowledgeResource(TenantOwned, MultilingualTitle, Classified, Timestamped, Archivable):
    """A document or link shared with the network, tagged by theme and language."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("knowledge_resources")
    # The organisation that shared it, or None when the network itself did.
    shared_by: fields.ForeignKeyNullableRelation[Organisation] = optional_reference(
        "hub.Organisation", "knowledge_resources"
    )
    # Translatable texts are held as {language: text}, as for consultations.
    description: Translations = fields.JSONField(default=dict)
    kind = fields.CharEnumField(KnowledgeKind, max_length=16)
    url = fields.CharField(max_length=2000)
    # The UN languages the resource itself is available in, in the order of the enumeration,
    # and the same as ",ar,en," so that a language filter is a LIKE in SQL on both backends.
    languages: list[str] = fields.JSONField(default=list)
    language_codes = fields.CharField(max_length=32, default="")
    themes: list[str] = fields.JSONField(default=list)
    published_on = fields.DateField(null=True)
    # published_on, or the earliest date when there is none: keyset pages need a value.
    published_order = fields.DateField()
    classification = classified_as(Classification.PUBLIC)

    shared_by_id: str | None

    class Meta:
        table = "knowledge_resource"
        indexes = (
            ("tenant_id", "title_index"),
            ("tenant_id", "published_order"),
            ("tenant_id", "created_at"),
            ("shared_by_id", "created_at"),
        )
