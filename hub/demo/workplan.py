"""Demo priorities of the work plan and the organisations taking part in work streams.
The priorities are those the consultation's summary names as next steps; who takes part
where, and since when, is demo data."""

from __future__ import annotations

from datetime import date

from hub.directory.models import Organisation
from hub.i18n.text import Translations
from hub.tenancy.models import Tenant
from hub.themes.tags import retag
from hub.themes.taxonomy import Theme, stored
from hub.workplan.models import (
    Horizon,
    MemberRole,
    Priority,
    PriorityStatus,
    WorkStream,
    WorkStreamMembership,
)
from hub.workplan.priorities import TAG_SUBJECT, fill_index

T = Theme
H = Horizon
P = PriorityStatus
VOICE = "The voice of the Network"
IMRF = "The International Migration Review Forum (IMRF): models to consider"
HUB = "Connection hub and knowledge platform"

# (tenant, title, summary, horizon, status, themes, work streams)
PRIORITIES: tuple[
    tuple[str, Translations, str, Horizon, PriorityStatus, tuple[Theme, ...], tuple[str, ...]],
    ...,
] = (
    (
        "global",
        {
            "en": "A communication strategy for the voice of the Network",
            "fr": "Une stratégie de communication pour la voix du Réseau",
        },
        "A principled, human rights-based and pragmatic approach on when and how the voice of "
        "the Network is raised.",
        H.IMMEDIATE,
        P.AGREED,
        (T.HUMAN_RIGHTS, T.CIVIC_SPACE),
        (VOICE,),
    ),
    (
        "global",
        {"en": "Formal outreach to donor capitals for the start-up fund"},
        "Outreach by the Network Coordinator towards the first-year target of US$25 million.",
        H.IMMEDIATE,
        P.IN_PROGRESS,
        (),
        (),
    ),
    (
        "global",
        {"en": "Establish the Steering Committee of the Fund and its operating manual"},
        "Key actions in the short-medium term: the Steering Committee, with civil society, and "
        "a manual of standard operating procedures.",
        H.SHORT_TO_MEDIUM,
        P.IN_PROGRESS,
        (),
        (),
    ),
    (
        "global",
        {"en": "Recruit the Liaison Officer openly and transparently"},
        "With due regard to gender and geographic balance, the vacancy disseminated beyond the "
        "standard UN platforms.",
        H.IMMEDIATE,
        P.AGREED,
        (T.GENDER, T.NON_DISCRIMINATION),
        (),
    ),
    (
        "global",
        {"en": "Multi-stakeholder involvement in the IMRF at all levels"},
        "Including partners without ECOSOC accreditation, drawing on existing review processes.",
        H.SHORT_TO_MEDIUM,
        P.AGREED,
        (T.HUMAN_RIGHTS,),
        (IMRF,),
    ),
    (
        "global",
        {"en": "A dedicated work stream on the knowledge platform and connection hub"},
        "The Network will consider it, with members within and beyond the Executive Committee.",
        H.SHORT_TO_MEDIUM,
        P.PROPOSED,
        (T.DATA_PROTECTION,),
        (HUB,),
    ),
    (
        "global",
        {"en": "Alignment with the 2030 Agenda and SDG implementation plans"},
        "Proposed by civil society for consideration in the work plan.",
        H.LONG_TERM,
        P.PROPOSED,
        (T.SUSTAINABLE_DEVELOPMENT,),
        (),
    ),
    (
        "asia-pacific",
        {"en": "Dialogue beyond headquarters: regional, national and local"},
        "Including stakeholder constituencies of all UN partners (demo).",
        H.LONG_TERM,
        P.AGREED,
        (),
        ("Regional engagement plan with stakeholder constituencies",),
    ),
)

# (work stream, organisation, role), all since the consultation
MEMBERS = (
    (VOICE, "UN Special Rapporteur on the human rights of migrants", MemberRole.OBSERVER),
    (VOICE, "Global federation of trade unions (demo)", MemberRole.MEMBER),
    (IMRF, "Global federation of trade unions (demo)", MemberRole.MEMBER),
    (HUB, "Business network on responsible recruitment (demo)", MemberRole.MEMBER),
    (
        "National GCM implementation with civil society",
        "Migrant workers' rights network (demo)",
        MemberRole.LEAD,
    ),
)
SINCE = date(2019, 4, 4)


async def load_work_plan(tenants: dict[str, Tenant]) -> int:
    created = 0
    streams = {s.title: s for s in await WorkStream.all()}
    for slug, title, summary, horizon, status, themes, stream_titles in PRIORITIES:
        tenant = tenants[slug]
        if await Priority.exists(tenant=tenant, title_index=title["en"]):
            continue
        priority = Priority(
            tenant=tenant,
            title=title,
            summary={"en": summary},
            horizon=horizon,
            status=status,
            themes=stored(list(themes)),
            work_stream_ids=sorted(str(streams[t].id) for t in stream_titles),
        )
        fill_index(priority, tenant.default_language)
        await priority.save()
        await retag(TAG_SUBJECT, priority.id, tenant.id, themes)
        created += 1
    organisations = {o.name: o for o in await Organisation.all()}
    for stream_title, organisation_name, role in MEMBERS:
        stream = streams[stream_title]
        organisation = organisations[organisation_name]
        if await WorkStreamMembership.exists(work_stream=stream, organisation=organisation):
            continue
        await WorkStreamMembership.create(
            tenant_id=stream.tenant_id,
            work_stream=stream,
            organisation=organisation,
            role=role,
            since=SINCE,
            classification=stream.classification,
        )
        created += 1
    return created
