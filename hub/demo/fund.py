"""The demo start-up fund of the capacity-building mechanism, as working session 3 of the
consultation describes it: MoUs to be signed by UN agencies and the MPTF Office, a first-year
target of USD 25 million, five thematic areas, a steering committee with civil society.
Donors, amounts, dates and projects are demo data."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hub.core.classification import Classification
from hub.directory.models import Organisation
from hub.fund.models import (
    Allocation,
    ExchangeRate,
    Fund,
    FundProject,
    Mou,
    MouStatus,
    Pledge,
    PledgeStatus,
    ProjectStatus,
    Seat,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.tenancy.models import Tenant

FUND_NAME = "Start-up Fund for Safe, Orderly and Regular Migration"
FUND_DESCRIPTION = (
    "The start-up fund of the capacity-building mechanism of the Global Compact for Migration. "
    "The first-year target of USD 25 million would allow at least one meaningful project "
    "under each of the five thematic areas of its terms of reference."
)
# The five thematic areas of the fund's terms of reference.
THEMATIC_AREAS = (
    "Advancing fact-based and data-driven migration discourse, policy and planning",
    "Protection of the human rights, safety and well-being of migrants, including through "
    "addressing drivers and mitigating situations of vulnerability in migration",
    "Addressing irregular migration, including through managing borders and combatting "
    "transnational crime",
    "Facilitating regular migration, decent work and enhancing the positive development "
    "effects of human mobility",
    "Improving the social inclusion and integration of migrants",
)
MPTFO = "UN Multi-Partner Trust Fund Office (MPTFO)"
# (signatory, signed on): the MoUs are between the agencies and the MPTF Office, the
# fund's administrative agent. Dates are demo data; at the consultation none was signed.
MOUS = (
    (MPTFO, date(2019, 5, 20)),
    ("International Organization for Migration (IOM)", date(2019, 5, 24)),
    ("UN Department of Economic and Social Affairs (demo)", None),
)
DRAFTED_ON = date(2019, 4, 30)
# Pledges in euros are converted at a rate the fund manager records (demo figure).
EUR_RATE = ("EUR", Decimal("1.12000000"), date(2019, 6, 28), "Demo: UN operational rate")
# (donor, amount, currency, status, classification)
PLEDGES = (
    ("Donor government A (demo)", "5000000.00", "USD", PledgeStatus.RECEIVED, "public"),
    ("Donor government B (demo)", "2000000.00", "EUR", PledgeStatus.SIGNED, "restricted"),
    ("Donor government C (demo)", "3500000.00", "USD", PledgeStatus.PLEDGED, "restricted"),
    ("Donor government D (demo)", "1000000.00", "USD", PledgeStatus.OUTREACH, "restricted"),
)
# (thematic area number, title, budget in USD, status)
PROJECTS = (
    (
        1,
        "Migration data for national GCM implementation plans (demo)",
        "1200000.00",
        ProjectStatus.APPROVED,
    ),
    (
        2,
        "Access to justice for migrants in vulnerable situations (demo)",
        "900000.00",
        ProjectStatus.PROPOSED,
    ),
)
CIVIL_SOCIETY_SELECTION = (
    "Selected by civil society and other stakeholders within the parameters of the "
    "Fund's terms of reference (demo)"
)
# (seat, name, organisation or None)
COMMITTEE = (
    (Seat.CHAIR, "Network Coordinator", None),
    (Seat.UN_AGENCY, "International Organization for Migration (IOM)", None),
    (Seat.DONOR, "Donor government A (demo)", "Donor government A (demo)"),
    (
        Seat.CIVIL_SOCIETY,
        "Global federation of trade unions (demo)",
        "Global federation of trade unions (demo)",
    ),
    (
        Seat.CIVIL_SOCIETY,
        "International Federation of Red Cross and Red Crescent Societies",
        "International Federation of Red Cross and Red Crescent Societies",
    ),
)


async def load_fund(tenants: dict[str, Tenant]) -> int:
    """Create the demo fund with everything that hangs from it, once."""
    tenant = tenants["global"]
    if await Fund.exists(tenant=tenant, name=FUND_NAME):
        return 0
    fund = await Fund.create(
        tenant=tenant,
        name=FUND_NAME,
        description=FUND_DESCRIPTION,
        currency="USD",
        target_amount=Decimal("25000000.00"),
        target_year=2019,
        administrative_agent="UN Multi-Partner Trust Fund Office (MPTFO)",
        classification=Classification.NETWORK,
    )
    areas = [
        await ThematicArea.create(tenant=tenant, fund=fund, number=n, title=title)
        for n, title in enumerate(THEMATIC_AREAS, start=1)
    ]
    for signatory, signed_on in MOUS:
        await Mou.create(
            tenant=tenant,
            fund=fund,
            signatory=signatory,
            parties=[] if signatory == MPTFO else [MPTFO],
            drafted_on=DRAFTED_ON,
            signed_on=signed_on,
            status=MouStatus.DRAFTED if signed_on is None else MouStatus.SIGNED,
        )
    currency, rate, as_of, source = EUR_RATE
    await ExchangeRate.create(
        tenant=tenant,
        fund=fund,
        currency=currency,
        rate=rate,
        as_of=as_of,
        source=source,
        recorded_by="fund.manager@network.example.org",
    )
    organisations = {o.name: o for o in await Organisation.filter(tenant=tenant)}
    for donor, amount, currency, status, classification in PLEDGES:
        await Pledge.create(
            tenant=tenant,
            fund=fund,
            donor=organisations[donor],
            amount=Decimal(amount),
            currency=currency,
            status=status,
            classification=Classification(classification),
        )
    for number, title, budget, stage in PROJECTS:
        project = await FundProject.create(
            tenant=tenant,
            fund=fund,
            thematic_area=areas[number - 1],
            title=title,
            budget=Decimal(budget),
            currency="USD",
            status=stage,
        )
        await Allocation.create(
            tenant=tenant,
            project=project,
            thematic_area=areas[number - 1],
            amount=project.budget,
            currency=project.currency,
        )
    for seat, name, organisation in COMMITTEE:
        await SteeringCommitteeMember.create(
            tenant=tenant,
            fund=fund,
            seat=seat,
            name=name,
            organisation=organisations[organisation] if organisation else None,
            selection=CIVIL_SOCIETY_SELECTION if seat is Seat.CIVIL_SOCIETY else "",
        )
    return 1
