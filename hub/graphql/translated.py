"""Fields that show a row's translations in the language wanted."""

from __future__ import annotations

from typing import Any

import strawberry

from hub.core.context import Context
from hub.graphql.arguments import Lang
from hub.i18n.types import LocalizedText, localized


def translated(column: str, description: str) -> Any:
    """A field showing the translations held in the column ``column`` of the type's
    ``row``: the text in the language wanted, or a fallback, and which language it is."""

    def resolve(
        self: Any, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, getattr(self.row, column), lang)

    return strawberry.field(resolver=resolve, description=description)
