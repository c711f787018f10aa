"""The schema's enums come labelled in the six UN languages, for pickers, badges and
legends in the language a front end shows; the labels are held to the schema's enums."""

from __future__ import annotations

import pytest
from graphql import GraphQLEnumType

from hub.api.schema import schema
from hub.i18n.enum_labels import ENUM_LABELS
from hub.i18n.languages import Language
from hub.i18n.types import LabelledEnum
from tests.conftest import Client

PARTNER = "partner@civil-society.example.org"

# Enums a front end shows no label of: sort orders, policy terms an administrator types,
# list fields; and the themes, labelled by `themes`.
UNLABELLED = {"Theme", "OrderDirection", "PolicyEffect", "ListScope"}


def _schema_enums() -> dict[str, GraphQLEnumType]:
    return {
        name: kind
        for name, kind in schema._schema.type_map.items()
        if isinstance(kind, GraphQLEnumType)
        and not name.startswith("__")
        and not name.endswith("OrderField")
        and name != "LabelledEnum"
    }


def test_every_enum_a_record_shows_is_labelled() -> None:
    assert set(_schema_enums()) - UNLABELLED == set(ENUM_LABELS)
    assert {member.value for member in LabelledEnum} == set(ENUM_LABELS)


@pytest.mark.parametrize("name", sorted(ENUM_LABELS))
def test_every_value_has_a_label_in_every_un_language(name: str) -> None:
    values = list(_schema_enums()[name].values)
    assert list(ENUM_LABELS[name]) == values  # every value, in the schema's order
    for labels in ENUM_LABELS[name].values():
        assert set(labels) == {language.value for language in Language}
        assert all(label.strip() == label and label for label in labels.values())


async def test_the_labels_of_one_enum_in_the_language_asked_for(client: Client) -> None:
    reply = await client.gql(
        "{ enumLabels(enum: PROPOSAL_STATUS) { enum value label "
        "fr: localizedLabel(lang: FR) { text language } "
        "ar: localizedLabel(lang: AR) { text language available } } }",
        user=PARTNER,
    )
    entries = reply.data["enumLabels"]
    assert [e["value"] for e in entries] == list(ENUM_LABELS["ProposalStatus"])
    assert {e["enum"] for e in entries} == {"PROPOSAL_STATUS"}
    by_value = {e["value"]: e for e in entries}
    under_review = ENUM_LABELS["ProposalStatus"]["UNDER_REVIEW"]
    assert by_value["UNDER_REVIEW"]["label"] == under_review["en"]
    assert by_value["UNDER_REVIEW"]["fr"] == {"text": under_review["fr"], "language": "FR"}
    assert by_value["UNDER_REVIEW"]["ar"] == {
        "text": under_review["ar"],
        "language": "AR",
        "available": ["AR", "EN", "ES", "FR", "RU", "ZH"],
    }


async def test_every_label_at_once_in_the_requests_language(client: Client) -> None:
    reply = await client.http.post(
        "/graphql",
        json={"query": "{ enumLabels { enum value localizedLabel { text language } } }"},
        headers={"Authorization": f"Bearer {client.token(PARTNER)}", "Accept-Language": "ru"},
    )
    entries = reply.json()["data"]["enumLabels"]
    assert len(entries) == sum(len(values) for values in ENUM_LABELS.values())
    # Enum by enum, in the order the labels keep them.
    assert list(dict.fromkeys(e["enum"] for e in entries)) == [m.name for m in LabelledEnum]
    seat = next(e for e in entries if e["enum"] == "SEAT" and e["value"] == "CIVIL_SOCIETY")
    assert seat["localizedLabel"] == {
        "text": ENUM_LABELS["Seat"]["CIVIL_SOCIETY"]["ru"],
        "language": "RU",
    }


async def test_an_unknown_enum_is_a_clear_error(client: Client) -> None:
    reply = await client.gql("{ enumLabels(enum: THEME) { value } }", user=PARTNER)
    assert reply.errors
    assert reply.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"
