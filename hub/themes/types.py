"""GraphQL types of the theme taxonomy."""

from __future__ import annotations

import strawberry

from hub.core.context import Context
from hub.graphql.declared_fields import stored_values
from hub.graphql.model_types import FieldGroup, column
from hub.i18n.types import Lang, LocalizedText, localized
from hub.themes.taxonomy import LABELS, Theme, labels_of, parse_themes


@strawberry.type(description="A theme and its label, for pickers and legends.")
class ThemeEntry:
    theme: Theme = strawberry.field(description="The theme.")
    label: str = strawberry.field(description="Its name in English.")

    @strawberry.field(
        description="Its name in the language wanted (else the request's, else English), "
        "in any of the six UN languages."
    )
    def localized_label(
        self, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, labels_of(self.theme), lang)


def entries() -> list[ThemeEntry]:
    return [ThemeEntry(theme=theme, label=LABELS[theme]) for theme in Theme]


@strawberry.type
class Themed(FieldGroup):
    """The themes a record concerns, kept in its column of theme codes."""

    themes: list[Theme] = strawberry.field(
        description="Themes it concerns.", metadata=stored_values("themes")
    )

    columns = {"themes": column("themes", convert=parse_themes)}
