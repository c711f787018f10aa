"""Fund totals: Decimal arithmetic per currency, never converted."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hub.fund.models import PledgeStatus as S
from hub.fund.totals import PledgeAmount, Rate, compute


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


def test_converted_totals_use_the_rates_given_and_name_what_had_none() -> None:
    eur = Rate("EUR", Decimal("1.12345678"), date(2019, 6, 28), "operational rate")
    totals = compute(
        "USD",
        Decimal("100.00"),
        [
            PledgeAmount("USD", S.RECEIVED, Decimal("10.00")),
            PledgeAmount("EUR", S.RECEIVED, Decimal("10.00")),
            PledgeAmount("EUR", S.OUTREACH, Decimal("99.00")),
            PledgeAmount("CHF", S.PLEDGED, Decimal("5.00")),
        ],
        {"EUR": eur, "GBP": Rate("GBP", Decimal(2), date(2019, 1, 1), "unused")},
    )
    converted = totals.converted
    # 10 EUR at 1.12345678 is 11.2345678 USD: to the cent, 11.23
    assert converted.committed == Decimal("21.23")
    assert converted.received == Decimal("21.23")
    assert converted.gap_to_target == Decimal("78.77")
    assert converted.rates == [eur]  # only the rates of currencies pledged in
    assert [t.currency for t in converted.unconverted] == ["CHF"]
    # the plain totals still count the fund's currency alone
    assert totals.committed == Decimal("10.00")
    assert totals.gap_to_target == Decimal("90.00")


def test_conversion_rounds_half_to_even_to_the_cent() -> None:
    def committed(amount: str, rate: str) -> Decimal:
        rates = {"EUR": Rate("EUR", Decimal(rate), date(2019, 1, 1), "s")}
        pledges = [PledgeAmount("EUR", S.PLEDGED, Decimal(amount))]
        return compute("USD", Decimal(1), pledges, rates).converted.committed

    assert committed("0.05", "0.5") == Decimal("0.02")  # 0.025
    assert committed("0.07", "0.5") == Decimal("0.04")  # 0.035
