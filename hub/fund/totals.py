"""A fund's totals, computed from its pledges, per currency and without conversion."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

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


@dataclass
class FundTotals:
    """Amounts in other currencies than the fund's are listed, never converted: the gap to
    the target counts the fund's currency only."""

    currency: str
    target: Decimal
    by_currency: list[CurrencyTotal] = field(default_factory=list)

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


def compute(currency: str, target: Decimal, pledges: Iterable[PledgeAmount]) -> FundTotals:
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
    return FundTotals(currency=currency, target=Decimal(target), by_currency=ordered)
