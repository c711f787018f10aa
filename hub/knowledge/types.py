"""GraphQL types of the knowledge platform."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from hub.core.pagination import OrderDirection, Ordering
from hub.graphql.enums import described_enum
from hub.graphql.filters import ClassifiedFilter, any_of, condition, service_filter_of, switch
from hub.graphql.inputs import SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelNode, column, get_many
from hub.graphql.record_fields import Updated, when_archived
from hub.i18n.fields import translated
from hub.i18n.languages import Language
from hub.knowledge import models, service
from hub.knowledge.service import KnowledgeService
from hub.stakeholders.types import organisation_in
from hub.tenancy.types import TenantRecord
from hub.themes.taxonomy import Theme
from hub.themes.types import Themed

described_enum(
    models.KnowledgeKind,
    "What kind of knowledge resource it is.",
    {
        models.KnowledgeKind.DOCUMENT: "A report, paper or other document.",
        models.KnowledgeKind.LINK: "A link to a web page.",
        models.KnowledgeKind.DATASET: "Data.",
        models.KnowledgeKind.VIDEO: "A recording.",
        models.KnowledgeKind.TRAINING: "Training material.",
    },
)


def _known_languages(codes: list[str]) -> list[Language]:
    return [Language(code) for code in codes if code in set(Language)]


@strawberry.type(
    description="A document or link shared with the network on its knowledge platform."
)
class KnowledgeResource(TenantRecord, Themed, Updated, ModelNode[models.KnowledgeResource]):
    id: relay.NodeID[str]
    kind: models.KnowledgeKind = strawberry.field(description="What kind of resource it is.")
    url: str = strawberry.field(description="Where to find it (http or https).")
    languages: list[Language] = strawberry.field(
        description="The UN languages the resource itself is available in."
    )
    published_on: date | None = strawberry.field(
        description="When it was published; null if unknown."
    )
    created_at: datetime = strawberry.field(description="When it was shared.")
    archived_at: datetime | None = when_archived("resources")
    row: strawberry.Private[models.KnowledgeResource]

    title = translated("title", "Its title.")
    description = translated("description", "What it holds; null if none.")
    shared_by = organisation_in(
        "shared_by_id",
        "The organisation that shared it; null when the network did, or if you may not see "
        "that organisation.",
    )

    model_map = ModelMap(
        models.KnowledgeResource,
        languages=column("languages", convert=_known_languages),
        fetch=get_many(KnowledgeService),
    )


@sort_fields("Fields knowledge resources can be sorted by.")
class KnowledgeResourceOrderField(SortField):
    TITLE = "title_index", "By title."
    PUBLISHED_ON = "published_order", "By publication date."
    CREATED_AT = "created_at", "By when it was shared."


KnowledgeResourceOrder = sort_order(
    KnowledgeResourceOrderField,
    "Sort order of a list of knowledge resources.",
    "Field to sort by; TITLE sorts by the title in the tenant's language; "
    "PUBLISHED_ON puts resources without a date before the dated ones (after them when "
    "descending).",
)


NEWEST_FIRST = Ordering("published_order", OrderDirection.DESC)


@strawberry.input(description="Narrows a list of knowledge resources; all conditions apply.")
class KnowledgeResourceFilter(ClassifiedFilter):
    kind: list[models.KnowledgeKind] | None = any_of("kinds", "Any of these kinds.")
    theme: list[Theme] | None = any_of("themes", "Resources on any of these themes.")
    language: list[Language] | None = any_of(
        "languages", "Resources available in any of these languages."
    )
    search: str | None = condition("Text the title or description contains, in any language.")
    include_archived: bool = switch("Include archived resources.")

    service_filter = service_filter_of(service.KnowledgeFilter)


KNOWLEDGE_RESOURCES = ListOf(
    KnowledgeResource, KnowledgeResourceFilter, NEWEST_FIRST, KnowledgeResourceOrder
)
