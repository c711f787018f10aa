"""Translated texts in SQL, chosen as ``hub.i18n`` chooses them: the first language of the
request's list (every UN language in the end) that holds a text that is not blank."""

from __future__ import annotations

from collections.abc import Sequence

from hub.compiled.values import column, literal
from hub.graphql.declared_fields import Stored, Translated


def _text_in(declared: Translated, row: str, code: str) -> str:
    """The text in the language ``code``; NULL when there is none or it is blank."""
    lang = literal(code)
    if declared.stored is Stored.TRANSLATIONS:
        return f"nullif({column(declared.column, row)} ->> {lang}, '')"
    # The source text first, as ``hub.i18n.text.texts_of`` puts it before the versions.
    source = (
        f"CASE WHEN {column('language', row)} = {lang} "
        f"THEN nullif({column(declared.column, row)}, '') END"
    )
    version = f"nullif({column('translations', row)} -> {lang} ->> {literal(declared.column)}, '')"
    return f"coalesce({source}, {version})"


def _held_in(declared: Translated, row: str, code: str) -> str:
    """Whether the text is held in ``code`` (``LocalizedText.available``): a key of the
    translations, or a text that is not blank for a row's source and versions."""
    if declared.stored is Stored.TRANSLATIONS:
        return f"({column(declared.column, row)} -> {literal(code)}) IS NOT NULL"
    return f"{_text_in(declared, row, code)} IS NOT NULL"


def text(declared: Translated, row: str, codes: Sequence[str]) -> str:
    """The text alone, else the column as it is (``hub.i18n.fields.title_in``)."""
    chosen = ", ".join(_text_in(declared, row, code) for code in codes)
    return f"coalesce({chosen}, {column(declared.column, row)}::text)"


def localized(
    declared: Translated,
    row: str,
    codes: Sequence[str],
    selection: Sequence[tuple[str, str]],
    type_name: str,
    names: dict[str, str],
) -> str:
    """The ``LocalizedText`` object of ``selection`` ((key, field)), or NULL when no
    language holds a text (``hub.i18n.types.localized``); ``names`` are the GraphQL names
    of the language codes, ``available`` listing them in their order."""
    texts = [(code, _text_in(declared, row, code)) for code in codes]
    chosen = f"coalesce({', '.join(sql for _, sql in texts)})"
    entries = []
    for key, name in selection:
        if name == "text":
            sql = chosen
        elif name == "language":
            whens = " ".join(
                f"WHEN {sql} IS NOT NULL THEN {literal(names[code])}" for code, sql in texts
            )
            sql = f"(CASE {whens} END)"
        elif name == "available":
            held = ", ".join(
                f"CASE WHEN {_held_in(declared, row, code)} THEN {literal(shown)} END"
                for code, shown in names.items()
            )
            sql = f"array_to_json(array_remove(ARRAY[{held}]::text[], NULL))"
        else:
            sql = literal(type_name)
        entries.append(f"{literal(key)}, {sql}")
    return (
        f"(CASE WHEN {chosen} IS NULL THEN NULL ELSE json_build_object({', '.join(entries)}) END)"
    )
