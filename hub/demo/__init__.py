"""The demo network, drawn from the network's consultation with civil society and other
stakeholders (Geneva, 4 April 2019)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from hub.access.crypto import encrypt
from hub.access.enforcer import ORGANISATION_SUBJECT
from hub.access.policy_files import Rule, read_policy_dir
from hub.access.service import add_grant, apply_rules, grant_role
from hub.advocacy.models import AdvocacyNote, RecommendedAction, RiskLevel
from hub.auth.tokens import issue_dev_token
from hub.core.classification import Classification
from hub.demo.advocacy import load_statements
from hub.demo.consultations import load_consultations
from hub.demo.fund import load_fund
from hub.demo.initiatives import load_initiatives
from hub.demo.knowledge import load_knowledge
from hub.demo.proposals import load_proposals
from hub.demo.workplan import load_work_plan
from hub.directory.models import Contact, EcosocStatus, Organisation, OrganisationKind
from hub.stakeholders.service import TAG_SUBJECT as ORGANISATION_TAGS
from hub.tenancy.manifests import apply_manifests, read_manifests
from hub.tenancy.models import Tenant
from hub.themes.tags import retag
from hub.themes.taxonomy import Theme, stored
from hub.workplan.models import WorkStream, WorkStreamStatus

DEMO_ACTOR = "hub demo load"
C = Classification
S = WorkStreamStatus


@dataclass(frozen=True)
class DemoUser:
    email: str
    name: str
    role: str
    tenant: str
    # Further roles in the same tenant: all of a person's roles there apply together.
    more_roles: tuple[str, ...] = ()

    @property
    def roles(self) -> tuple[str, ...]:
        return (self.role, *self.more_roles)


DEMO_USERS = (
    DemoUser(
        "coordinator@network.example.org", "Network Coordinator", "network_coordinator", "global"
    ),
    # Grants the roles policies/roles.csv lets a tenant_admin grant, held or not.
    DemoUser(
        "admin@network.example.org",
        "Global Tenant Admin",
        "tenant_admin",
        "global",
        more_roles=("network_coordinator",),
    ),
    DemoUser("auditor@network.example.org", "Network Auditor", "auditor", "global"),
    DemoUser("advocacy@network.example.org", "Advocacy Officer", "advocacy_officer", "global"),
    DemoUser(
        "focal.asia-pacific@network.example.org",
        "Asia-Pacific Focal Point",
        "regional_focal_point",
        "asia-pacific",
    ),
    DemoUser(
        "focal.europe@network.example.org",
        "Europe and Central Asia Focal Point",
        "regional_focal_point",
        "europe-central-asia",
    ),
    DemoUser(
        "team.bangladesh@network.example.org",
        "Bangladesh Team Member",
        "national_team_member",
        "bangladesh",
    ),
    DemoUser(
        "lead.dhaka@network.example.org", "Dhaka Work-Stream Lead", "work_stream_lead", "dhaka"
    ),
    DemoUser(
        "partner@civil-society.example.org",
        "Civil-Society Partner",
        "civil_society_partner",
        "bangladesh",
    ),
    DemoUser(
        "partner.global@civil-society.example.org",
        "Global Civil-Society Partner",
        "civil_society_partner",
        "global",
    ),
    DemoUser("fund.manager@network.example.org", "Fund Manager", "fund_manager", "global"),
    DemoUser(
        "steering@network.example.org",
        "Steering Committee Member",
        "steering_committee_member",
        "global",
    ),
    DemoUser("donor@donor-a.example.org", "Donor Liaison (demo)", "donor", "global"),
)

# (email, organisation, tenant): people who speak for an organisation, e.g. submit its
# proposals.
DEMO_MEMBERSHIPS = (
    ("partner@civil-society.example.org", "Migrant workers' rights network (demo)", "bangladesh"),
)

# (tenant, title, description, status, classification)
DEMO_WORK_STREAMS = (
    (
        "global",
        "The voice of the Network",
        "When and how the Network speaks on behalf of the UN system: a whole-of-system 'one-UN' "
        "approach and principled public statements on the human rights of migrants, particularly "
        "where rights are not respected or civic space is limited. A communication strategy "
        "will be developed as part of the work plan.",
        S.ACTIVE,
        C.NETWORK,
    ),
    (
        "global",
        "The International Migration Review Forum (IMRF): models to consider",
        "Giving effect to paragraph 53 of the GCM: multi-stakeholder involvement in the IMRF at "
        "all levels, including partners without ECOSOC accreditation, drawing on lessons from "
        "existing international reporting and review processes.",
        S.ACTIVE,
        C.PUBLIC,
    ),
    (
        "global",
        "Connection hub and knowledge platform",
        "A strategy to deliver the connection hub and knowledge platform called for in the GCM, "
        "with Network members within and beyond the Executive Committee, civil society and other "
        "stakeholders.",
        S.PROPOSED,
        C.NETWORK,
    ),
    (
        "global",
        "Implementation, follow-up and review of the GCM",
        "Ongoing exchanges on implementation, follow-up and review at global, regional and "
        "national levels, especially at the national and local levels, where the bulk of the "
        "implementation will take place.",
        S.ACTIVE,
        C.PUBLIC,
    ),
    (
        "global",
        "Contexts of constrained civic space",
        "Situations where the Network may consider advocating on behalf of civil society and "
        "other stakeholders whose space to operate is constrained, within the Network's terms "
        "of reference.",
        S.ACTIVE,
        C.CONFIDENTIAL,
    ),
    (
        "asia-pacific",
        "Regional opportunities for civil-society involvement in the IMRF",
        "Exploring the Network's support for civil society and other stakeholders to take part "
        "in review at the regional level.",
        S.ACTIVE,
        C.NETWORK,
    ),
    (
        "asia-pacific",
        "Regional engagement plan with stakeholder constituencies",
        "Extending dialogue beyond UN headquarters to the regional level, with stakeholder "
        "constituencies of all UN partners.",
        S.PROPOSED,
        C.RESTRICTED,
    ),
    (
        "europe-central-asia",
        "Decent work and labour rights with trade unions",
        "Following the proposal to strengthen links in the work plan to decent work, labour "
        "rights and labour mobility.",
        S.ACTIVE,
        C.NETWORK,
    ),
    (
        "bangladesh",
        "Meeting of mayors and local authorities ahead of the IMRF",
        "The IMRF co-facilitators (Spain and Bangladesh) plan to convene mayors and local "
        "authorities in Geneva ahead of the zero draft.",
        S.PROPOSED,
        C.PUBLIC,
    ),
    (
        "bangladesh",
        "National GCM implementation with civil society",
        "Engaging civil society and other stakeholders at the national level in GCM "
        "implementation.",
        S.ACTIVE,
        C.NETWORK,
    ),
    (
        "dhaka",
        "Local consultations with migrant and diaspora organisations",
        "Dialogue at the local level, where the bulk of implementation takes place.",
        S.ACTIVE,
        C.NETWORK,
    ),
    (
        "spain",
        "Co-facilitation of the IMRF",
        "Support to Spain as IMRF co-facilitator, with Bangladesh.",
        S.ACTIVE,
        C.PUBLIC,
    ),
)


# Versions in other languages of some work streams' texts (translations are demo data).
DEMO_WORK_STREAM_VERSIONS: dict[str, dict[str, dict[str, str]]] = {
    "The voice of the Network": {
        "fr": {"title": "La voix du Réseau"},
        "es": {"title": "La voz de la Red"},
    },
    "Co-facilitation of the IMRF": {
        "es": {
            "title": "Cofacilitación del Foro de Examen de la Migración Internacional",
            "description": "Apoyo a España como cofacilitadora del FEMI, con Bangladesh.",
        },
    },
}

K = OrganisationKind
T = Theme

# (tenant, name, kind, ECOSOC status, country, themes, classification). The consultation
# brought together civil society, trade unions, the private sector, national human-rights
# institutions, the IFRC and ICRC and the UN Special Rapporteur on the human rights of
# migrants; the names marked (demo) are stand-ins for such organisations.
DEMO_ORGANISATIONS: tuple[
    tuple[str, str, OrganisationKind, EcosocStatus, str, list[Theme], Classification], ...
] = (
    (
        "global",
        "International Federation of Red Cross and Red Crescent Societies",
        K.RED_CROSS_RED_CRESCENT,
        EcosocStatus.NONE,
        "",
        [T.SAVING_LIVES, T.HEALTH],
        C.PUBLIC,
    ),
    (
        "global",
        "International Committee of the Red Cross",
        K.RED_CROSS_RED_CRESCENT,
        EcosocStatus.NONE,
        "",
        [T.SAVING_LIVES, T.ACCESS_TO_JUSTICE],
        C.PUBLIC,
    ),
    (
        "global",
        "UN Special Rapporteur on the human rights of migrants",
        K.UN_SPECIAL_PROCEDURE,
        EcosocStatus.NONE,
        "",
        [T.HUMAN_RIGHTS],
        C.PUBLIC,
    ),
    (
        "global",
        "Global federation of trade unions (demo)",
        K.TRADE_UNION,
        EcosocStatus.GENERAL,
        "",
        [T.DECENT_WORK],
        C.NETWORK,
    ),
    (
        "global",
        "Business network on responsible recruitment (demo)",
        K.PRIVATE_SECTOR,
        EcosocStatus.NONE,
        "",
        [T.LABOUR_MOBILITY, T.DIGITAL_TECHNOLOGIES],
        C.NETWORK,
    ),
    (
        "bangladesh",
        "National Human Rights Commission, Bangladesh",
        K.NATIONAL_HUMAN_RIGHTS_INSTITUTION,
        EcosocStatus.NONE,
        "BD",
        [T.HUMAN_RIGHTS, T.ACCESS_TO_JUSTICE],
        C.PUBLIC,
    ),
    (
        "bangladesh",
        "Migrant workers' rights network (demo)",
        K.CIVIL_SOCIETY,
        EcosocStatus.NONE,
        "BD",
        [T.DECENT_WORK, T.REGULAR_PATHWAYS],
        C.NETWORK,
    ),
    (
        "dhaka",
        "Returnee migrants' association (demo)",
        K.MIGRANT_OR_DIASPORA,
        EcosocStatus.NONE,
        "BD",
        [T.REINTEGRATION],
        C.NETWORK,
    ),
    (
        "spain",
        "Federación de asociaciones de personas migrantes (demo)",
        K.CIVIL_SOCIETY,
        EcosocStatus.SPECIAL,
        "ES",
        [T.REINTEGRATION, T.NON_DISCRIMINATION],
        C.NETWORK,
    ),
    # Donors to the start-up fund, approached by the Network Coordinator.
    (
        "global",
        "Donor government A (demo)",
        K.DONOR_GOVERNMENT,
        EcosocStatus.NONE,
        "",
        [],
        C.NETWORK,
    ),
    (
        "global",
        "Donor government B (demo)",
        K.DONOR_GOVERNMENT,
        EcosocStatus.NONE,
        "",
        [],
        C.NETWORK,
    ),
    (
        "global",
        "Donor government C (demo)",
        K.DONOR_GOVERNMENT,
        EcosocStatus.NONE,
        "",
        [],
        C.NETWORK,
    ),
    (
        "global",
        "Donor government D (demo)",
        K.DONOR_GOVERNMENT,
        EcosocStatus.NONE,
        "",
        [],
        C.NETWORK,
    ),
)

# (organisation, name, position, email, consented on or None)
DEMO_CONTACTS = (
    (
        "Migrant workers' rights network (demo)",
        "Farida Rahman",
        "Coordinator",
        "farida@rights-network.example.org",
        date(2019, 4, 4),
    ),
    (
        "Migrant workers' rights network (demo)",
        "Karim Hossain",
        "Legal officer",
        "karim@rights-network.example.org",
        None,
    ),
    (
        "Returnee migrants' association (demo)",
        "Nasrin Akter",
        "Chair",
        "nasrin@returnees.example.org",
        date(2019, 5, 2),
    ),
)


# (tenant, title, body, organisations concerned, risk, recommended action). Fictional: the
# consultation asked the network to consider advocating where civic space is constrained.
DEMO_NOTES: tuple[tuple[str, str, str, list[str], RiskLevel, RecommendedAction], ...] = (
    (
        "bangladesh",
        "Pressure on a migrant workers' rights network",
        "Members of the network report that meetings on recruitment fees were cancelled after "
        "visits by officials. Two organisers asked not to be named in any public statement.",
        ["Migrant workers' rights network (demo)"],
        RiskLevel.HIGH,
        RecommendedAction.PRIVATE_REPRESENTATION,
    ),
    (
        "global",
        "Consultation access for organisations without ECOSOC status",
        "Several organisations without ECOSOC accreditation could not register for a regional "
        "review meeting; the IMRF modalities call for their involvement.",
        [],
        RiskLevel.LOW,
        RecommendedAction.PUBLIC_STATEMENT,
    ),
)


async def is_empty() -> bool:
    return not await Tenant.exists()


async def load_demo(tenants_dir: Path, policies_dir: Path, master_key: bytes) -> list[str]:
    """Apply the demo tenants, baseline policies, users and work streams; idempotent."""
    report = await apply_manifests(read_manifests(tenants_dir), actor=DEMO_ACTOR)
    lines = [f"tenants: {report.lines()[-1]}"]
    change = await apply_rules(read_policy_dir(policies_dir), actor=DEMO_ACTOR)
    lines.append(f"policies: {len(change.added)} added, {len(change.removed)} removed")
    granted = 0
    for user in DEMO_USERS:
        for role in user.roles:
            granted += await grant_role(
                user.email, role, user.tenant, actor=DEMO_ACTOR, name=user.name
            )
    lines.append(f"users: {granted} grants added")
    tenants = {t.slug: t for t in await Tenant.all()}
    created = 0
    for slug, title, description, status, classification in DEMO_WORK_STREAMS:
        versions = DEMO_WORK_STREAM_VERSIONS.get(title, {})
        _, was_created = await WorkStream.get_or_create(
            tenant=tenants[slug],
            title=title,
            defaults={
                "description": description,
                "language": "en",
                "translations": versions,
                "search_text": "\n".join(v["title"] for v in versions.values()),
                "status": status,
                "classification": classification,
            },
        )
        created += was_created
    lines.append(f"work streams: {created} created")
    lines.append(f"stakeholders: {await _load_stakeholders(tenants)} created")
    lines.append(f"members of organisations: {await _load_memberships(tenants)} added")
    lines.append(f"work plan: {await load_work_plan(tenants)} priorities and members created")
    lines.append(f"consultations: {await load_consultations(tenants)} created")
    lines.append(f"proposals: {await load_proposals(tenants)} created")
    lines.append(f"initiatives: {await load_initiatives(tenants)} created")
    lines.append(f"knowledge resources: {await load_knowledge(tenants)} created")
    lines.append(f"funds: {await load_fund(tenants)} created")
    lines.append(f"advocacy notes: {await _load_notes(tenants, master_key)} created")
    lines.append(f"statements: {await load_statements(tenants)} created")
    return lines


async def _load_notes(tenants: dict[str, Tenant], master_key: bytes) -> int:
    created = 0
    for slug, title, body, organisation_names, risk, action in DEMO_NOTES:
        tenant = tenants[slug]
        if await AdvocacyNote.exists(tenant=tenant, title=title):
            continue
        organisations = await Organisation.filter(name__in=organisation_names)
        note_id = uuid.uuid4()
        await AdvocacyNote.create(
            id=note_id,
            tenant=tenant,
            title=title,
            body_encrypted=encrypt(master_key, tenant.id, note_id, body),
            organisation_ids=[str(o.id) for o in organisations],
            risk_level=risk,
            recommended_action=action,
            country="BD" if slug == "bangladesh" else "",
        )
        created += 1
    return created


async def _load_stakeholders(tenants: dict[str, Tenant]) -> int:
    created = 0
    organisations = {}
    for slug, name, kind, ecosoc, country, themes, classification in DEMO_ORGANISATIONS:
        organisation, was_created = await Organisation.get_or_create(
            tenant=tenants[slug],
            name=name,
            defaults={
                "kind": kind,
                "ecosoc_status": ecosoc,
                "country": country,
                "themes": stored(themes),
                "classification": classification,
            },
        )
        if was_created:
            await retag(ORGANISATION_TAGS, organisation.id, tenants[slug].id, themes)
        organisations[name] = organisation
        created += was_created
    for organisation_name, name, position, email, consented in DEMO_CONTACTS:
        organisation = organisations[organisation_name]
        _, was_created = await Contact.get_or_create(
            organisation=organisation,
            name=name,
            defaults={
                "tenant_id": organisation.tenant_id,
                "position": position,
                "email": email,
                "consent_to_contact": consented is not None,
                "consent_given_on": consented,
            },
        )
        created += was_created
    return created


async def _load_memberships(tenants: dict[str, Tenant]) -> int:
    added = 0
    for email, organisation_name, slug in DEMO_MEMBERSHIPS:
        organisation = await Organisation.get(tenant=tenants[slug], name=organisation_name)
        rule = Rule("g", (email, f"{ORGANISATION_SUBJECT}{organisation.id}", tenants[slug].path))
        added += await add_grant(rule, actor=DEMO_ACTOR)
    return added


def demo_tokens(secret_key: str, lifetime: timedelta) -> list[tuple[DemoUser, str]]:
    return [(user, issue_dev_token(secret_key, user.email, None, lifetime)) for user in DEMO_USERS]
