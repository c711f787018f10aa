"""Text held in several UN languages, and choosing the one to show."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from hub.core.validation import Problem
from hub.i18n.languages import Language

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


def searchable_text(*texts: Translations) -> str:
    """Every translation of each text (a title, then a summary or a description), so that a
    search finds a word in any of them."""
    return "\n".join(found for found in (search_text(text) for text in texts) if found)


# Records whose main text is written in one language keep the others beside it, as
# {"fr": {"title": ..., "description": ...}}; these helpers give one field in every language.
Versions = dict[str, dict[str, str]]


def texts_of(source_language: str, source_text: str, versions: Versions, key: str) -> Translations:
    """One field in every language it is held in: the source first, then the versions."""
    texts: Translations = {source_language: source_text} if source_text else {}
    for language, fields in versions.items():
        if text := fields.get(key):
            texts.setdefault(language, text)
    return texts


@dataclass(frozen=True)
class Version:
    """A record's texts in one more language."""

    language: Language
    texts: dict[str, str]


def check_versions(
    problems: list[Problem],
    items: Sequence[Version] | None,
    source_language: str,
    limits: dict[str, int],
) -> Versions | None:
    """Versions as stored; problems for the source language given again, a language given
    twice, a blank first field, or a text over its limit."""
    if items is None:
        return None
    stored: Versions = {}
    first = next(iter(limits))
    for item in items:
        path = f"translations.{item.language.value}"
        if item.language.value == source_language or item.language.value in stored:
            problems.append(Problem(path, "DUPLICATE", f"{path} repeats a language."))
            continue
        clean: dict[str, str] = {}
        for key, limit in limits.items():
            text = (item.texts.get(key) or "").strip()
            if key == first and not text:
                problems.append(Problem(f"{path}.{key}", "REQUIRED", f"{path}.{key} is blank."))
            elif len(text) > limit:
                problems.append(
                    Problem(f"{path}.{key}", "TOO_LONG", f"{path}.{key} exceeds {limit}.")
                )
            elif text:
                clean[key] = text
        stored[item.language.value] = clean
    return stored
