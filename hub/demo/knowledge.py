"""Demo knowledge resources: what the consultation of 4 April 2019 produced or relied on
(its summary report, its audio recording, the compact itself, the network's terms of
reference) and resources stakeholders shared. Links on example.org and entries marked
(demo) are invented."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hub.access.classification import Classification
from hub.i18n.languages import Language
from hub.i18n.text import Translations, index_text
from hub.knowledge.models import KnowledgeKind, KnowledgeResource
from hub.knowledge.service import TAG_SUBJECT, UNDATED, language_columns, searchable_text
from hub.stakeholders.models import Organisation
from hub.tenancy.models import Tenant
from hub.themes.tags import retag
from hub.themes.taxonomy import Theme, stored

T = Theme
K = KnowledgeKind
C = Classification
L = Language


@dataclass(frozen=True)
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
    classification: Classification = C.PUBLIC


SUMMARY_REPORT = (
    "Summary report of outcomes and next steps: consultation of the UN Network on Migration "
    "with civil society and other stakeholders"
)
RECORDING = (
    "https://iomint-my.sharepoint.com/:f:/g/personal/ffischer_iom_int/"
    "Emx-XuO-RSxJuN5VQ8mR9y4BIDSblmqLXYCtfevrpohkzA?e=lc9RJS"
)
GCM = "Global Compact for Safe, Orderly and Regular Migration (A/RES/73/195)"

DEMO_RESOURCES = (
    DemoResource(
        "global",
        {"en": SUMMARY_REPORT},
        "Select key recommendations of the consultation held in Geneva on 4 April 2019, on "
        "engagement with civil society, the work plan, the start-up fund and key work "
        "streams, with the next steps (demo link).",
        K.DOCUMENT,
        "https://network.example.org/knowledge/consultation-2019-04-04-summary.pdf",
        (L.EN,),
        (T.HUMAN_RIGHTS, T.CIVIC_SPACE),
    ),
    DemoResource(
        "global",
        {"en": "Audio recording of the consultation of 4 April 2019"},
        "An audio recording of the full consultation, as given in its summary report.",
        K.LINK,
        RECORDING,
        (L.EN,),
        (T.HUMAN_RIGHTS,),
        date(2019, 4, 4),
    ),
    DemoResource(
        "global",
        {
            "en": GCM,
            "es": "Pacto Mundial para la Migración Segura, Ordenada y Regular (A/RES/73/195)",
            "fr": "Pacte mondial pour des migrations sûres, ordonnées et régulières (A/RES/73/195)",
        },
        "The compact adopted by the General Assembly, whose paragraph 53 calls for "
        "multi-stakeholder involvement in the International Migration Review Forum.",
        K.DOCUMENT,
        "https://undocs.org/A/RES/73/195",
        tuple(Language),
        (T.HUMAN_RIGHTS, T.REGULAR_PATHWAYS, T.SAVING_LIVES, T.SUSTAINABLE_DEVELOPMENT),
        date(2019, 1, 11),
    ),
    DemoResource(
        "global",
        {"en": "Terms of reference of the UN Network on Migration"},
        "How the network engages civil society and other stakeholders, the Liaison Officer "
        "and the work plan (demo link).",
        K.DOCUMENT,
        "https://network.example.org/knowledge/terms-of-reference",
        (L.EN, L.FR),
        (T.CIVIC_SPACE,),
        classification=C.NETWORK,
    ),
    DemoResource(
        "bangladesh",
        {"en": "Fair recruitment: a guide for migrant workers (demo)"},
        "A training module on recruitment fees, contracts and complaints, for orientation "
        "sessions before departure (demo).",
        K.TRAINING,
        "https://rights-network.example.org/fair-recruitment-guide",
        (L.EN,),
        (T.DECENT_WORK, T.REGULAR_PATHWAYS),
        date(2019, 3, 15),
        shared_by="Migrant workers' rights network (demo)",
        classification=C.NETWORK,
    ),
    DemoResource(
        "spain",
        {
            "es": "Guía de recursos para personas migrantes (demo)",
            "en": "Guide to services for migrants (demo)",
        },
        "Services for migrants in Spanish municipalities: health, legal aid and language "
        "courses (demo).",
        K.DOCUMENT,
        "https://federacion-migrantes.example.org/guia",
        (L.ES,),
        (T.REINTEGRATION, T.NON_DISCRIMINATION, T.HEALTH),
        date(2019, 2, 20),
        shared_by="Federación de asociaciones de personas migrantes (demo)",
    ),
)


async def load_knowledge(tenants: dict[str, Tenant]) -> int:
    """Create the demo knowledge resources that are missing."""
    created = 0
    for demo in DEMO_RESOURCES:
        tenant = tenants[demo.tenant]
        title_index = index_text(demo.title, tenant.default_language)
        if await KnowledgeResource.exists(tenant=tenant, title_index=title_index):
            continue
        organisation = None
        if demo.shared_by is not None:
            organisation = await Organisation.get(tenant=tenant, name=demo.shared_by)
        description = {"en": demo.description}
        languages, codes = language_columns(demo.languages)
        row = await KnowledgeResource.create(
            tenant=tenant,
            shared_by=organisation,
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
