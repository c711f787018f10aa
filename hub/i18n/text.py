"""Text held in several UN languages, and choosing the one to show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hub.i18n.languages import Language
from hub.validation import Problem

# Stored as {"en": "...", "fr": "..."}: only languages that have a text.
Translations = dict[str, str]


@dataclass(frozen=True)
class Translation:
    language: Language
    text: str


def check_translations(
    problems: list[Problem],
    field: str,
    items: Sequence[Translation] | None,
    *,
    max_length: int,
    required: bool = False,
) -> Translations | None:
    """Translations as stored, or None when none were given; problems for blank or
    too-long texts, a language given twice, or none at all when required."""
    if items is None:
        if required:
            problems.append(Problem(field, "REQUIRED", f"{field} needs a text in one language."))
        return None
    stored: Translations = {}
    for item in items:
        text = item.text.strip()
        path = f"{field}.{item.language.value}"
        if item.language.value in stored:
            problems.append(Problem(path, "DUPLICATE", f"{path} is given twice."))
        elif not text:
            problems.append(Problem(path, "REQUIRED", f"{path} must not be blank."))
        elif len(text) > max_length:
            problems.append(
                Problem(path, "TOO_LONG", f"{path} must be at most {max_length} characters.")
            )
        else:
            stored[item.language.value] = text
    if required and not items:
        problems.append(Problem(field, "REQUIRED", f"{field} needs a text in one language."))
    return stored


def pick(translations: Translations, preferred: Sequence[Language]) -> Translation | None:
    """The text in the first preferred language present, else in any language present
    (in the order of the enumeration), else None."""
    for language in preferred:
        if text := translations.get(language.value):
            return Translation(language, text)
    for language in Language:
        if text := translations.get(language.value):
            return Translation(language, text)
    return None


def index_text(translations: Translations, default: str) -> str:
    """One text to sort by: the tenant's default language, else the first present."""
    chosen = pick(translations, [Language(default)] if default in set(Language) else [])
    return chosen.text if chosen else ""


def search_text(translations: Translations) -> str:
    """Every translation, for a search that finds a word in any language."""
    return "\n".join(translations[lang.value] for lang in Language if lang.value in translations)
