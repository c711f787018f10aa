"""GraphQL types of initiatives."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.enums import described_enum
from hub.graphql.filters import (
    PeriodFilter,
    any_of,
    condition,
    node_condition,
    service_filter_of,
    switch,
)
from hub.graphql.inputs import BY_TRANSLATED_TITLE, SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelNode, column, get_many, is_none, or_none
from hub.graphql.record_fields import Updated, when_archived
from hub.i18n.fields import translated
from hub.initiatives import models, service
from hub.initiatives.service import InitiativeService
from hub.stakeholders.types import organisation_in
from hub.tenancy.types import TenantRecord
from hub.themes.taxonomy import Theme
from hub.themes.types import Themed

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
class Initiative(TenantRecord, Themed, Updated, ModelNode[models.Initiative]):
    id: relay.NodeID[str]
    kind: models.InitiativeKind = strawberry.field(description="An action or an event.")
    status: models.InitiativeStatus = strawberry.field(description="Where it stands.")
    country: str | None = strawberry.field(
        description="Where it takes place (ISO 3166 alpha-2); null across countries."
    )
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
    created_at: datetime = strawberry.field(description="When it was reported.")
    archived_at: datetime | None = when_archived("initiatives")
    row: strawberry.Private[models.Initiative]

    title = translated("title", "Its title.")
    summary = translated("summary", "What it is about; null if none.")
    organisation = organisation_in(
        "organisation_id",
        "The organisation that reports it; null when the network does, or if you may not "
        "see that organisation.",
    )

    model_map = ModelMap(
        models.Initiative,
        country=column("country", convert=or_none),
        venue=column("venue", convert=or_none),
        by_network=column("organisation_id", convert=is_none),
        fetch=get_many(InitiativeService),
    )


@sort_fields("Fields initiatives can be sorted by.")
class InitiativeOrderField(SortField):
    STARTS_ON = "starts_on", "By the day it starts."
    TITLE = "title_index", "By title."
    CREATED_AT = "created_at", "By when it was recorded."


InitiativeOrder = sort_order(
    InitiativeOrderField, "Sort order of an initiative list.", BY_TRANSLATED_TITLE
)


LATEST_FIRST = Ordering("starts_on", OrderDirection.DESC)


@strawberry.input(description="Narrows an initiative list; all given conditions apply.")
class InitiativeFilter(PeriodFilter):
    kind: list[models.InitiativeKind] | None = any_of("kinds", "Any of these kinds.")
    status: list[models.InitiativeStatus] | None = any_of("statuses", "Any of these statuses.")
    theme: list[Theme] | None = any_of("themes", "Initiatives on any of these themes.")
    country: list[str] | None = any_of("countries", "In any of these countries (ISO 3166 alpha-2).")
    organisation: relay.GlobalID | None = node_condition(
        "organisation_id", "Organisation", "Only initiatives this organisation reports."
    )
    search: str | None = condition("Text the title or summary contains, in any language.")
    include_archived: bool = switch("Include archived initiatives.")

    service_filter = service_filter_of(service.InitiativeFilter)


INITIATIVES = ListOf(Initiative, InitiativeFilter, LATEST_FIRST, InitiativeOrder)
