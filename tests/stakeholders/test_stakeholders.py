from __future__ import annotations

from typing import Any

from hub.directory.models import Contact, Organisation
from tests.conftest import Client, relay_id

CONTACTS = """
query Contacts($filter: ContactFilter) {
  contacts(first: 50, filter: $filter) {
    totalCount
    edges { node { id name consentToContact email phone organisation { name } } }
  }
}
"""
ORGANISATIONS = """
query Orgs($filter: OrganisationFilter, $orderBy: OrganisationOrder) {
  organisations(first: 50, filter: $filter, orderBy: $orderBy) {
    totalCount
    edges { node { id name kind ecosocStatus country classification } }
  }
}
"""
CREATE_ORG = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) { organisation { name kind country } errors { field code } }
}
"""
CREATE_CONTACT = """
mutation($input: CreateContactInput!) {
  createContact(input: $input) {
    contact { name email consentToContact consentGivenOn }
    errors { field code }
  }
}
"""
ADMIN = "admin@network.example.org"
TEAM = "team.bangladesh@network.example.org"
PARTNER = "partner@civil-society.example.org"
FOCAL_EUROPE = "focal.europe@network.example.org"


def _by_name(reply_data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    connection = reply_data["contacts"]
    assert isinstance(connection, dict)
    return {e["node"]["name"]: e["node"] for e in connection["edges"]}


async def test_details_need_consent_unless_the_caller_is_an_admin(client: Client) -> None:
    # when
    team = await client.gql(CONTACTS, user=TEAM)
    admin = await client.gql(CONTACTS, user=ADMIN, tenant="bangladesh")
    # then: with consent the team sees the email; without, null and FORBIDDEN at its path
    seen = _by_name(team.data)
    assert seen["Farida Rahman"]["email"] == "farida@rights-network.example.org"
    assert seen["Karim Hossain"]["email"] is None
    assert seen["Karim Hossain"]["phone"] is None
    forbidden = [e for e in team.errors if e["extensions"]["code"] == "FORBIDDEN"]
    assert forbidden
    assert all(
        e["path"][0] == "contacts" and e["path"][-1] in ("email", "phone") for e in forbidden
    )
    assert _by_name(admin.data)["Karim Hossain"]["email"] == "karim@rights-network.example.org"
    assert admin.errors == []


async def test_contact_lists_keep_to_the_callers_subtree(client: Client) -> None:
    europe = await client.gql(CONTACTS, user=FOCAL_EUROPE)
    assert europe.data["contacts"]["totalCount"] == 0
    team = await client.gql(CONTACTS, user=TEAM)
    assert team.data["contacts"]["totalCount"] == 3


async def test_nested_organisation_is_loaded_once_per_request(
    client: Client, sql_log: list[str]
) -> None:
    # given
    sql_log.clear()
    # when
    reply = await client.gql(CONTACTS, user=ADMIN, tenant="bangladesh")
    # then: contacts (count + page) and one statement for all their organisations
    names = {n["organisation"]["name"] for n in _by_name(reply.data).values()}
    assert len(names) == 2
    organisation_reads = [s for s in sql_log if 'FROM "organisation"' in s]
    assert len(organisation_reads) == 1


async def test_organisations_filter_and_classification(client: Client) -> None:
    # given a restricted organisation in Bangladesh
    await client.gql(
        CREATE_ORG,
        {
            "input": {
                "name": "Sensitive partner",
                "kind": "CIVIL_SOCIETY",
                "classification": "RESTRICTED",
                "country": "bd",
            }
        },
        user="focal.asia-pacific@network.example.org",
        tenant="bangladesh",
    )
    # when
    partner = await client.gql(ORGANISATIONS, user=PARTNER)
    kinds = await client.gql(
        ORGANISATIONS, {"filter": {"kind": ["NATIONAL_HUMAN_RIGHTS_INSTITUTION"]}}, user=TEAM
    )
    # then
    names = [e["node"]["name"] for e in partner.data["organisations"]["edges"]]
    assert "Sensitive partner" not in names
    assert names == sorted(names)
    assert [e["node"]["name"] for e in kinds.data["organisations"]["edges"]] == [
        "National Human Rights Commission, Bangladesh"
    ]
    assert await Organisation.filter(name="Sensitive partner", country="BD").exists()


async def test_foreign_organisations_and_contacts_are_out_of_reach(client: Client) -> None:
    spain_org = await Organisation.get(name__startswith="Federación")
    dhaka_contact = await Contact.get(name="Nasrin Akter")
    node = "query($id: ID!) { node(id: $id) { id } }"
    assert (
        await client.gql(node, {"id": relay_id("Organisation", spain_org.id)}, user=TEAM)
    ).data == {"node": None}
    assert (
        await client.gql(node, {"id": relay_id("Contact", dhaka_contact.id)}, user=FOCAL_EUROPE)
    ).data == {"node": None}
    # a contact may not be attached to an organisation out of reach
    reply = await client.gql(
        CREATE_CONTACT,
        {"input": {"organisation": relay_id("Organisation", spain_org.id), "name": "Intruder"}},
        user=TEAM,
    )
    assert reply.data["createContact"]["errors"] == [{"field": "organisation", "code": "NOT_FOUND"}]
    assert not await Contact.exists(name="Intruder")


async def test_contact_creation_checks_consent(client: Client) -> None:
    org = await Organisation.get(name="Migrant workers' rights network (demo)")
    org_id = relay_id("Organisation", org.id)
    missing_date = await client.gql(
        CREATE_CONTACT,
        {"input": {"organisation": org_id, "name": "A", "consentToContact": True}},
        user=TEAM,
    )
    ok = await client.gql(
        CREATE_CONTACT,
        {
            "input": {
                "organisation": org_id,
                "name": "Rina Das",
                "email": "Rina@Example.org",
                "consentToContact": True,
                "consentGivenOn": "2019-04-04",
            }
        },
        user=TEAM,
    )
    assert missing_date.data["createContact"]["errors"] == [
        {"field": "consentGivenOn", "code": "REQUIRED"}
    ]
    assert ok.data["createContact"] == {
        "contact": {
            "name": "Rina Das",
            "email": "rina@example.org",
            "consentToContact": True,
            "consentGivenOn": "2019-04-04",
        },
        "errors": [],
    }


async def test_partners_may_not_read_contacts(client: Client) -> None:
    reply = await client.gql(CONTACTS, user=PARTNER)
    assert reply.codes == ["FORBIDDEN"]


async def test_nested_organisation_out_of_reach_is_null(client: Client) -> None:
    # given a restricted organisation with a network-level contact
    tenant_id = (await Organisation.get(name="Migrant workers' rights network (demo)")).tenant_id
    hidden = await Organisation.create(
        tenant_id=tenant_id,
        name="Restricted shelter network",
        kind="civil_society",
        classification="restricted",
    )
    await Contact.create(
        tenant_id=tenant_id,
        organisation=hidden,
        name="Shelter coordinator",
        classification="network",
    )
    # when a national member, who may read the contact but not the organisation, asks
    reply = await client.gql(CONTACTS, {"filter": {"search": "Shelter"}}, user=TEAM)
    # then the contact is there and its organisation is not
    [node] = [e["node"] for e in reply.data["contacts"]["edges"]]
    assert node["name"] == "Shelter coordinator"
    assert node["organisation"] is None


async def test_organisation_filters_reach_nothing_outside(client: Client) -> None:
    reply = await client.gql(
        """
        {
          spain: organisations(filter: {tenant: "spain"}) { totalCount }
          es: organisations(filter: {country: "ES"}) { totalCount }
          global: organisations(filter: {tenant: "global"}) { totalCount }
        }
        """,
        user=TEAM,
    )
    assert reply.data == {
        "spain": {"totalCount": 0},
        "es": {"totalCount": 0},
        "global": {"totalCount": 0},
    }


CONSENT = """
mutation($input: ChangeContactConsentInput!) {
  changeContactConsent(input: $input) {
    contact { name consentToContact consentGivenOn email }
    errors { field code }
  }
}
"""


async def test_withdrawn_consent_hides_the_details_at_once(client: Client) -> None:
    # given
    farida = await Contact.get(name="Farida Rahman")
    contact_id = relay_id("Contact", farida.id)
    # when she withdraws consent
    withdrawn = await client.gql(
        CONSENT, {"input": {"id": contact_id, "consentToContact": False}}, user=TEAM
    )
    after = await client.gql(CONTACTS, {"filter": {"search": "Farida"}}, user=TEAM)
    # then
    payload = withdrawn.data["changeContactConsent"]
    assert payload["errors"] == []
    assert payload["contact"]["consentToContact"] is False
    assert payload["contact"]["consentGivenOn"] is None
    assert _by_name(after.data)["Farida Rahman"]["email"] is None


async def test_consent_needs_a_date_and_a_reachable_contact(client: Client) -> None:
    karim = await Contact.get(name="Karim Hossain")
    no_date = await client.gql(
        CONSENT,
        {"input": {"id": relay_id("Contact", karim.id), "consentToContact": True}},
        user=TEAM,
    )
    foreign = await client.gql(
        CONSENT,
        {
            "input": {
                "id": relay_id("Contact", karim.id),
                "consentToContact": True,
                "consentGivenOn": "2019-04-04",
            }
        },
        user=FOCAL_EUROPE,
    )
    assert no_date.data["changeContactConsent"]["errors"] == [
        {"field": "consentGivenOn", "code": "REQUIRED"}
    ]
    assert foreign.codes == ["NOT_FOUND"]
    await karim.refresh_from_db()
    assert karim.consent_to_contact is False
