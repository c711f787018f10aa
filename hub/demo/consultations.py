"""Demo consultations: the consultation of 4 April 2019 in Geneva, with its four working
sessions, the recommendations its summary records and participants of the kinds it lists;
and the meeting of mayors and local authorities that the IMRF co-facilitators planned.
Translations other than English, the notice date and who attended are demo data."""

from __future__ import annotations

from datetime import date

from hub.consultations.models import (
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    Participant,
    ParticipantRole,
    WorkingSession,
)
from hub.core.classification import Classification
from hub.demo.tables import titled
from hub.directory.models import Organisation
from hub.i18n.text import Translations, searchable_text
from hub.tenancy.models import Tenant

GENEVA_TITLE: Translations = {
    "en": "Consultation of the UN Network on Migration with civil society and other stakeholders",
    "es": "Consulta de la Red de las Naciones Unidas sobre la Migración con la sociedad civil "
    "y otras partes interesadas",
    "fr": "Consultation du Réseau des Nations Unies sur les migrations avec la société civile "
    "et d'autres parties prenantes",
}
GENEVA_SUMMARY: Translations = {
    "en": "Attended by 96 participants representing civil society organizations and other "
    "stakeholders, including trade unions, the private sector and business, national human "
    "rights institutions, the IFRC and ICRC, and the UN Special Rapporteur on the human rights "
    "of migrants, as well as members of the Executive Committee of the Network. The first of "
    "many such exchanges to follow.",
}
RECORDING = (
    "https://iomint-my.sharepoint.com/:f:/g/personal/ffischer_iom_int/"
    "Emx-XuO-RSxJuN5VQ8mR9y4BIDSblmqLXYCtfevrpohkzA?e=lc9RJS"
)

# (number, title, framing questions, key recommendations)
SESSIONS: tuple[tuple[int, str, tuple[str, ...], tuple[str, ...]], ...] = (
    (
        1,
        "Ensuring effective on-going engagement between the Network and civil society",
        (
            "How can the Network ensure meaningful, timely, inclusive and transparent "
            "engagement of civil society and other stakeholders?",
        ),
        (
            "Develop an on-going dialogue beyond UN headquarters, at the regional, national "
            "and local levels, including stakeholder constituencies of all UN partners.",
            "Share advance notice of planned events and initiatives, both ways.",
            "Reflect the proposals for the Liaison Officer in the terms of reference and an "
            "open, transparent recruitment with due regard to gender and geographic balance.",
            "An open invitation to contribute proposals, situation-specific or thematic, and "
            "to share actions implementing the GCM.",
            "Consider advocating on behalf of civil society where its space is constrained, "
            "within the Network's terms of reference.",
        ),
    ),
    (
        2,
        "The work plan and priorities of the Network",
        ("What should the work plan of the Network prioritise?",),
        (
            "Stronger links in the work plan to gender, mixed migration and "
            "non-discrimination, and language reflecting a migrant-centred, human "
            "rights-based approach.",
            "An iterative work plan with immediate priorities and long-term activities.",
        ),
    ),
    (
        3,
        "The start-up fund of the capacity building mechanism",
        ("How will the Fund be established, and how will civil society take part?",),
        (
            "Establish the Fund through MoUs signed by the relevant UN agencies and MPTFO.",
            "Formal outreach to donor capitals, with a first-year target of US$25 million.",
            "Establish the Steering Committee and a manual of standard operating procedures.",
            "Civil society and other stakeholders participate in the Steering Committee.",
        ),
    ),
    (
        4,
        "Focused plenary discussions on key work streams",
        (
            "The 'voice' of the Network: when and how might it speak on behalf of the UN system?",
            "The IMRF: which models to consider?",
            "How to deliver on the connection hub and knowledge platform called for in the GCM?",
            "How to contribute to implementation, follow-up and review at global, regional and "
            "national levels?",
        ),
        (
            "Develop a communication strategy drawing on the proposals made.",
            "Give effect to paragraph 53 of the GCM: multi-stakeholder involvement in the IMRF, "
            "including partners without ECOSOC accreditation.",
            "Consider a dedicated work stream on the knowledge platform and connection hub.",
        ),
    ),
)

# (organisation, role, attended)
PARTICIPANTS = (
    ("International Federation of Red Cross and Red Crescent Societies", "participant", True),
    ("International Committee of the Red Cross", "participant", True),
    ("UN Special Rapporteur on the human rights of migrants", "speaker", True),
    ("Global federation of trade unions (demo)", "speaker", True),
    ("Business network on responsible recruitment (demo)", "participant", True),
    ("National Human Rights Commission, Bangladesh", "participant", True),
    ("Federación de asociaciones de personas migrantes (demo)", "observer", False),
)

MAYORS_TITLE: Translations = {
    "en": "Meeting of mayors and local authorities convened by the IMRF co-facilitators",
}


async def load_consultations(tenants: dict[str, Tenant]) -> int:
    created = 0
    global_tenant = tenants["global"]
    if not await Consultation.exists(tenant=global_tenant, title_index=GENEVA_TITLE["en"]):
        # Its summary is searched too.
        columns = titled(global_tenant, GENEVA_TITLE)
        columns["search_text"] = searchable_text(GENEVA_TITLE, GENEVA_SUMMARY)
        geneva = await Consultation.create(
            tenant=global_tenant,
            **columns,
            summary=GENEVA_SUMMARY,
            kind=ConsultationKind.MULTI_STAKEHOLDER,
            status=ConsultationStatus.HELD,
            starts_on=date(2019, 4, 4),
            ends_on=date(2019, 4, 4),
            venue="International Conference Centre Geneva (CICG), Room 4, Rue de Varembé 17, "
            "1211 Genève",
            advance_notice_on=date(2019, 3, 7),
            recording_url=RECORDING,
            classification=Classification.PUBLIC,
        )
        for number, title, questions, recommendations in SESSIONS:
            await WorkingSession.create(
                tenant=global_tenant,
                consultation=geneva,
                number=number,
                title={"en": title},
                framing_questions=list(questions),
                key_recommendations=list(recommendations),
                classification=Classification.PUBLIC,
            )
        organisations = {o.name: o for o in await Organisation.all()}
        for name, role, attended in PARTICIPANTS:
            await Participant.create(
                tenant=global_tenant,
                consultation=geneva,
                organisation=organisations[name],
                role=ParticipantRole(role),
                attended=attended,
                classification=Classification.PUBLIC,
            )
        created += 1
    bangladesh = tenants["bangladesh"]
    if not await Consultation.exists(tenant=bangladesh, title_index=MAYORS_TITLE["en"]):
        await Consultation.create(
            tenant=bangladesh,
            **titled(bangladesh, MAYORS_TITLE),
            kind=ConsultationKind.MEETING,
            status=ConsultationStatus.PLANNED,
            starts_on=date(2019, 5, 10),
            ends_on=date(2019, 5, 10),
            venue="Geneva",
            classification=Classification.NETWORK,
        )
        created += 1
    return created
