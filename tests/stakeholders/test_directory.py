"""One organisation directory: organisations registered anywhere that a caller may see are
linked from its tenant without copies, and registering one again is refused, naming it."""

from __future__ import annotations

import pytest

from hub.directory.models import Organisation
from hub.stakeholders.service import same_name
from hub.workplan.models import WorkStream, WorkStreamMembership
from tests.cli.test_policy_cli import hub
from tests.conftest import Client, relay_id

TEAM = "team.bangladesh@network.example.org"
ICRC = "International Committee of the Red Cross"
CREATE = """
mutation($input: CreateOrganisationInput!) {
  createOrganisation(input: $input) {
    organisation { id name tenant { slug } }
    errors { field code message existing }
  }
}
"""
ADD_MEMBER = """
mutation($input: AddWorkStreamMemberInput!) {
  addWorkStreamMember(input: $input) {
    member { id organisation { name tenant { slug } } }
    errors { field code }
  }
}
"""


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("International Committee of the Red Cross", "international committee of the red cross"),
        ("Médecins du Monde", "Medecins du monde"),
        ("Trade-Union  Federation (demo)", "trade union federation demo"),
    ],
)
def test_names_are_compared_as_two_registrations_would_write_them(first: str, second: str) -> None:
    assert same_name(first) == same_name(second)


def test_different_names_stay_different() -> None:
    assert same_name("Red Cross") != same_name("Red Crescent")


async def test_registering_a_visible_organisation_again_is_refused_naming_it(
    client: Client,
) -> None:
    # given the ICRC, registered in the global tenant, which reaches Bangladesh
    icrc = await Organisation.get(name=ICRC)
    before = await Organisation.all().count()
    # when the Bangladesh team registers it again, spelt its own way, then says it is another
    again = await client.gql(
        CREATE,
        {
            "input": {
                "name": "international committee of the red-cross",
                "kind": "RED_CROSS_RED_CRESCENT",
            }
        },
        user=TEAM,
    )
    distinct = await client.gql(
        CREATE,
        {"input": {"name": ICRC, "kind": "RED_CROSS_RED_CRESCENT", "distinct": True}},
        user=TEAM,
    )
    # then the first is refused as DUPLICATE with the existing id, the second is made
    payload = again.data["createOrganisation"]
    assert payload["organisation"] is None
    [error] = payload["errors"]
    assert (error["field"], error["code"]) == ("name", "DUPLICATE")
    assert error["existing"] == relay_id("Organisation", icrc.id)
    made = distinct.data["createOrganisation"]
    assert made["errors"] == []
    assert made["organisation"]["tenant"] == {"slug": "bangladesh"}
    assert await Organisation.all().count() == before + 1


async def test_an_organisation_out_of_sight_is_not_named(client: Client) -> None:
    # given the ICRC made RESTRICTED: it no longer reaches Bangladesh
    await Organisation.filter(name=ICRC).update(classification="restricted")
    # when the team registers an organisation of that name
    reply = await client.gql(
        CREATE, {"input": {"name": ICRC, "kind": "RED_CROSS_RED_CRESCENT"}}, user=TEAM
    )
    # then nothing tells it that one exists: the registration is made
    assert reply.data["createOrganisation"]["errors"] == []


async def test_an_organisation_of_the_global_tenant_is_linked_without_a_copy(
    client: Client,
) -> None:
    # given a work stream of Bangladesh and the ICRC of the global tenant
    stream = await WorkStream.filter(tenant__slug="bangladesh").first()
    assert stream is not None
    icrc = await Organisation.get(name=ICRC)
    organisations = await Organisation.all().count()
    # when the team makes the ICRC a member of its work stream
    reply = await client.gql(
        ADD_MEMBER,
        {
            "input": {
                "workStream": relay_id("WorkStream", stream.id),
                "organisation": relay_id("Organisation", icrc.id),
            }
        },
        user=TEAM,
    )
    # then the membership names the global ICRC; no organisation was copied
    member = reply.data["addWorkStreamMember"]["member"]
    assert member["organisation"] == {"name": ICRC, "tenant": {"slug": "global"}}
    assert await WorkStreamMembership.filter(organisation=icrc, work_stream=stream).exists()
    assert await Organisation.all().count() == organisations


async def test_users_join_takes_the_apis_global_id(database_url: str, network: None) -> None:
    # given the global id of an organisation, as the API shows it
    icrc = await Organisation.get(name=ICRC)
    # when an administrator makes someone a member with it
    run = await hub(
        database_url, "users", "join", "someone@example.org", relay_id("Organisation", icrc.id)
    )
    bad = await hub(
        database_url, "users", "join", "someone@example.org", "T3JnYW5pc2F0aW9uOm5vbmU="
    )
    # then the membership is made, named by the organisation's own id
    assert run.code == 0, run
    assert f"belongs to org:{icrc.id}" in run.out
    assert bad.code != 0
    assert "No organisation has the id" in bad.err
    assert "Traceback" not in bad.err
