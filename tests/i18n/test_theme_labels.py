"""Theme labels come in the six UN languages, for pickers and legends in the language a
front end shows."""

from __future__ import annotations

import pytest

from hub.i18n.languages import Language
from hub.themes.taxonomy import Theme, labels_of
from tests.conftest import Client

PARTNER = "partner@civil-society.example.org"


@pytest.mark.parametrize("theme", list(Theme))
def test_every_theme_has_a_label_in_every_un_language(theme: Theme) -> None:
    labels = labels_of(theme)
    assert set(labels) == {language.value for language in Language}
    assert all(label.strip() for label in labels.values())


async def test_the_label_in_the_language_asked_for(client: Client) -> None:
    reply = await client.gql(
        "{ themes { theme label fr: localizedLabel(lang: FR) { text language } "
        "zh: localizedLabel(lang: ZH) { text } } }",
        user=PARTNER,
    )
    by_theme = {entry["theme"]: entry for entry in reply.data["themes"]}
    assert by_theme["GENDER"]["label"] == "Gender"
    assert by_theme["GENDER"]["fr"] == {"text": "Genre", "language": "FR"}
    assert by_theme["CLIMATE_CHANGE"]["zh"] == {"text": "气候变化"}
    # without `lang`, the request's Accept-Language decides
    spanish = await client.http.post(
        "/graphql",
        json={"query": "{ themes { theme localizedLabel { text language } } }"},
        headers={
            "Authorization": f"Bearer {client.token(PARTNER)}",
            "Accept-Language": "es",
        },
    )
    labels = {e["theme"]: e["localizedLabel"] for e in spanish.json()["data"]["themes"]}
    assert labels["DECENT_WORK"] == {
        "text": "Trabajo decente y derechos laborales",
        "language": "ES",
    }
