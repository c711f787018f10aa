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
    # Given as lists of translations, one per text, rather than as one entry per language:
    # problems name the list.
    localized: bool = False

    def path(self, key: str | None = None) -> str:
        """Where a problem with its ``key`` text was given."""
        if self.localized:
            return f"{localized_name(key or 'title')}.{self.language.value}"
        return f"translations.{self.language.value}" + (f".{key}" if key else "")


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
        path = item.path()
        if item.language.value == source_language or item.language.value in stored:
            problems.append(Problem(path, "DUPLICATE", f"{path} repeats a language."))
            continue
        clean: dict[str, str] = {}
        for key, limit in limits.items():
            text = (item.texts.get(key) or "").strip()
            where = item.path(key)
            if key == first and not text:
                problems.append(Problem(where, "REQUIRED", f"{where} is blank."))
            elif len(text) > limit:
                problems.append(Problem(where, "TOO_LONG", f"{where} exceeds {limit}."))
            elif text:
                clean[key] = text
        stored[item.language.value] = clean
    return stored


def grouped(
    texts: dict[str, Sequence[Translation] | None], problems: list[Problem], field: str | None
) -> list[Version] | None:
    """One version per language from one list of translations per text (``title``,
    ``body``), as the inputs that take every translated text as a list give them; None when
    no list is given. Problems for a language given twice in a list and, for a new record,
    for a language given texts but not ``field``, which every version needs."""
    if all(items is None for items in texts.values()):
        return None
    by_language: dict[Language, dict[str, str]] = {}
    for key, items in texts.items():
        seen: set[Language] = set()
        for item in items or ():
            path = f"{localized_name(key)}.{item.language.value}"
            if item.language in seen:
                problems.append(Problem(path, "DUPLICATE", f"{path} is given twice."))
            seen.add(item.language)
            by_language.setdefault(item.language, {})[key] = item.text
    for language, fields in by_language.items():
        if field is not None and not (fields.get(field) or "").strip():
            path = f"{localized_name(field)}.{language.value}"
            problems.append(
                Problem(path, "REQUIRED", f"A text in {language.name} needs a {field} in it.")
            )
    return [Version(language, fields, localized=True) for language, fields in by_language.items()]


def localized_name(key: str) -> str:
    """The input field that takes ``key`` as a list of translations."""
    return f"localized{key[:1].upper()}{key[1:]}"


def split_source(
    versions: Sequence[Version], source: str, held: Versions | None = None
) -> tuple[dict[str, str], list[Version]]:
    """The texts ``versions`` give in the record's own language, ``source``, and the
    versions of the other languages, over those it ``held`` when they change them."""
    own = next((v.texts for v in versions if v.language.value == source), {})
    held = held or {}
    others = [
        Version(v.language, {**held.get(v.language.value, {}), **v.texts}, v.localized)
        for v in versions
        if v.language.value != source
    ]
    return dict(own), others


def own_texts(
    problems: list[Problem],
    language: Language | None,
    versions: Sequence[Version] | None,
    *,
    plain: bool,
    default: str,
) -> tuple[str, dict[str, str], Sequence[Version] | None]:
    """A new record's own language, its texts in it, and its versions in the others.

    Given plainly (``plain``), its texts are the plain fields' (none here) and every
    version is another language's. Given as lists of translations, its language is
    ``language``, else the first the lists name, and its texts are theirs in it.
    """
    if plain or not versions:
        return (language.value if language else default), {}, versions
    source = language.value if language else versions[0].language.value
    own, others = split_source(versions, source)
    if not own:
        problems.append(
            Problem("language", "MISSING_TEXT", f"No text is given in {source}, its language.")
        )
    return source, own, others
