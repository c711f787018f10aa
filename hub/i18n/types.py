"""GraphQL types for translatable text."""

from __future__ import annotations

import functools
from enum import StrEnum
from typing import Annotated

import strawberry

from hub.core.context import Context
from hub.graphql.enums import described_enum
from hub.i18n.enum_labels import ENUM_LABELS
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


CODES = frozenset(language.value for language in Language)


# Every translated field of every row asks this; a request has one header and one tenant.
@functools.lru_cache(maxsize=256)
def _preferences(
    lang: Language | None, accept_language: str | None, default: str
) -> tuple[Language, ...]:
    wanted = [lang] if lang else []
    wanted += accepted(accept_language)
    if default in CODES:
        wanted.append(Language(default))
    return tuple(wanted)


def preferences(ctx: Context, lang: Language | None) -> tuple[Language, ...]:
    return _preferences(
        lang, ctx.request.headers.get("accept-language"), ctx.tenant.default_language
    )


def language_codes(ctx: Context, lang: str | None) -> tuple[str, ...]:
    """The codes of the languages to try, in the order ``pick`` tries them: those the
    request prefers, then every UN language."""
    # Every row of a page asks this with the same `lang`: the order is worked out once per
    # request.
    codes = ctx.text_languages.get(lang)
    if codes is None:
        preferred = [p.value for p in preferences(ctx, Language(lang) if lang else None)]
        codes = tuple(dict.fromkeys([*preferred, *(language.value for language in Language)]))
        ctx.text_languages[lang] = codes
    return codes


def text_for(ctx: Context, translations: Translations, lang: str | None) -> str | None:
    """The text of ``localized`` alone, for fields that show no more than that; ``lang``
    may come as the enum's value, as graphql-core hands it to a direct resolver
    (``hub.graphql.direct``)."""
    for code in language_codes(ctx, lang):
        if text := translations.get(code):
            return text
    return None


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


# The `lang` argument of every translated field.
Lang = Annotated[Language | None, strawberry.argument(description=LANG_DESCRIPTION)]


# The schema's enums labelled in the six UN languages, for a front end's pickers, badges
# and legends: one query gives every label a screen shows, in the language it shows.
class LabelledEnum(StrEnum):
    """The enums labelled, by their GraphQL names: this module needs none of the domains
    that declare them, and a test holds the labels to the schema's enums."""

    LANGUAGE = "Language"
    TENANT_LEVEL = "TenantLevel"
    CLASSIFICATION = "Classification"
    ORGANISATION_KIND = "OrganisationKind"
    ECOSOC_STATUS = "EcosocStatus"
    PLEDGE_STATUS = "PledgeStatus"
    PROJECT_STATUS = "ProjectStatus"
    MOU_STATUS = "MouStatus"
    SEAT = "Seat"
    CONSULTATION_KIND = "ConsultationKind"
    CONSULTATION_STATUS = "ConsultationStatus"
    PARTICIPANT_ROLE = "ParticipantRole"
    GENDER = "Gender"
    RISK_LEVEL = "RiskLevel"
    RECOMMENDED_ACTION = "RecommendedAction"
    NOTE_STATUS = "NoteStatus"
    STATEMENT_STATUS = "StatementStatus"
    WORK_STREAM_STATUS = "WorkStreamStatus"
    HORIZON = "Horizon"
    PRIORITY_STATUS = "PriorityStatus"
    MEMBER_ROLE = "MemberRole"
    INITIATIVE_KIND = "InitiativeKind"
    INITIATIVE_STATUS = "InitiativeStatus"
    KNOWLEDGE_KIND = "KnowledgeKind"
    PROPOSAL_TARGET = "ProposalTarget"
    PROPOSAL_SCOPE = "ProposalScope"
    PROPOSAL_STATUS = "ProposalStatus"


described_enum(
    LabelledEnum,
    "An enum of the schema whose values have labels.",
    {member: f"The values of {member.value}." for member in LabelledEnum},
)
if set(LabelledEnum) != set(ENUM_LABELS):
    raise RuntimeError("LabelledEnum names exactly the enums that ENUM_LABELS labels.")


@strawberry.type(description="A value of an enum and its label, for pickers and legends.")
class EnumLabel:
    enum: LabelledEnum = strawberry.field(description="The enum.")
    value: str = strawberry.field(description="The value, as the enum names it.")
    label: str = strawberry.field(description="Its label in English.")

    @strawberry.field(
        description="Its label in the language wanted (else the request's, else English), "
        "in any of the six UN languages."
    )
    def localized_label(
        self, info: strawberry.Info[Context, None], lang: Lang = None
    ) -> LocalizedText | None:
        return localized(info, ENUM_LABELS[self.enum.value][self.value], lang)


def labels(enum: LabelledEnum | None) -> list[EnumLabel]:
    """The labels of ``enum``'s values in its order, or of every enum's, enum by enum."""
    chosen = [enum] if enum is not None else list(LabelledEnum)
    return [
        EnumLabel(enum=each, value=value, label=texts["en"])
        for each in chosen
        for value, texts in ENUM_LABELS[each.value].items()
    ]
