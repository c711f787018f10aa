"""Setting a fund up through the API: the fund itself, its thematic areas, memorandums of
understanding, steering committee and exchange rates.

Only those who may create or update funds where the fund lives may. A part of a fund is
changed under the fund's permission and lock, and stays in the caller's subtree as the
fund does. Every change is audited whatever its classification: the fund's money and
governance are what donors and the Executive Committee hold the network to account for.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any

from tortoise.transactions import in_transaction

from hub.access.resources import Action, Resource
from hub.access.scoped import RecordNames, ScopedService, set_given
from hub.core.classification import Classification
from hub.core.validation import (
    InvalidInput,
    Problem,
    check_amount,
    check_currency,
    check_number,
    check_text,
    raise_if_any,
)
from hub.fund.models import (
    ExchangeRate,
    Fund,
    Mou,
    MouStatus,
    Seat,
    SteeringCommitteeMember,
    ThematicArea,
)
from hub.stakeholders.service import OrganisationService

NAME_MAX = 300
TEXT_MAX = 5_000
PARTIES_MAX = 20
# Rates are recorded as published, to eight decimal places.
RATE_PLACES = Decimal("0.00000001")
RATE_MAX = Decimal("10000000000")

# Parts of a fund that carry its classification: they travel with it and no further.
PARTS: tuple[type[ThematicArea | Mou | SteeringCommitteeMember | ExchangeRate], ...] = (
    ThematicArea,
    Mou,
    SteeringCommitteeMember,
    ExchangeRate,
)


@dataclass(frozen=True)
class NewFund:
    name: str
    currency: str
    target_amount: Decimal
    description: str = ""
    target_year: int | None = None
    administrative_agent: str = ""
    classification: Classification = Classification.NETWORK


@dataclass(frozen=True)
class FundChanges:
    """Changes to a fund; None leaves a field as it is."""

    name: str | None = None
    description: str | None = None
    currency: str | None = None
    target_amount: Decimal | None = None
    target_year: int | None = None
    administrative_agent: str | None = None
    classification: Classification | None = None


@dataclass(frozen=True)
class NewThematicArea:
    fund_id: str
    number: int
    title: str
    description: str = ""


@dataclass(frozen=True)
class ThematicAreaChanges:
    number: int | None = None
    title: str | None = None
    description: str | None = None


@dataclass(frozen=True)
class NewMou:
    fund_id: str
    signatory: str
    parties: Sequence[str] = ()
    drafted_on: date | None = None


@dataclass(frozen=True)
class MouChanges:
    signatory: str | None = None
    parties: Sequence[str] | None = None
    drafted_on: date | None = None


@dataclass(frozen=True)
class NewSeat:
    fund_id: str
    seat: Seat
    name: str
    organisation_id: str | None = None
    since: date | None = None
    selection: str = ""


@dataclass(frozen=True)
class SeatChanges:
    seat: Seat | None = None
    name: str | None = None
    organisation_id: str | None = None
    since: date | None = None
    until: date | None = None
    selection: str | None = None


@dataclass(frozen=True)
class NewRate:
    fund_id: str
    currency: str
    rate: Decimal
    as_of: date
    source: str


def _check_name(problems: list[Problem], field: str, value: str | None) -> str | None:
    return check_text(problems, field, value, max_length=NAME_MAX, allow_blank=False)


def _check_year(problems: list[Problem], year: int | None) -> None:
    if year is not None and not 2000 <= year <= 2100:
        problems.append(
            Problem("targetYear", "OUT_OF_RANGE", "targetYear is between 2000 and 2100.")
        )


def _check_parties(problems: list[Problem], parties: Sequence[str] | None) -> list[str] | None:
    if parties is None:
        return None
    if len(parties) > PARTIES_MAX:
        problems.append(
            Problem("parties", "TOO_MANY", f"An MoU names at most {PARTIES_MAX} other parties.")
        )
    clean: list[str] = []
    for n, party in enumerate(parties):
        name = _check_name(problems, f"parties.{n}", party)
        if name and name in clean:
            problems.append(Problem(f"parties.{n}", "DUPLICATE", "This party is named twice."))
        elif name:
            clean.append(name)
    return clean


def _check_order(
    problems: list[Problem], field: str, first: date | None, then: date | None, message: str
) -> None:
    if first is not None and then is not None and then < first:
        problems.append(Problem(field, "BEFORE_START", message))


def _check_rate(problems: list[Problem], rate: Decimal) -> Decimal:
    if not rate.is_finite() or rate <= 0:
        problems.append(Problem("rate", "NOT_POSITIVE", "rate must be more than zero."))
    elif rate >= RATE_MAX:
        problems.append(Problem("rate", "TOO_LARGE", f"rate must be less than {RATE_MAX}."))
    elif rate != rate.quantize(RATE_PLACES):
        problems.append(Problem("rate", "TOO_PRECISE", "rate has at most eight decimal places."))
    return rate


class FundSetup(ScopedService[Fund]):
    """Creates and changes funds and their parts, except pledges and projects
    (``PledgeService``, ``FundService``)."""

    model = Fund
    resource = Resource.FUND
    names = RecordNames("fund", "funds")

    async def create(self, new: NewFund) -> Fund:
        """A fund of the request's tenant."""
        problems: list[Problem] = []
        name = _check_name(problems, "name", new.name)
        description = check_text(problems, "description", new.description, max_length=TEXT_MAX)
        currency = check_currency(problems, "currency", new.currency)
        target = check_amount(problems, "target", new.target_amount)
        _check_year(problems, new.target_year)
        agent = check_text(
            problems, "administrativeAgent", new.administrative_agent, max_length=NAME_MAX
        )
        if name and await Fund.exists(tenant_id=self.ctx.tenant.id, name=name):
            problems.append(Problem("name", "DUPLICATE", "The tenant has a fund of this name."))
        raise_if_any(problems)
        self._require(new.classification, Action.CREATE, self.ctx.tenant.path)
        async with in_transaction():
            fund = await Fund.create(
                tenant_id=self.ctx.tenant.id,
                name=name,
                description=description or "",
                currency=currency,
                target_amount=target,
                target_year=new.target_year,
                administrative_agent=agent or "",
                classification=new.classification,
            )
            await self._record("create", fund)
        return fund

    async def update(self, raw_id: str, changes: FundChanges) -> Fund:
        """Change a fund; a new classification is its parts' too (not its projects' or
        pledges', which have their own)."""
        problems: list[Problem] = []
        name = _check_name(problems, "name", changes.name)
        description = check_text(problems, "description", changes.description, max_length=TEXT_MAX)
        currency = None
        if changes.currency is not None:
            currency = check_currency(problems, "currency", changes.currency)
        if changes.target_amount is not None:
            check_amount(problems, "target", changes.target_amount)
        _check_year(problems, changes.target_year)
        agent = check_text(
            problems, "administrativeAgent", changes.administrative_agent, max_length=NAME_MAX
        )
        async with in_transaction():
            fund = await self._locked(raw_id, Action.UPDATE, field="id")
            self._may_reclassify(fund, changes.classification)
            if (
                name
                and name != fund.name
                and await Fund.exists(tenant_id=fund.tenant_id, name=name)
            ):
                problems.append(Problem("name", "DUPLICATE", "The tenant has a fund of this name."))
            if (
                currency is not None
                and currency != fund.currency
                and await ExchangeRate.exists(fund_id=fund.id)
            ):
                problems.append(
                    Problem(
                        "currency",
                        "RATES_RECORDED",
                        "Exchange rates are recorded into the fund's currency: "
                        "a fund with rates keeps its currency.",
                    )
                )
            raise_if_any(problems)
            set_given(
                fund,
                name=name,
                description=description,
                currency=currency,
                target_amount=changes.target_amount,
                target_year=changes.target_year,
                administrative_agent=agent,
                classification=changes.classification,
            )
            await fund.save()
            if changes.classification is not None:
                for part in PARTS:
                    await part.filter(fund_id=fund.id).update(classification=fund.classification)
            await self._record("update", fund)
        return fund

    async def add_area(self, new: NewThematicArea) -> ThematicArea:
        problems: list[Problem] = []
        title = _check_name(problems, "title", new.title)
        description = check_text(problems, "description", new.description, max_length=TEXT_MAX)
        check_number(problems, new.number)
        async with in_transaction():
            fund = await self._locked(new.fund_id, Action.UPDATE, field="fund")
            await self._check_area_number(problems, fund, new.number)
            raise_if_any(problems)
            area = await ThematicArea.create(
                **self._of(fund), number=new.number, title=title, description=description or ""
            )
            await self._record("update", fund, area)
        return area

    async def update_area(self, raw_id: str, changes: ThematicAreaChanges) -> ThematicArea:
        problems: list[Problem] = []
        title = _check_name(problems, "title", changes.title)
        description = check_text(problems, "description", changes.description, max_length=TEXT_MAX)
        check_number(problems, changes.number)
        async with in_transaction():
            area, fund = await self._part(
                ThematicArea, raw_id, "fund", "No thematic area you may see has this id."
            )
            if changes.number != area.number:
                await self._check_area_number(problems, fund, changes.number)
            raise_if_any(problems)
            set_given(area, number=changes.number, title=title, description=description)
            await area.save()
            await self._record("update", fund, area)
        return area

    async def add_mou(self, new: NewMou) -> Mou:
        """An MoU as drafted; ``sign_mou`` records its signature."""
        problems: list[Problem] = []
        signatory = _check_name(problems, "signatory", new.signatory)
        parties = _check_parties(problems, new.parties)
        async with in_transaction():
            fund = await self._locked(new.fund_id, Action.UPDATE, field="fund")
            raise_if_any(problems)
            mou = await Mou.create(
                **self._of(fund),
                signatory=signatory,
                parties=parties or [],
                drafted_on=new.drafted_on,
                status=MouStatus.DRAFTED,
            )
            await self._record("update", fund, mou)
        return mou

    async def update_mou(self, raw_id: str, changes: MouChanges) -> Mou:
        problems: list[Problem] = []
        signatory = _check_name(problems, "signatory", changes.signatory)
        parties = _check_parties(problems, changes.parties)
        async with in_transaction():
            mou, fund = await self._part(Mou, raw_id, "fund", "No MoU you may see has this id.")
            drafted = changes.drafted_on or mou.drafted_on
            _check_order(
                problems, "draftedOn", drafted, mou.signed_on, "The MoU was signed before that."
            )
            raise_if_any(problems)
            set_given(mou, signatory=signatory, parties=parties, drafted_on=changes.drafted_on)
            await mou.save()
            await self._record("update", fund, mou)
        return mou

    async def sign_mou(self, raw_id: str, signed_on: date) -> Mou:
        """Record that a drafted MoU was signed, on a day not before it was drafted."""
        problems: list[Problem] = []
        async with in_transaction():
            mou, fund = await self._part(Mou, raw_id, "fund", "No MoU you may see has this id.")
            if mou.status == MouStatus.SIGNED:
                raise InvalidInput(
                    [Problem("id", "INVALID_TRANSITION", "The MoU is signed already.")]
                )
            _check_order(
                problems, "signedOn", mou.drafted_on, signed_on, "signedOn is before draftedOn."
            )
            raise_if_any(problems)
            mou.status, mou.signed_on = MouStatus.SIGNED, signed_on
            await mou.save(update_fields=["status", "signed_on"])
            await self._record("update", fund, mou)
        return mou

    async def add_member(self, new: NewSeat) -> SteeringCommitteeMember:
        """A seat on the steering committee, and who holds it from when."""
        problems: list[Problem] = []
        name = _check_name(problems, "name", new.name)
        selection = check_text(problems, "selection", new.selection, max_length=TEXT_MAX)
        organisation = await OrganisationService(self.ctx).known_id(
            new.organisation_id, problems, "organisation"
        )
        async with in_transaction():
            fund = await self._locked(new.fund_id, Action.UPDATE, field="fund")
            raise_if_any(problems)
            member = await SteeringCommitteeMember.create(
                **self._of(fund),
                seat=new.seat,
                name=name,
                organisation_id=organisation,
                since=new.since,
                selection=selection or "",
            )
            await self._record("update", fund, member)
        return member

    async def update_member(self, raw_id: str, changes: SeatChanges) -> SteeringCommitteeMember:
        """Change a seat; ``until`` ends it, and the member stays on record."""
        problems: list[Problem] = []
        name = _check_name(problems, "name", changes.name)
        selection = check_text(problems, "selection", changes.selection, max_length=TEXT_MAX)
        organisation = await OrganisationService(self.ctx).known_id(
            changes.organisation_id, problems, "organisation"
        )
        async with in_transaction():
            member, fund = await self._part(
                SteeringCommitteeMember,
                raw_id,
                "fund",
                "No steering-committee member you may see has this id.",
            )
            since = changes.since or member.since
            until = changes.until or member.until
            _check_order(problems, "until", since, until, "until is before since.")
            raise_if_any(problems)
            set_given(
                member,
                seat=changes.seat,
                name=name,
                organisation_id=organisation,
                since=changes.since,
                until=changes.until,
                selection=selection,
            )
            await member.save()
            await self._record("update", fund, member)
        return member

    async def record_rate(self, new: NewRate) -> ExchangeRate:
        """What one unit of a currency was worth in the fund's currency on a day, and who
        says so; the latest rate of a currency is the one totals convert with."""
        problems: list[Problem] = []
        currency = check_currency(problems, "currency", new.currency)
        rate = _check_rate(problems, new.rate)
        source = _check_name(problems, "source", new.source)
        if new.as_of > datetime.now(UTC).date():
            problems.append(Problem("asOf", "IN_FUTURE", "asOf is a day that has come."))
        async with in_transaction():
            fund = await self._locked(new.fund_id, Action.UPDATE, field="fund")
            if currency == fund.currency:
                problems.append(
                    Problem("currency", "SAME_CURRENCY", "The fund's own currency needs no rate.")
                )
            raise_if_any(problems)
            row = await ExchangeRate.create(
                **self._of(fund),
                currency=currency,
                rate=rate,
                as_of=new.as_of,
                source=source,
                recorded_by=self.ctx.principal.email,
            )
            await self._record("update", fund, row)
        return row

    @staticmethod
    def _of(fund: Fund) -> dict[str, Any]:
        """The values that place a new part under ``fund``: its tenant and classification."""
        return {"tenant_id": fund.tenant_id, "fund": fund, "classification": fund.classification}

    @staticmethod
    async def _check_area_number(problems: list[Problem], fund: Fund, number: int | None) -> None:
        if number is not None and await ThematicArea.exists(fund_id=fund.id, number=number):
            problems.append(
                Problem("number", "DUPLICATE", "The fund has a thematic area so numbered.")
            )
