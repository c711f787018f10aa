"""The SQL a compiled statement embeds is kept by what makes it, and only then."""

from __future__ import annotations

from pypika_tortoise.dialects.postgresql import PostgreSQLQuery
from pypika_tortoise.terms import Parameterizer
from tortoise.expressions import Q, RawSQL

from hub.compiled.embedding import Embeddings
from hub.core.among import among
from hub.proposals.models import Proposal
from tests.compiled.conftest import ONLY_ON_POSTGRES
from tests.conftest import Client

pytestmark = ONLY_ON_POSTGRES


def _fresh_sql(queryset: object, shared: object) -> str:
    queryset._make_query()  # type: ignore[attr-defined]
    return str(queryset.query.get_sql(shared))  # type: ignore[attr-defined]


def _context() -> object:
    return PostgreSQLQuery.SQL_CONTEXT.copy(parameterizer=Parameterizer())


async def test_a_kept_sql_is_what_tortoise_writes_numbered_after_the_others(
    client: Client,
) -> None:
    # given: a scope-like condition, kept once
    kept = Embeddings()

    def listing() -> object:
        scope = Q(among("classification", ["public", "network"]), Q(tenant__slug="dhaka"))
        return Proposal.filter(scope).filter(archived_at__isnull=True).order_by("-submitted_at")

    first = listing()
    kept.sql(first, _context(), kept.key(first))  # type: ignore[arg-type]
    # when: embedded again, after another query's two parameters
    shared = _context()
    shared.parameterizer.values.extend(["x", "y"])  # type: ignore[attr-defined]
    again = listing()
    sql = kept.sql(again, shared, kept.key(again))  # type: ignore[arg-type]
    # then: the same SQL as Tortoise writes in that place, the same parameters
    expected_context = _context()
    expected_context.parameterizer.values.extend(["x", "y"])  # type: ignore[attr-defined]
    assert sql == _fresh_sql(listing(), expected_context)
    assert shared.parameterizer.values == expected_context.parameterizer.values  # type: ignore[attr-defined]


async def test_what_changes_the_sql_changes_the_key(client: Client) -> None:
    kept = Embeddings()
    base = Proposal.filter(tenant_id__in=["a", "b"])
    keys = {
        kept.key(base),
        kept.key(Proposal.filter(tenant_id__in=["a", "c"])),
        kept.key(Proposal.filter(tenant_id__in=["a", "b"], classification="public")),
        kept.key(Proposal.filter(~Q(tenant_id__in=["a", "b"]))),
        kept.key(base.order_by("submitted_at")),
        kept.key(base.limit(3)),
        kept.key(base.limit(4)),
        kept.key(Proposal.filter(Q(tenant_id__in=["a", "b"], join_type=Q.OR))),
    }
    assert None not in keys
    assert len(keys) == 8
    assert kept.key(Proposal.filter(tenant_id__in=["a", "b"])) == kept.key(base)


async def test_a_queryset_holding_more_has_no_key(client: Client) -> None:
    kept = Embeddings()
    assert kept.key(Proposal.all().annotate(n=RawSQL("1"))) is None
    assert kept.key(Proposal.all().distinct()) is None
    assert kept.key(Proposal.all().only("id")) is None
    assert kept.key(Proposal.all().select_for_update()) is None
    assert kept.key(Proposal.filter(Q(title=RawSQL("'x'")))) is None
