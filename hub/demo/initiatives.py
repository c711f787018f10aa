"""Demo initiatives, in initiatives.toml: actions and events that organisations, or the
network itself, report."""

from __future__ import annotations

from dataclasses import dataclass

from hub.core.classification import Classification
from hub.demo.tables import missing, organisation_named, read_rows
from hub.i18n.text import Translations, searchable_text
from hub.initiatives.models import Initiative, InitiativeStatus
from hub.initiatives.service import TAG_SUBJECT, InitiativeTiming
from hub.tenancy.models import Tenant
from hub.themes.tags import retag
from hub.themes.taxonomy import Theme, stored


@dataclass(frozen=True, kw_only=True)
class DemoInitiative(InitiativeTiming):
    tenant: str
    # None: the network itself gives notice.
    organisation: str | None = None
    title: Translations
    summary: str
    status: InitiativeStatus
    country: str
    themes: tuple[Theme, ...]
    classification: Classification = Classification.NETWORK


DEMO_INITIATIVES = read_rows(DemoInitiative, "initiatives.toml", "initiative")
MAYORS = DEMO_INITIATIVES[0].title["en"]


async def load_initiatives(tenants: dict[str, Tenant]) -> int:
    """Create the demo initiatives that are missing."""
    created = 0
    async for demo, tenant, title_index in missing(Initiative, DEMO_INITIATIVES, tenants):
        summary = {"en": demo.summary}
        row = await Initiative.create(
            tenant=tenant,
            organisation=await organisation_named(tenant, demo.organisation),
            title=demo.title,
            title_index=title_index,
            summary=summary,
            search_text=searchable_text(demo.title, summary),
            kind=demo.kind,
            status=demo.status,
            country=demo.country,
            themes=stored(list(demo.themes)),
            starts_on=demo.starts_on,
            ends_on=demo.ends_on,
            event_on=demo.event_on,
            venue=demo.venue,
            online=demo.online,
            advance_notice_on=demo.advance_notice_on,
            classification=demo.classification,
        )
        await retag(TAG_SUBJECT, row.id, tenant.id, demo.themes)
        created += 1
    return created
