"""Every translated text can be read as a LocalizedText; the plain-text fields that came
before are deprecated in its favour, and still answer the same text."""

from __future__ import annotations

import pytest

from hub.api.schema import schema
from tests.conftest import Client

COORDINATOR = "coordinator@network.example.org"

DEPRECATED = {
    ("WorkStream", "title"): "localizedTitle",
    ("WorkStream", "description"): "localizedDescription",
    ("Proposal", "title"): "localizedTitle",
    ("Proposal", "body"): "localizedBody",
}


@pytest.mark.parametrize(("owner", "field"), sorted(DEPRECATED))
def test_a_plain_text_field_points_to_its_localized_one(owner: str, field: str) -> None:
    kind = schema._schema.get_type(owner)
    replacement = DEPRECATED[(owner, field)]
    assert kind.fields[field].deprecation_reason.startswith(f"Use `{replacement}`")  # type: ignore[union-attr]
    assert str(kind.fields[replacement].type) == "LocalizedText"  # type: ignore[union-attr]


async def test_the_localized_field_holds_the_same_text(client: Client) -> None:
    reply = await client.gql(
        """{ proposals(first: 20) { edges { node {
             title(lang: FR) localizedTitle(lang: FR) { text }
             body(lang: FR) localizedBody(lang: FR) { text language }
        } } } }""",
        user=COORDINATOR,
    )
    nodes = [e["node"] for e in reply.data["proposals"]["edges"]]
    assert nodes
    for node in nodes:
        assert node["localizedTitle"]["text"] == node["title"]
        assert node["localizedBody"]["text"] == node["body"]
    assert any(node["localizedBody"]["language"] == "FR" for node in nodes)


async def test_a_tenants_languages_are_languages(client: Client) -> None:
    reply = await client.gql(
        "{ viewer { tenant { defaultLanguage primaryLanguage languages workingLanguages } } }",
        user=COORDINATOR,
    )
    tenant = reply.data["viewer"]["tenant"]
    assert tenant["primaryLanguage"] == tenant["defaultLanguage"].upper()
    assert tenant["workingLanguages"] == [code.upper() for code in tenant["languages"]]
    kind = schema._schema.get_type("Tenant")
    assert str(kind.fields["primaryLanguage"].type) == "Language!"  # type: ignore[union-attr]
    assert kind.fields["defaultLanguage"].deprecation_reason  # type: ignore[union-attr]
