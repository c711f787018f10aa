"""Choosing a language: the one asked for, the request's, the tenant's, then any."""

from __future__ import annotations

import pytest

from hub.core.validation import Problem
from hub.i18n.languages import Language as L
from hub.i18n.languages import accepted
from hub.i18n.text import Translation, check_translations, pick


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        (None, []),
        ("", []),
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", [L.FR, L.EN]),
        ("en;q=0.2, zh-Hans-CN", [L.ZH, L.EN]),
        ("ES", [L.ES]),
        ("ru;q=0, ar", [L.AR]),
        ("en;q=abc, fr", [L.FR]),
        ("de, it", []),
    ],
)
def test_accept_language_gives_un_languages_by_weight(
    header: str | None, expected: list[L]
) -> None:
    assert accepted(header) == expected


def test_pick_falls_back_to_any_language_present() -> None:
    texts = {"fr": "Consultation", "es": "Consulta"}
    assert pick(texts, [L.ES, L.FR]) == Translation(L.ES, "Consulta")
    assert pick(texts, [L.AR, L.FR]) == Translation(L.FR, "Consultation")
    assert pick(texts, [L.EN]) == Translation(L.ES, "Consulta")  # enumeration order
    assert pick({}, [L.EN]) is None


def test_translations_are_checked_language_by_language() -> None:
    problems: list[Problem] = []
    stored = check_translations(
        problems,
        "title",
        [
            Translation(L.EN, "  Title  "),
            Translation(L.EN, "Again"),
            Translation(L.FR, " "),
            Translation(L.ES, "x" * 11),
        ],
        max_length=10,
        required=True,
    )
    assert stored == {"en": "Title"}
    assert [(p.field, p.code) for p in problems] == [
        ("title.en", "DUPLICATE"),
        ("title.fr", "REQUIRED"),
        ("title.es", "TOO_LONG"),
    ]
    missing: list[Problem] = []
    check_translations(missing, "title", [], max_length=10, required=True)
    assert [(p.field, p.code) for p in missing] == [("title", "REQUIRED")]
