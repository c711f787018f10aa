"""Demo initiatives. The consultation of 4 April 2019 invited stakeholders to share their
actions on implementing the compact and said the network would share advance notice of its
events and welcomes the same from them. The meeting of mayors and local authorities that the
IMRF co-facilitators planned is from its summary (its dates are not: "more details to
follow"). The rest, marked (demo), are invented examples at global, national and local level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from hub.access.classification import Classification
from hub.i18n.text import Translations, index_text
from hub.initiatives.models import Initiative, InitiativeKind, InitiativeStatus
from hub.initiatives.service import TAG_SUBJECT, searchable_text
from hub.stakeholders.models import Organisation
from hub.tenancy.models import Tenant
from hub.themes.tags import retag
from hub.themes.taxonomy import Theme, stored

T = Theme
S = InitiativeStatus
C = Classification
ACTION = InitiativeKind.ACTION
EVENT = InitiativeKind.EVENT


@dataclass(frozen=True)
class DemoInitiative:
    tenant: str
    # None: the network itself gives notice.
    organisation: str | None
    title: Translations
    summary: str
    kind: InitiativeKind
    status: InitiativeStatus
    country: str
    themes: tuple[Theme, ...]
    starts_on: date
    ends_on: date | None = None
    event_on: date | None = None
    venue: str = ""
    online: bool = False
    advance_notice_on: date | None = None
    classification: Classification = C.NETWORK


MAYORS = "Meeting of mayors and local authorities ahead of the IMRF zero draft"

DEMO_INITIATIVES = (
    DemoInitiative(
        "global",
        None,
        {
            "en": MAYORS,
            "es": "Reunión de alcaldes y autoridades locales antes del borrador cero del FEMI",
            "fr": "Réunion des maires et des autorités locales avant l'avant-projet du FEMI",
        },
        "The IMRF co-facilitators (Spain and Bangladesh) plan to convene a meeting of mayors "
        "and local authorities in Geneva, ahead of the dissemination of the zero draft "
        "expected in May 2019. More details to follow.",
        EVENT,
        S.PLANNED,
        "CH",
        (T.HUMAN_RIGHTS, T.SUSTAINABLE_DEVELOPMENT),
        date(2019, 4, 15),
        date(2019, 5, 31),
        venue="Geneva",
        advance_notice_on=date(2019, 4, 4),
        classification=C.PUBLIC,
    ),
    DemoInitiative(
        "global",
        "Global federation of trade unions (demo)",
        {"en": "Trade-union dialogue on decent work and labour migration (demo)"},
        "A dialogue of trade unions from countries of origin and destination on decent work "
        "and labour rights in GCM implementation, announced to the network (demo).",
        EVENT,
        S.PLANNED,
        "BE",
        (T.DECENT_WORK, T.LABOUR_MOBILITY),
        date(2019, 6, 20),
        date(2019, 6, 20),
        event_on=date(2019, 6, 20),
        venue="Brussels (demo)",
        online=True,
        advance_notice_on=date(2019, 4, 25),
    ),
    DemoInitiative(
        "bangladesh",
        "Migrant workers' rights network (demo)",
        {"en": "Pre-departure orientation on fair recruitment (demo)"},
        "Orientation sessions for workers leaving for the Gulf on recruitment fees, contracts "
        "and where to seek help, as part of national GCM implementation (demo).",
        ACTION,
        S.ONGOING,
        "BD",
        (T.DECENT_WORK, T.REGULAR_PATHWAYS),
        date(2019, 2, 1),
    ),
    DemoInitiative(
        "bangladesh",
        "National Human Rights Commission, Bangladesh",
        {"en": "Review of access to justice for migrant workers (demo)"},
        "A review of complaints by migrant workers and their families, and of the remedies "
        "they reached (demo).",
        ACTION,
        S.COMPLETED,
        "BD",
        (T.ACCESS_TO_JUSTICE, T.HUMAN_RIGHTS),
        date(2018, 7, 1),
        date(2019, 3, 31),
        classification=C.PUBLIC,
    ),
    DemoInitiative(
        "bangladesh",
        "Migrant workers' rights network (demo)",
        {"en": "Legal aid for organisers facing pressure (demo)"},
        "Legal aid for organisers whose meetings on recruitment fees were cancelled (demo).",
        ACTION,
        S.ONGOING,
        "BD",
        (T.CIVIC_SPACE, T.ACCESS_TO_JUSTICE),
        date(2019, 3, 15),
        classification=C.RESTRICTED,
    ),
    DemoInitiative(
        "dhaka",
        "Returnee migrants' association (demo)",
        {"en": "Reintegration help desk for returning migrants in Dhaka (demo)"},
        "A help desk at the airport and in two wards of Dhaka for migrants returning home: "
        "jobs, skills recognition and psychosocial support, at the local level where the bulk "
        "of implementation takes place (demo).",
        ACTION,
        S.ONGOING,
        "BD",
        (T.REINTEGRATION,),
        date(2019, 3, 1),
    ),
    DemoInitiative(
        "spain",
        "Federación de asociaciones de personas migrantes (demo)",
        {
            "en": "Local action plans on inclusion with municipalities (demo)",
            "es": "Planes de acción local de inclusión con los municipios (demo)",
        },
        "Working with municipalities on local plans against discrimination and for the "
        "integration of migrants, reported as implementation of the GCM (demo).",
        ACTION,
        S.PLANNED,
        "ES",
        (T.NON_DISCRIMINATION, T.REINTEGRATION),
        date(2019, 6, 1),
        date(2020, 5, 31),
        classification=C.PUBLIC,
    ),
)


async def load_initiatives(tenants: dict[str, Tenant]) -> int:
    """Create the demo initiatives that are missing."""
    created = 0
    for demo in DEMO_INITIATIVES:
        tenant = tenants[demo.tenant]
        title_index = index_text(demo.title, tenant.default_language)
        if await Initiative.exists(tenant=tenant, title_index=title_index):
            continue
        organisation = None
        if demo.organisation is not None:
            organisation = await Organisation.get(tenant=tenant, name=demo.organisation)
        summary = {"en": demo.summary}
        row = await Initiative.create(
            tenant=tenant,
            organisation=organisation,
            title=demo.title,
            title_index=title_index,
            summary=summary,
            search_text=searchable_text(demo.title, summary),
            kind=demo.kind,
            status=demo.status,
            country=demo.country,
            themes=stored(list(demo.themes)),
            starts_on=demo.starts_on,
            ends_on=demo.ends_on,
            event_on=demo.event_on,
            venue=demo.venue,
            online=demo.online,
            advance_notice_on=demo.advance_notice_on,
            classification=demo.classification,
        )
        await retag(TAG_SUBJECT, row.id, tenant.id, demo.themes)
        created += 1
    return created
