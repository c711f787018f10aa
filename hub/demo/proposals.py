"""Demo proposals: those the consultation of 4 April 2019 records. Which organisation made
each one is demo data; the summary names constituencies, not authors."""

from __future__ import annotations

from dataclasses import dataclass, field

from hub.consultations.models import Consultation, WorkingSession
from hub.core.classification import Classification
from hub.demo.consultations import GENEVA_TITLE
from hub.directory.models import Organisation
from hub.proposals.models import (
    Endorsement,
    Proposal,
    ProposalScope,
    ProposalStatus,
    ProposalTarget,
    ProposalTransition,
)
from hub.proposals.service import TAG_SUBJECT
from hub.tenancy.models import Tenant
from hub.themes.tags import retag
from hub.themes.taxonomy import Theme, stored
from hub.workplan.models import WorkStream

T = Theme
S = ProposalStatus
REVIEWER = "coordinator@network.example.org"
WORK_PLAN_RESPONSE = (
    "The Network will take into account the proposals flowing from the Consultation in "
    "further developing the work plan (summary of the consultation, 4 April 2019)."
)


@dataclass(frozen=True)
class DemoProposal:
    tenant: str
    organisation: str
    title: str
    body: str
    target: ProposalTarget
    themes: tuple[Theme, ...]
    status: ProposalStatus = S.SUBMITTED
    response: str = ""
    work_stream: str | None = None
    scope: ProposalScope = ProposalScope.THEMATIC
    classification: Classification = Classification.NETWORK
    submitter: str = "secretariat@network.example.org"
    # Versions in other languages (translations are demo data).
    versions: dict[str, dict[str, str]] = field(default_factory=dict)
    path: tuple[ProposalStatus, ...] = field(init=False)

    def __post_init__(self) -> None:
        steps = [S.SUBMITTED]
        if self.status is not S.SUBMITTED:
            steps.append(S.UNDER_REVIEW)
        if self.status not in (S.SUBMITTED, S.UNDER_REVIEW):
            steps.append(self.status)
        object.__setattr__(self, "path", tuple(steps))


UNIONS = "Global federation of trade unions (demo)"
BUSINESS = "Business network on responsible recruitment (demo)"
MIGRANT_WORKERS = "Migrant workers' rights network (demo)"

