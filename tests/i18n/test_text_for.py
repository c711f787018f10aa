"""The text a translated field shows is the one ``pick`` chooses, whatever the request."""

from __future__ import annotations

import itertools
from types import SimpleNamespace
from typing import cast

from hub.core.context import Context
from hub.i18n.languages import Language
from hub.i18n.text import pick
from hub.i18n.types import preferences, text_for


def _context(accept_language: str | None, default: str) -> Context:
    headers = {"accept-language": accept_language} if accept_language else {}
    return cast(
        Context,
        SimpleNamespace(
            request=SimpleNamespace(headers=headers),
            tenant=SimpleNamespace(default_language=default),
            text_languages={},
        ),
    )


def test_text_for_shows_what_pick_chooses() -> None:
    held = [{}, {"fr": "Bonjour"}, {"en": "Hello", "es": "Hola"}, {"ar": "مرحبا", "fr": "Salut"}]
    compared = 0
    for accept, default in itertools.product([None, "es", "fr;q=0.5, ar"], ["en", "fr", "xx"]):
        ctx = _context(accept, default)
        # Asked twice per request: the second answer comes from the request's memo.
        for lang, translations, _ in itertools.product([None, *Language], held, range(2)):
            chosen = pick(translations, preferences(ctx, lang))
            expected = chosen.text if chosen else None
            assert text_for(ctx, translations, lang.value if lang else None) == expected
            compared += 1
    assert compared > 300
