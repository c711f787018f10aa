"""Fields that show a row's translations in the language wanted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import strawberry

from hub.core.context import Context
from hub.graphql.declared_fields import Stored, Translated, stored_value, translated_field
from hub.i18n.languages import Language
from hub.i18n.text import Translations, texts_of
from hub.i18n.types import Lang, LocalizedText, language_codes, localized, text_for


def _declared(column: str, stored: Stored) -> Mapping[str, Any]:
    return translated_field(Translated(column, stored, language_codes))


def translated(column: str, description: str) -> Any:
    """A field showing the translations held in the column ``column`` of the type's
    ``row``: the text in the language wanted, or a fallback, and which language it is."""

    def resolve(
        self: Any, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, getattr(self.row, column), lang)

    return strawberry.field(
        resolver=resolve,
        description=description,
        metadata=_declared(column, Stored.TRANSLATIONS),
    )


# Rows written in one language (their ``language`` column) with versions in others (their
# ``translations`` column, keyed by the names of the columns translated).


def _texts(row: Any, column: str) -> Translations:
    return texts_of(row.language, getattr(row, column), row.translations, column)


def title_in(source: Any, ctx: Context, lang: str | None) -> str:
    """The title of the row of ``source`` in the language wanted (``lang`` or, as a direct
    resolver gets it, its value)."""
    return text_for(ctx, _texts(source.row, "title"), lang) or str(source.row.title)


def source_language(description: str) -> Any:
    """The language the row was written in; null for one the hub no longer offers."""

    def resolve(self: Any) -> Language | None:
        return Language(self.row.language) if self.row.language in set(Language) else None

    return strawberry.field(
        resolver=resolve, description=description, metadata=stored_value("language")
    )


# A plain-text title kept beside ``localizedTitle`` for the clients that read it.
LOCALIZED_TITLE = "Use `localizedTitle`: a LocalizedText, as every translated text."


def translated_title(
    description: str, metadata: Mapping[str, Any], *, deprecation_reason: str | None = None
) -> Any:
    """The row's title in the language wanted, else in the first language it has.

    Pages of rows show it, so the type resolves it directly (``hub.graphql.direct``):
    ``metadata=direct(lambda source, info, lang=None: title_in(source, info.context, lang))``.
    """

    def resolve(self: Any, info: strawberry.Info[Context, None], lang: Lang = None) -> str:
        return title_in(self, info.context, lang)

    return strawberry.field(
        resolver=resolve,
        description=description,
        metadata={**metadata, **_declared("title", Stored.VERSIONS)},
        deprecation_reason=deprecation_reason,
    )


def translated_text(column: str, description: str, *, deprecation_reason: str | None = None) -> Any:
    """The column ``column`` in the language wanted, else in the first language it has."""

    def resolve(self: Any, info: strawberry.Info[Context, None], lang: Lang = None) -> str:
        chosen = localized(info, _texts(self.row, column), lang)
        return chosen.text if chosen else str(getattr(self.row, column))

    return strawberry.field(
        resolver=resolve,
        description=description,
        metadata=_declared(column, Stored.VERSIONS),
        deprecation_reason=deprecation_reason,
    )


def localized_version(column: str, description: str) -> Any:
    """The column ``column`` in the language wanted and which language that is."""

    def resolve(
        self: Any, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, _texts(self.row, column), lang)

    return strawberry.field(
        resolver=resolve, description=description, metadata=_declared(column, Stored.VERSIONS)
    )
