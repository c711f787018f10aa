"""Demo knowledge resources, in knowledge.toml: what the consultation of 4 April 2019
produced or relied on, and resources stakeholders shared."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hub.core.classification import Classification
from hub.demo.tables import missing, organisation_named, read_rows
from hub.i18n.languages import Language
from hub.i18n.text import Translations, searchable_text
from hub.knowledge.models import KnowledgeKind, KnowledgeResource
from hub.knowledge.service import TAG_SUBJECT, UNDATED, language_columns
from hub.tenancy.models import Tenant
from hub.themes.tags import retag
from hub.themes.taxonomy import Theme, stored


@dataclass(frozen=True, kw_only=True)
class DemoResource:
    tenant: str
    title: Translations
    description: str
    kind: KnowledgeKind
    url: str
    languages: tuple[Language, ...]
    themes: tuple[Theme, ...]
    published_on: date | None = None
    # None: shared by the network itself.
    shared_by: str | None = None
    classification: Classification = Classification.PUBLIC


DEMO_RESOURCES = read_rows(DemoResource, "knowledge.toml", "resource")
SUMMARY_REPORT = DEMO_RESOURCES[0].title["en"]
GCM = DEMO_RESOURCES[2].title["en"]


async def load_knowledge(tenants: dict[str, Tenant]) -> int:
    """Create the demo knowledge resources that are missing."""
    created = 0
    async for demo, tenant, title_index in missing(KnowledgeResource, DEMO_RESOURCES, tenants):
        description = {"en": demo.description}
        languages, codes = language_columns(demo.languages)
        row = await KnowledgeResource.create(
            tenant=tenant,
            shared_by=await organisation_named(tenant, demo.shared_by),
            title=demo.title,
            title_index=title_index,
            description=description,
            search_text=searchable_text(demo.title, description),
            kind=demo.kind,
            url=demo.url,
            languages=languages,
            language_codes=codes,
            themes=stored(list(demo.themes)),
            published_on=demo.published_on,
            published_order=demo.published_on or UNDATED,
            classification=demo.classification,
        )
        await retag(TAG_SUBJECT, row.id, tenant.id, demo.themes)
        created += 1
    return created
