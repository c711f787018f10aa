"""GraphQL types for translatable text."""

from __future__ import annotations

import strawberry

from hub.context import Context
from hub.i18n.languages import Language, accepted
from hub.i18n.text import Translation, Translations, pick


@strawberry.type(description="A text in one language, and which language it is.")
class LocalizedText:
    text: str = strawberry.field(description="The text.")
    language: Language = strawberry.field(
        description="Its language: the one asked for when present, else a fallback."
    )
    available: list[Language] = strawberry.field(description="Every language it is held in.")


@strawberry.input(description="A text in one language.")
class TranslationInput:
    language: Language = strawberry.field(description="Its language.")
    text: str = strawberry.field(description="The text.")

    def value(self) -> Translation:
        return Translation(self.language, self.text)


LANG_DESCRIPTION = (
    "The language wanted; without it the request's Accept-Language, then the tenant's "
    "default language; falls back to any language present."
)


def preferences(ctx: Context, lang: Language | None) -> list[Language]:
    wanted = [lang] if lang else []
    wanted += accepted(ctx.request.headers.get("accept-language"))
    default = ctx.tenant.default_language
    if default in {language.value for language in Language}:
        wanted.append(Language(default))
    return wanted


def localized(
    info: strawberry.Info[Context, None], translations: Translations, lang: Language | None
) -> LocalizedText | None:
    chosen = pick(translations, preferences(info.context, lang))
    if chosen is None:
        return None
    return LocalizedText(
        text=chosen.text,
        language=chosen.language,
        available=[language for language in Language if language.value in translations],
    )
