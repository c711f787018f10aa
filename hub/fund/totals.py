"""A fund's totals, computed from its pledges, per currency; and converted into the fund's
currency with the rates its managers recorded, naming the rates used and what had none."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_EVEN, Decimal

from hub.fund.models import PledgeStatus
from hub.fund.workflow import COMMITTED

ZERO = Decimal("0.00")


@dataclass
class CurrencyTotal:
    currency: str
    in_outreach: Decimal = ZERO
    committed: Decimal = ZERO
    signed: Decimal = ZERO
    received: Decimal = ZERO


@dataclass(frozen=True)
class PledgeAmount:
    currency: str
    status: PledgeStatus
    amount: Decimal


@dataclass(frozen=True)
class Rate:
    """One unit of ``currency`` is worth ``rate`` in the fund's currency, as of a day."""

    currency: str
    rate: Decimal
    as_of: date
    source: str


@dataclass(frozen=True)
class Converted:
    """Totals in the fund's currency, pledges in other currencies converted at ``rates``;
    ``unconverted`` holds the currencies with no rate, counted in no total."""

    currency: str
    committed: Decimal
    received: Decimal
    gap_to_target: Decimal
    rates: list[Rate]
    unconverted: list[CurrencyTotal]


@dataclass
class FundTotals:
    """Amounts in other currencies than the fund's are listed, never silently converted: the
    gap to the target counts the fund's currency only, and ``converted`` says which rates
    it used for the others and which currencies it could not convert."""

    currency: str
    target: Decimal
    by_currency: list[CurrencyTotal] = field(default_factory=list)
    rates: Mapping[str, Rate] = field(default_factory=dict)

    def _in_fund_currency(self) -> CurrencyTotal:
        for total in self.by_currency:
            if total.currency == self.currency:
                return total
        return CurrencyTotal(self.currency)

    @property
    def committed(self) -> Decimal:
        return self._in_fund_currency().committed

    @property
    def received(self) -> Decimal:
        return self._in_fund_currency().received

    @property
    def gap_to_target(self) -> Decimal:
        return max(self.target - self.committed, ZERO)

    @property
    def converted(self) -> Converted:
        committed = received = ZERO
        used: list[Rate] = []
        unconverted: list[CurrencyTotal] = []
        for total in self.by_currency:
            if total.currency == self.currency:
                committed += total.committed
                received += total.received
            elif (rate := self.rates.get(total.currency)) is not None:
                committed += _converted(total.committed, rate)
                received += _converted(total.received, rate)
                used.append(rate)
            else:
                unconverted.append(total)
        return Converted(
            self.currency,
            committed,
            received,
            max(self.target - committed, ZERO),
            used,
            unconverted,
        )


def _converted(amount: Decimal, rate: Rate) -> Decimal:
    """``amount`` in the fund's currency, to the cent, halves to even (as banks round)."""
    return (amount * rate.rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_EVEN)


def compute(
    currency: str,
    target: Decimal,
    pledges: Iterable[PledgeAmount],
    rates: Mapping[str, Rate] | None = None,
) -> FundTotals:
    totals: dict[str, CurrencyTotal] = {}
    for pledge in pledges:
        total = totals.setdefault(pledge.currency, CurrencyTotal(pledge.currency))
        amount = Decimal(pledge.amount)
        if pledge.status is PledgeStatus.OUTREACH:
            total.in_outreach += amount
        if pledge.status in COMMITTED:
            total.committed += amount
        if pledge.status in (PledgeStatus.SIGNED, PledgeStatus.RECEIVED):
            total.signed += amount
        if pledge.status is PledgeStatus.RECEIVED:
            total.received += amount
    # The fund's own currency first, the others in code order.
    ordered = sorted(totals.values(), key=lambda t: (t.currency != currency, t.currency))
    return FundTotals(
        currency=currency, target=Decimal(target), by_currency=ordered, rates=rates or {}
    )