DEMO_PROPOSALS = (
    DemoProposal(
        "global",
        UNIONS,
        "Stronger links in the work plan to gender, mixed migration and non-discrimination",
        "Civil society and other stakeholders suggested stronger links in the work plan to "
        "gender, mixed migration and non-discrimination.",
        ProposalTarget.WORK_PLAN,
        (T.GENDER, T.MIXED_MIGRATION, T.NON_DISCRIMINATION),
        S.REFLECTED,
        WORK_PLAN_RESPONSE,
    ),
    DemoProposal(
        "global",
        "UN Special Rapporteur on the human rights of migrants",
        "Language reflecting a migrant-centred, human rights-based approach",
        "Add language to the work plan that better reflects a migrant-centred and human "
        "rights-based approach in implementing the GCM.",
        ProposalTarget.WORK_PLAN,
        (T.HUMAN_RIGHTS,),
        S.REFLECTED,
        WORK_PLAN_RESPONSE,
    ),
    DemoProposal(
        "global",
        "International Committee of the Red Cross",
        "Complementarity with the Global Compact on Refugees",
        "Ensure complementarity between GCM-related work and the work undertaken in the "
        "context of the Global Compact on Refugees.",
        ProposalTarget.WORK_PLAN,
        (T.REFUGEE_COMPACT_COMPLEMENTARITY, T.MIXED_MIGRATION),
        S.UNDER_REVIEW,
    ),
    DemoProposal(
        "global",
        "International Federation of Red Cross and Red Crescent Societies",
        "Climate change, health and saving the lives of migrants",
        "Address climate change, health and migration, and saving the lives of migrants.",
        ProposalTarget.WORK_PLAN,
        (T.CLIMATE_CHANGE, T.HEALTH, T.SAVING_LIVES),
        S.UNDER_REVIEW,
    ),
    DemoProposal(
        "global",
        BUSINESS,
        "Responsible engagement with the private sector on digital technologies",
        "Responsible engagement with the private sector, such as on digital technologies, "
        "and data protection.",
        ProposalTarget.WORK_PLAN,
        (T.DIGITAL_TECHNOLOGIES, T.DATA_PROTECTION),
    ),
    DemoProposal(
        "global",
        UNIONS,
        "Decent work, labour rights and the value of labour mobility",
        "The direct relationship between labour mobility and economic growth, prosperity and "
        "human rights, the value of human mobility for its own sake, and decent work and "
        "labour rights.",
        ProposalTarget.WORK_PLAN,
        (T.DECENT_WORK, T.LABOUR_MOBILITY),
        S.ACCEPTED,
        "Reflected in the regional work stream on decent work and labour rights (demo).",
    ),
    DemoProposal(
        "global",
        "UN Special Rapporteur on the human rights of migrants",
        "Develop the voice of the Network as a priority",
        "Develop the voice of the Network as an important priority: a whole-of-system 'one-UN' "
        "approach and strong, principled public statements on the human rights of migrants, "
        "particularly where rights are not respected or civic space is limited.",
        ProposalTarget.WORK_STREAM,
        (T.HUMAN_RIGHTS, T.CIVIC_SPACE),
        S.ACCEPTED,
        "A communication strategy will be developed as part of the Network's work plan that "
        "draws on the proposals made.",
        work_stream="The voice of the Network",
    ),
    DemoProposal(
        "global",
        UNIONS,
        "Partners without ECOSOC accreditation in the IMRF",
        "Give effect to paragraph 53 of the GCM: multi-stakeholder involvement in the IMRF at "
        "all levels, including partners without ECOSOC accreditation.",
        ProposalTarget.IMRF,
        (T.HUMAN_RIGHTS,),
        S.UNDER_REVIEW,
    ),
    DemoProposal(
        "global",
        "International Federation of Red Cross and Red Crescent Societies",
        "Civil society in standing up the knowledge platform and connection hub",
        "Strengthened engagement with civil society and other stakeholders in standing up the "
        "knowledge platform and connection hub.",
        ProposalTarget.WORK_STREAM,
        (T.DATA_PROTECTION,),
        S.REFLECTED,
        "The Network will consider creating a dedicated work stream on this issue.",
        work_stream="Connection hub and knowledge platform",
    ),
    DemoProposal(
        "global",
        UNIONS,
        "Civil-society seats on the Fund's Steering Committee",
        "Civil society and other stakeholders contribute to and participate in the Steering "
        "Committee of the start-up fund.",
        ProposalTarget.FUND,
        (T.HUMAN_RIGHTS,),
        S.ACCEPTED,
        "Civil society and other stakeholders will participate in the Fund's Steering "
        "Committee, within the parameters set out in the Fund's terms of reference.",
    ),
    DemoProposal(
        "bangladesh",
        "National Human Rights Commission, Bangladesh",
        "Address racism and xenophobia",
        "Address racism and xenophobia, and access to justice for migrants.",
        ProposalTarget.WORK_PLAN,
        (T.RACISM_AND_XENOPHOBIA, T.ACCESS_TO_JUSTICE),
        versions={
            "fr": {
                "title": "Lutter contre le racisme et la xénophobie",
                "body": "Lutter contre le racisme et la xénophobie, et l'accès des migrants à "
                "la justice.",
            }
        },
    ),
    DemoProposal(
        "bangladesh",
        MIGRANT_WORKERS,
        "Platforms beyond the UN for the Liaison Officer vacancy (demo)",
        "Migrant workers' networks and diaspora radio in Bangladesh, to disseminate the "
        "vacancy notice beyond the standard UN platforms (demo).",
        ProposalTarget.OPEN_CALL,
        (T.NON_DISCRIMINATION,),
        submitter="partner@civil-society.example.org",
    ),
    DemoProposal(
        "bangladesh",
        MIGRANT_WORKERS,
        "Regular pathways for returning migrant workers (demo)",
        "Regularization and regular migration pathways, and sustainable reintegration of "
        "returning migrant workers (demo).",
        ProposalTarget.WORK_STREAM,
        (T.REGULAR_PATHWAYS, T.REINTEGRATION, T.DECENT_WORK),
        work_stream="National GCM implementation with civil society",
        scope=ProposalScope.SITUATION_SPECIFIC,
        submitter="partner@civil-society.example.org",
    ),
)


