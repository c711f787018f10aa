"""GraphQL types of the knowledge platform."""

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
from hub.i18n.languages import Language
from hub.i18n.types import LocalizedText, localized
from hub.knowledge import models
from hub.knowledge.service import KnowledgeService
from hub.pagination import OrderDirection, Ordering
from hub.stakeholders.loaders import OrganisationByIdLoader
from hub.stakeholders.types import Organisation
from hub.themes.taxonomy import Theme, parse_themes

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


@strawberry.type(
    description="A document or link shared with the network on its knowledge platform."
)
class KnowledgeResource(relay.Node):
    id: relay.NodeID[str]
    kind: models.KnowledgeKind = strawberry.field(description="What kind of resource it is.")
    url: str = strawberry.field(description="Where to find it (http or https).")
    languages: list[Language] = strawberry.field(
        description="The UN languages the resource itself is available in."
    )
    themes: list[Theme] = strawberry.field(description="Themes it concerns.")
    published_on: date | None = strawberry.field(
        description="When it was published; null if unknown."
    )
    classification: Classification = strawberry.field(description="Sensitivity.")
    created_at: datetime = strawberry.field(description="When it was shared.")
    updated_at: datetime = strawberry.field(description="When it last changed.")
    archived_at: datetime | None = strawberry.field(
        description="When it was archived; archived resources are left out of lists."
    )
    row: strawberry.Private[models.KnowledgeResource]

    @strawberry.field(description="Its title.")
    def title(
        self, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, self.row.title, lang)

    @strawberry.field(description="What it holds; null if none.")
    def description(
        self, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, self.row.description, lang)

    @strawberry.field(
        description="The organisation that shared it; null when the network did, or if you "
        "may not see that organisation."
    )
    async def shared_by(self, info: strawberry.Info[Context, None]) -> Organisation | None:
        if self.row.shared_by_id is None:
            return None
        row = await OrganisationByIdLoader.of(info.context).load(str(self.row.shared_by_id))
        return Organisation.from_model(row) if row else None

    @classmethod
    def from_model(cls, row: models.KnowledgeResource) -> KnowledgeResource:
        return cls(
            id=str(row.id),
            kind=row.kind,
            url=row.url,
            languages=[Language(code) for code in row.languages if code in set(Language)],
            themes=parse_themes(row.themes),
            published_on=row.published_on,
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
    ) -> list[KnowledgeResource | None]:
        rows = await KnowledgeService(info.context).get_many(list(node_ids))
        return [cls.from_model(r) if r else None for r in rows]


class KnowledgeResourceOrderField(StrEnum):
    TITLE = "title_index"
    PUBLISHED_ON = "published_order"
    CREATED_AT = "created_at"


described_enum(
    KnowledgeResourceOrderField,
    "Fields knowledge resources can be sorted by.",
    {
        KnowledgeResourceOrderField.TITLE: "By title.",
        KnowledgeResourceOrderField.PUBLISHED_ON: "By publication date.",
        KnowledgeResourceOrderField.CREATED_AT: "By when it was shared.",
    },
)


@strawberry.input(description="Sort order of a list of knowledge resources.")
class KnowledgeResourceOrder:
    field: KnowledgeResourceOrderField = strawberry.field(
        description="Field to sort by; TITLE sorts by the title in the tenant's language; "
        "PUBLISHED_ON puts resources without a date before the dated ones (after them when "
        "descending)."
    )
    direction: OrderDirection = strawberry.field(
        default=OrderDirection.ASC, description="Sort direction."
    )

    def ordering(self) -> Ordering:
        return Ordering(str(self.field), self.direction)


NEWEST_FIRST = Ordering("published_order", OrderDirection.DESC)


@strawberry.input(description="Narrows a list of knowledge resources; all conditions apply.")
class KnowledgeResourceFilter:
    kind: list[models.KnowledgeKind] | None = strawberry.field(
        default=None, description="Any of these kinds."
    )
    theme: list[Theme] | None = strawberry.field(
        default=None, description="Resources on any of these themes."
    )
    language: list[Language] | None = strawberry.field(
        default=None, description="Resources available in any of these languages."
    )
    classification: list[Classification] | None = strawberry.field(
        default=None, description="Any of these classifications."
    )
    search: str | None = strawberry.field(
        default=None, description="Text the title or description contains, in any language."
    )
    include_archived: bool = strawberry.field(
        default=False, description="Include archived resources."
    )
    tenant: str | None = strawberry.field(
        default=None, description="Only rows of this tenant (slug), within what you may see."
    )
