"""A consultation is found by a word of its summary as well as of its title, in any
language, as initiatives and knowledge resources are."""

from __future__ import annotations

from tests.conftest import Client

GLOBAL_PARTNER = "partner.global@civil-society.example.org"
QUERY = """
query($search: String) { consultations(first: 10, scope: NETWORK, filter: { search: $search }) {
  totalCount edges { node { title { text } } } } }
"""


async def test_a_word_of_the_summary_finds_the_consultation(client: Client) -> None:
    # "Executive Committee" is in the Geneva consultation's summary, not in its title
    reply = await client.gql(QUERY, {"search": "Executive Committee"}, user=GLOBAL_PARTNER)
    assert reply.data["consultations"]["totalCount"] == 1
    nothing = await client.gql(QUERY, {"search": "no such words here"}, user=GLOBAL_PARTNER)
    assert nothing.data["consultations"]["totalCount"] == 0


async def test_a_summary_written_later_is_searched_too(client: Client) -> None:
    coordinator = "coordinator@network.example.org"
    created = await client.gql(
        """mutation { createConsultation(input: {
             title: [{language: EN, text: "Regional review"}], kind: REGIONAL,
             startsOn: "2030-01-10", endsOn: "2030-01-10", online: true }) {
             consultation { id } errors { code } } }""",
        user=coordinator,
    )
    consultation = created.data["createConsultation"]["consultation"]["id"]
    before = await client.gql(QUERY, {"search": "remittances"}, user=coordinator)
    await client.gql(
        """mutation($id: ID!) { updateConsultation(input: {
             id: $id, summary: [{language: FR, text: "Les remittances et le commerce"}] }) {
             errors { code } } }""",
        {"id": consultation},
        user=coordinator,
    )
    after = await client.gql(QUERY, {"search": "remittances"}, user=coordinator)
    assert (
        before.data["consultations"]["totalCount"] + 1 == after.data["consultations"]["totalCount"]
    )