# The working session of the Geneva consultation that each global proposal came out of.
FROM_SESSION = {
    "Stronger links in the work plan to gender, mixed migration and non-discrimination": 2,
    "Language reflecting a migrant-centred, human rights-based approach": 2,
    "Complementarity with the Global Compact on Refugees": 2,
    "Climate change, health and saving the lives of migrants": 2,
    "Responsible engagement with the private sector on digital technologies": 2,
    "Decent work, labour rights and the value of labour mobility": 2,
    "Develop the voice of the Network as a priority": 4,
    "Partners without ECOSOC accreditation in the IMRF": 1,
    "Civil society in standing up the knowledge platform and connection hub": 4,
    "Civil-society seats on the Fund's Steering Committee": 3,
}


# (proposal, organisation endorsing it): civil society supporting each other's proposals
# (demo data).
DEMO_ENDORSEMENTS = (
    (
        "Partners without ECOSOC accreditation in the IMRF",
        "International Federation of Red Cross and Red Crescent Societies",
    ),
    (
        "Civil-society seats on the Fund's Steering Committee",
        "International Committee of the Red Cross",
    ),
)


async def _geneva_sessions(tenants: dict[str, Tenant]) -> dict[int, WorkingSession]:
    geneva = await Consultation.get_or_none(
        tenant=tenants["global"], title_index=GENEVA_TITLE["en"]
    )
    if geneva is None:
        return {}
    return {s.number: s for s in await WorkingSession.filter(consultation=geneva)}


async def load_proposals(tenants: dict[str, Tenant]) -> int:
    """Create the demo proposals that are missing, each with its review history."""
    created = 0
    sessions = await _geneva_sessions(tenants)
    for demo in DEMO_PROPOSALS:
        tenant = tenants[demo.tenant]
        if await Proposal.exists(tenant=tenant, title=demo.title):
            continue
        organisation = await Organisation.get(tenant=tenant, name=demo.organisation)
        stream = None
        if demo.work_stream is not None:
            stream = await WorkStream.get(tenant=tenant, title=demo.work_stream)
        proposal = await Proposal.create(
            tenant=tenant,
            organisation=organisation,
            target=demo.target,
            work_stream=stream,
            session=(session := sessions.get(FROM_SESSION.get(demo.title, 0))),
            consultation_id=None if session is None else session.consultation_id,
            scope=demo.scope,
            title=demo.title,
            body=demo.body,
            translations=demo.versions,
            search_text="\n".join(v["title"] for v in demo.versions.values()),
            themes=stored(list(demo.themes)),
            status=demo.status,
            response_note=demo.response,
            classification=demo.classification,
        )
        await retag(TAG_SUBJECT, proposal.id, tenant.id, demo.themes)
        previous: ProposalStatus | None = None
        for step in demo.path:
            decided = step not in (S.SUBMITTED, S.UNDER_REVIEW)
            await ProposalTransition.create(
                tenant=tenant,
                proposal=proposal,
                from_status=previous,
                to_status=step,
                actor=demo.submitter if step is S.SUBMITTED else REVIEWER,
                note=demo.response if decided else "",
            )
            previous = step
        created += 1
    for title, endorser in DEMO_ENDORSEMENTS:
        endorsed = await Proposal.get(tenant=tenants["global"], title=title)
        organisation = await Organisation.get(tenant=tenants["global"], name=endorser)
        await Endorsement.get_or_create(
            proposal=endorsed,
            organisation=organisation,
            defaults={
                "tenant_id": endorsed.tenant_id,
                "endorsed_by": "demo@network.example.org",
                "classification": endorsed.classification,
            },
        )
    return created
