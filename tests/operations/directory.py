"""Run cases for schema/operations/directory.graphql."""

from __future__ import annotations

from tests.operations.runner import (
    COORDINATOR,
    RIGHTS_NETWORK,
    Operations,
    nodes,
    organisation_id,
    runs,
)

FILE = "directory.graphql"


@runs(FILE, "Organisations")
async def organisations(ops: Operations) -> None:
    everything = await ops.data(FILE, "Organisations", user=COORDINATOR)
    unaccredited = await ops.data(
        FILE, "Organisations", {"filter": {"ecosocStatus": ["NONE"]}}, user=COORDINATOR
    )

    assert everything["organisations"]["totalCount"] > unaccredited["organisations"]["totalCount"]
    assert {o["ecosocStatus"] for o in nodes(unaccredited["organisations"])} == {"NONE"}


@runs(FILE, "Contacts")
async def contacts(ops: Operations) -> None:
    organisation = await organisation_id(RIGHTS_NETWORK)

    data = await ops.data(FILE, "Contacts", {"organisation": organisation}, user=COORDINATOR)

    assert {c["organisation"]["name"] for c in nodes(data["contacts"])} == {RIGHTS_NETWORK}
    assert data["contacts"]["totalCount"] == 2


async def _organisation(ops: Operations) -> str:
    data = await ops.data(
        FILE,
        "CreateOrganisation",
        {
            "input": {
                "name": "Diaspora youth forum (demo)",
                "kind": "MIGRANT_OR_DIASPORA",
                "country": "BD",
            }
        },
        user=COORDINATOR,
    )
    assert data["createOrganisation"]["errors"] == []
    return str(data["createOrganisation"]["organisation"]["id"])


@runs(FILE, "CreateOrganisation")
async def create_organisation(ops: Operations) -> None:
    assert await _organisation(ops)


async def _contact(ops: Operations) -> str:
    data = await ops.data(
        FILE,
        "CreateContact",
        {"input": {"organisation": await _organisation(ops), "name": "Rahim Uddin"}},
        user=COORDINATOR,
    )
    assert data["createContact"]["errors"] == []
    assert data["createContact"]["contact"]["consentToContact"] is False
    return str(data["createContact"]["contact"]["id"])


@runs(FILE, "CreateContact")
async def create_contact(ops: Operations) -> None:
    assert await _contact(ops)


@runs(FILE, "ChangeContactConsent")
async def change_consent(ops: Operations) -> None:
    contact = await _contact(ops)

    data = await ops.data(
        FILE,
        "ChangeContactConsent",
        {"input": {"id": contact, "consentToContact": True, "consentGivenOn": "2019-04-04"}},
        user=COORDINATOR,
    )

    assert data["changeContactConsent"]["contact"]["consentToContact"] is True
