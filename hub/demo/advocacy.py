"""Demo statements of the network, each linked to the advocacy note that prompted it. The
consultation called for "strong and principled public statements on the human rights of
migrants"; these two are demo data."""

from __future__ import annotations

from datetime import UTC, datetime

from hub.advocacy.models import AdvocacyNote, Statement, StatementStatus, StatementTransition
from hub.core.classification import Classification
from hub.demo.tables import titled
from hub.i18n.text import Translations
from hub.tenancy.models import Tenant

S = StatementStatus
DRAFTER = "advocacy@network.example.org"
APPROVER = "coordinator@network.example.org"

# (title, body, prompting note, status reached, classification while unpublished)
STATEMENTS: tuple[tuple[Translations, Translations, str, StatementStatus, Classification], ...] = (
    (
        {
            "en": "The Network welcomes the participation of all stakeholders in the IMRF (demo)",
            "fr": "Le Réseau salue la participation de toutes les parties prenantes au FEMI (démo)",
        },
        {
            "en": "In line with paragraph 53 of the Global Compact, the Network calls for the "
            "involvement of civil society and other stakeholders in the International Migration "
            "Review Forum at all levels, including those without ECOSOC accreditation (demo).",
        },
        "Consultation access for organisations without ECOSOC status",
        S.PUBLISHED,
        Classification.NETWORK,
    ),
    (
        {"en": "Civic space for migrant workers' organisations (demo)"},
        {
            "en": "The Network is concerned by reports that migrant workers' organisations are "
            "prevented from meeting (demo).",
        },
        "Pressure on a migrant workers' rights network",
        S.IN_REVIEW,
        Classification.RESTRICTED,
    ),
)


def _path(reached: StatementStatus) -> list[StatementStatus]:
    order = [S.DRAFT, S.IN_REVIEW, S.APPROVED, S.PUBLISHED]
    return order[: order.index(reached) + 1]


async def load_statements(tenants: dict[str, Tenant]) -> int:
    tenant = tenants["global"]
    created = 0
    for title, body, note_title, reached, classification in STATEMENTS:
        if await Statement.exists(tenant=tenant, title_index=title["en"]):
            continue
        note = await AdvocacyNote.get(title=note_title)
        published = reached is S.PUBLISHED
        statement = await Statement.create(
            tenant=tenant,
            **titled(tenant, title),
            body=body,
            note_ids=[str(note.id)],
            status=reached,
            published_at=datetime.now(UTC) if published else None,
            classification=Classification.PUBLIC if published else classification,
        )
        previous: StatementStatus | None = None
        for step in _path(reached):
            await StatementTransition.create(
                tenant=tenant,
                statement=statement,
                from_status=previous,
                to_status=step,
                actor=DRAFTER if step in (S.DRAFT, S.IN_REVIEW) else APPROVER,
            )
            previous = step
        created += 1
    return created
