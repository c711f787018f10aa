"""Fund totals: Decimal arithmetic per currency, never converted."""

from __future__ import annotations

from decimal import Decimal

from hub.fund.models import PledgeStatus as S
from hub.fund.totals import PledgeAmount, compute


def test_totals_count_each_stage_per_currency() -> None:
    totals = compute(
        "USD",
        Decimal("25000000.00"),
        [
            PledgeAmount("USD", S.RECEIVED, Decimal("0.10")),
            PledgeAmount("USD", S.RECEIVED, Decimal("0.20")),
            PledgeAmount("USD", S.SIGNED, Decimal("1.00")),
            PledgeAmount("USD", S.OUTREACH, Decimal("7.00")),
            PledgeAmount("EUR", S.PLEDGED, Decimal("2.00")),
        ],
    )
    usd, eur = totals.by_currency
    assert (usd.currency, usd.committed, usd.signed, usd.received, usd.in_outreach) == (
        "USD",
        Decimal("1.30"),
        Decimal("1.30"),
        Decimal("0.30"),
        Decimal("7.00"),
    )
    assert (eur.currency, eur.committed, eur.received) == ("EUR", Decimal("2.00"), Decimal(0))
    assert totals.committed == Decimal("1.30")  # exactly: 0.1 + 0.2 is 0.3 in Decimal
    assert totals.gap_to_target == Decimal("24999998.70")


def test_the_gap_never_goes_below_zero_and_other_currencies_do_not_count() -> None:
    over = compute("USD", Decimal(10), [PledgeAmount("USD", S.PLEDGED, Decimal(15))])
    foreign = compute("USD", Decimal(10), [PledgeAmount("EUR", S.RECEIVED, Decimal(15))])
    assert over.gap_to_target == Decimal(0)
    assert foreign.gap_to_target == Decimal(10)
    assert foreign.received == Decimal(0)
    assert [t.currency for t in foreign.by_currency] == ["EUR"]
