"""GraphQL types of initiatives."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from enum import StrEnum

import strawberry
from strawberry import relay

from hub.access.classification import Classification
from hub.context import Context
from hub.graphql.arguments import Lang
from hub.graphql.enums import described_enum
from hub.i18n.types import LocalizedText, localized
from hub.initiatives import models
from hub.initiatives.service import InitiativeService
from hub.pagination import OrderDirection, Ordering
from hub.stakeholders.loaders import OrganisationByIdLoader
from hub.stakeholders.types import Organisation
from hub.themes.taxonomy import Theme, parse_themes

described_enum(
    models.InitiativeKind,
    "ACTION: an action implementing the compact; EVENT: an event announced ahead.",
    {
        models.InitiativeKind.ACTION: "An action implementing the compact.",
        models.InitiativeKind.EVENT: "An event, announced ahead.",
    },
)
described_enum(
    models.InitiativeStatus,
    "PLANNED, then ONGOING, then COMPLETED; DISCONTINUED until completed.",
    {
        models.InitiativeStatus.PLANNED: "Not yet started.",
        models.InitiativeStatus.ONGOING: "Under way.",
        models.InitiativeStatus.COMPLETED: "Finished.",
        models.InitiativeStatus.DISCONTINUED: "Stopped before it was finished.",
    },
)


@strawberry.type(
    description="An action a stakeholder reports on implementing the compact, or advance "
    "notice of an event, from a stakeholder or from the network itself."
)
class Initiative(relay.Node):
    id: relay.NodeID[str]
    kind: models.InitiativeKind = strawberry.field(description="An action or an event.")
    status: models.InitiativeStatus = strawberry.field(description="Where it stands.")
    country: str | None = strawberry.field(
        description="Where it takes place (ISO 3166 alpha-2); null across countries."
    )
    themes: list[Theme] = strawberry.field(description="Themes it concerns.")
    starts_on: date = strawberry.field(description="First day of its period.")
    ends_on: date | None = strawberry.field(description="Last day; null while open-ended.")
    event_on: date | None = strawberry.field(description="Events: the day it is held.")
    venue: str | None = strawberry.field(description="Events: where; null if not given.")
    online: bool = strawberry.field(description="Events: whether one can join online.")
    advance_notice_on: date | None = strawberry.field(
        description="Events: when notice of it was given."
    )
    by_network: bool = strawberry.field(
        description="Whether the network itself reports it, rather than an organisation."
    )
    classification: Classification = strawberry.field(description="Sensitivity.")
    created_at: datetime = strawberry.field(description="When it was reported.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived; archived initiatives are left out of lists."
    )
    row: strawberry.Private[models.Initiative]

    @strawberry.field(description="Its title.")
    def title(
        self, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, self.row.title, lang)

    @strawberry.field(description="What it is about; null if none.")
    def summary(
        self, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, self.row.summary, lang)

    @strawberry.field(
        description="The organisation that reports it; null when the network does, or if "
        "you may not see that organisation."
    )
    async def organisation(self, info: strawberry.Info[Context, None]) -> Organisation | None:
        if self.row.organisation_id is None:
            return None
        row = await OrganisationByIdLoader.of(info.context).load(str(self.row.organisation_id))
        return Organisation.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: models.Initiative) -> Initiative:
        return cls(
            id=str(row.id),
            kind=row.kind,
            status=row.status,
            country=row.country or None,
            themes=parse_themes(row.themes),
            starts_on=row.starts_on,
            ends_on=row.ends_on,
            event_on=row.event_on,
            venue=row.venue or None,
            online=row.online,
            advance_notice_on=row.advance_notice_on,
            by_network=row.organisation_id is None,
            classification=row.classification,
            created_at=row.created_at,
            updated_at=row.updated_at,
            archived_at=row.archived_at,
            row=row,
        )

    @classmethod
    async def resolve_nodes(  # type: ignore[override]
        cls,
        *,
        info: strawberry.Info[Context, None],
        node_ids: Iterable[str],
        required: bool = False,
    ) -> list[Initiative | None]:
        rows = await InitiativeService(info.context).get_many(list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


class InitiativeOrderField(StrEnum):
    STARTS_ON = "starts_on"
    TITLE = "title_index"
    CREATED_AT = "created_at"


described_enum(
    InitiativeOrderField,
    "Fields initiatives can be sorted by.",
    {
        InitiativeOrderField.STARTS_ON: "By the day it starts.",
        InitiativeOrderField.TITLE: "By title.",
        InitiativeOrderField.CREATED_AT: "By when it was recorded.",
    },
)


@strawberry.input(description="Sort order of an initiative list.")
class InitiativeOrder:
    field: InitiativeOrderField = strawberry.field(
        description="Field to sort by; TITLE sorts by the title in the tenant's language."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Sort direction."
    )

    def ordering(self) -> Ordering:
        return Ordering(str(self.field), self.direction)


LATEST_FIRST = Ordering("starts_on", OrderDirection.DESC)


@strawberry.input(description="Narrows an initiative list; all given conditions apply.")
class InitiativeFilter:
    kind: list[models.InitiativeKind] | None = strawberry.field(
        default=None, description="Any of these kinds."
    )
    status: list[models.InitiativeStatus] | None = strawberry.field(
        default=None, description="Any of these statuses."
    )
    theme: list[Theme] | None = strawberry.field(
        default=None, description="Initiatives on any of these themes."
    )
    country: list[str] | None = strawberry.field(
        default=None, description="In any of these countries (ISO 3166 alpha-2)."
    )
    classification: list[Classification] | None = strawberry.field(
        default=None, description="Any of these classifications."
    )
    organisation: relay.GlobalID | None = strawberry.field(
        default=None, description="Only initiatives this organisation reports."
    )
    search: str | None = strawberry.field(
        default=None, description="Text the title or summary contains, in any language."
    )
    starts_from: date | None = strawberry.field(
        default=None, description="Starting on or after this day."
    )
    starts_to: date | None = strawberry.field(
        default=None, description="Starting on or before this day."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Include archived initiatives."
    )
    tenant: str | None = strawberry.field(
        default=None, description="Only rows of this tenant (slug), within what you may see."
    )
