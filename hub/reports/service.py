"""The figures the network reports to its Executive Committee and the IMRF, computed in SQL
over the records the caller may read: one statement per figure, whatever the number of
records, each grouped in the database.

Every figure counts what the caller's own lists would show (with ``network``, what reaches
the request's tenant too), unarchived, and of one tenant when ``tenant_slug`` names one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from tortoise.expressions import Subquery
from tortoise.functions import Count, Sum
from tortoise.queryset import QuerySet

from hub.consultations.models import Participant
from hub.consultations.service import ConsultationService
from hub.core.context import Context
from hub.fund.models import Allocation
from hub.fund.service import FundService
from hub.initiatives.models import Initiative
from hub.initiatives.service import TAG_SUBJECT as INITIATIVE_TAGS
from hub.initiatives.service import InitiativeService
from hub.proposals import workflow
from hub.proposals.models import Proposal
from hub.proposals.service import TAG_SUBJECT as PROPOSAL_TAGS
from hub.proposals.service import ProposalService
from hub.stakeholders.service import OrganisationService
from hub.themes.models import ThemeTag

# A key that names no value: an organisation without a region, a record without a country.
NONE = "NONE"


@dataclass(frozen=True)
class Tally:
    """How many records share ``key`` (an enum's name, a theme, a tenant's slug, a country
    code), and what part of all those counted that is (0 to 1)."""

    key: str
    count: int
    share: float


@dataclass(frozen=True)
class AreaTotal:
    """What a fund's projects allocate to one of its thematic areas, in one currency."""

    fund: str
    number: int
    title: str
    currency: str
    amount: Decimal


# Columns holding an enum's values: their keys are the GraphQL names of the values.
ENUMS = frozenset({"status", "target", "theme", "kind", "ecosoc_status", "gender"})


def _tallies(rows: Sequence[tuple[Any, Any]], column: str) -> list[Tally]:
    """Tallies of (value of ``column``, count) rows, the largest first, then by key; each
    count's share of their sum."""
    enum = column.rpartition("__")[2] in ENUMS
    counted = [(_key(key, enum), int(count)) for key, count in rows]
    whole = sum(count for _, count in counted)
    return [
        Tally(key, count, count / whole if whole else 0.0)
        for key, count in sorted(counted, key=lambda kc: (-kc[1], kc[0]))
    ]


def _key(value: Any, enum: bool) -> str:
    text = "" if value is None else str(getattr(value, "value", value))
    if not text:
        return NONE
    return text.upper() if enum else text


async def _grouped(queryset: QuerySet[Any] | None, column: str) -> list[tuple[Any, Any]]:
    """(value of ``column``, how many rows hold it) over ``queryset``, in one statement."""
    if queryset is None:
        return []
    return list(
        await queryset.annotate(tally=Count("id")).group_by(column).values_list(column, "tally")
    )


class ReportService:
    """The figures of one request: ``network`` counts what reaches the tenant too, and
    ``tenant_slug`` keeps to the records of one tenant."""

    def __init__(self, ctx: Context, *, network: bool = False, tenant_slug: str | None = None):
        self.ctx = ctx
        self.network = network
        self.tenant_slug = tenant_slug

    def _chosen(self, queryset: QuerySet[Any] | None, *, archivable: bool = True) -> Any:
        if queryset is None:
            return None
        if archivable:
            queryset = queryset.filter(archived_at__isnull=True)
        if self.tenant_slug:
            queryset = queryset.filter(tenant__slug=self.tenant_slug)
        return queryset

    def _proposals(self) -> QuerySet[Proposal] | None:
        chosen: QuerySet[Proposal] | None = self._chosen(
            ProposalService(self.ctx).visible(network=self.network)
        )
        return chosen

    async def proposals_by(self, column: str) -> list[Tally]:
        """Proposals by ``status``, ``target`` or tenant (``tenant__slug``)."""
        return _tallies(await _grouped(self._proposals(), column), column)

    async def proposals_by_theme(self) -> list[Tally]:
        """Proposals by theme: a proposal counts under each of its themes, and a share is
        of the proposals with any theme."""
        proposals = self._proposals()
        if proposals is None:
            return []
        tags = ThemeTag.filter(
            subject=PROPOSAL_TAGS, record_id__in=Subquery(proposals.values("id"))
        )
        return _tallies(await _grouped(tags, "theme"), "theme")

    async def review_outcomes(self) -> list[Tally]:
        """Of the proposals decided, how many were accepted, reflected or declined."""
        proposals = self._proposals()
        if proposals is None:
            return []
        decided = proposals.filter(status__in=[str(s) for s in workflow.NEEDS_RESPONSE])
        rows = dict(await _grouped(decided, "status"))
        decisions = sorted(workflow.NEEDS_RESPONSE)
        return _tallies([(s, rows.get(str(s), 0)) for s in decisions], "status")

    def _participants(self) -> QuerySet[Participant] | None:
        """Participants of the consultations the caller sees, unarchived, whose
        organisation the caller sees too."""
        rows = ConsultationService(self.ctx).children_rows(Participant)
        organisations = OrganisationService(self.ctx).visible(network=True)
        if rows is None or organisations is None:
            return None
        consultations = ConsultationService(self.ctx).visible(network=self.network)
        if consultations is None:
            return None
        consultations = self._chosen(consultations)
        return rows.filter(
            consultation_id__in=Subquery(consultations.values("id")),
            organisation_id__in=Subquery(organisations.values("id")),
        )

    async def participants_by(self, column: str) -> list[Tally]:
        """Participants by their organisation's ``kind`` (constituency), ``ecosoc_status``,
        ``region`` or ``country``, or by their own ``gender`` where recorded."""
        path = column if column == "gender" else f"organisation__{column}"
        return _tallies(await _grouped(self._participants(), path), path)

    def _initiatives(self) -> QuerySet[Initiative] | None:
        chosen: QuerySet[Initiative] | None = self._chosen(
            InitiativeService(self.ctx).visible(network=self.network)
        )
        return chosen

    async def initiatives_by_theme(self) -> list[Tally]:
        initiatives = self._initiatives()
        if initiatives is None:
            return []
        tags = ThemeTag.filter(
            subject=INITIATIVE_TAGS, record_id__in=Subquery(initiatives.values("id"))
        )
        return _tallies(await _grouped(tags, "theme"), "theme")

    async def initiatives_by_country(self) -> list[Tally]:
        return _tallies(await _grouped(self._initiatives(), "country"), "country")

    async def fund_allocations(self) -> list[AreaTotal]:
        """What the projects the caller sees allocate to each thematic area, per currency,
        in the funds' order and the areas' numbers."""
        allocations = self._chosen(
            FundService(self.ctx).children_rows(Allocation, network=self.network),
            archivable=False,
        )
        if allocations is None:
            return []
        rows = (
            await allocations.annotate(total=Sum("amount"))
            .group_by(
                "thematic_area__fund__name",
                "thematic_area__number",
                "thematic_area__title",
                "currency",
            )
            .order_by("thematic_area__fund__name", "thematic_area__number", "currency")
            .values_list(
                "thematic_area__fund__name",
                "thematic_area__number",
                "thematic_area__title",
                "currency",
                "total",
            )
        )
        return [
            AreaTotal(str(fund), int(number), str(title), str(currency), Decimal(str(total)))
            for fund, number, title, currency, total in rows
        ]
