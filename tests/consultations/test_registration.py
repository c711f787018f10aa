"""Partners register the organisations they belong to for a consultation open for
registration: while it is announced, until its deadline, while places are left, once per
organisation, and only where they are members."""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from typing import Any

import pytest

from hub.consultations.models import Consultation, Participant
from hub.directory.models import Organisation
from tests.conftest import Client, relay_id
from tests.consultations.queries import COORDINATOR, PARTNER, TEAM_BANGLADESH

RIGHTS_NETWORK = "Migrant workers' rights network (demo)"  # the partner belongs to it

OPEN = """
mutation Create($input: CreateConsultationInput!) {
  createConsultation(input: $input) {
    consultation { id openForRegistration registrationDeadline capacity placesLeft
                   registrationOpen }
    errors { field code }
  }
}
"""
REGISTER = """
mutation Register($input: RegisterForConsultationInput!) {
  registerForConsultation(input: $input) {
    participant { id role selfRegistered organisation { name } }
    errors { field code message }
  }
}
"""
ADD = """
mutation Add($input: AddParticipantInput!) {
  addParticipant(input: $input) { participant { id selfRegistered } errors { field code } }
}
"""
UPDATE = """
mutation Update($input: UpdateConsultationInput!) {
  updateConsultation(input: $input) { consultation { capacity } errors { field code } }
}
"""
SHOWN = """
query($id: ID!) { node(id: $id) { ... on Consultation {
  capacity placesLeft registrationOpen participants { selfRegistered organisation { name } }
} } }
"""


def _day(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


async def _consultation(client: Client, **changes: Any) -> str:
    """An announced national consultation of Bangladesh, open for registration."""
    reply = await client.gql(
        OPEN,
        {
            "input": {
                "title": [{"language": "EN", "text": "National consultation on the GCM"}],
                "kind": "NATIONAL",
                "startsOn": _day(30),
                "endsOn": _day(31),
                "venue": "Dhaka",
                "status": "ANNOUNCED",
                "openForRegistration": True,
                "registrationDeadline": _day(20),
                "capacity": 2,
            }
            | changes
        },
        user=TEAM_BANGLADESH,
    )
    payload = reply.data["createConsultation"]
    assert payload["errors"] == [], payload["errors"]
    return str(payload["consultation"]["id"])


async def _organisation(name: str = RIGHTS_NETWORK) -> str:
    return relay_id("Organisation", (await Organisation.get(name=name)).id)


async def _register(
    client: Client, consultation: str, organisation: str | None = None, user: str = PARTNER
) -> Any:
    return await client.gql(
        REGISTER,
        {
            "input": {
                "consultation": consultation,
                "organisation": organisation or await _organisation(),
            }
        },
        user=user,
    )


def _codes(reply: Any) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in reply.data["registerForConsultation"]["errors"]]


async def _participants(consultation: str) -> int:
    row = await Consultation.get(title_index="National consultation on the GCM")
    assert relay_id("Consultation", row.id) == consultation
    return await Participant.filter(consultation_id=row.id).count()


async def test_a_partner_registers_its_organisation_and_the_places_follow(client: Client) -> None:
    # given an open consultation with two places
    consultation = await _consultation(client)
    # when the partner registers the organisation it belongs to
    reply = await _register(client, consultation)
    # then it takes part, registered by itself
    assert _codes(reply) == []
    participant = reply.data["registerForConsultation"]["participant"]
    assert participant["role"] == "PARTICIPANT"
    assert participant["selfRegistered"] is True
    assert participant["organisation"] == {"name": RIGHTS_NETWORK}
    stored = await Participant.get(organisation__name=RIGHTS_NETWORK, consultation__kind="national")
    assert stored.registered_by == PARTNER
    shown = await client.gql(SHOWN, {"id": consultation}, user=TEAM_BANGLADESH)
    assert shown.data["node"]["placesLeft"] == 1
    assert shown.data["node"]["registrationOpen"] is True
    # when the organisers add another organisation, the last place goes
    added = await client.gql(
        ADD,
        {
            "input": {
                "consultation": consultation,
                "organisation": await _organisation("National Human Rights Commission, Bangladesh"),
            }
        },
        user=TEAM_BANGLADESH,
    )
    assert added.data["addParticipant"]["errors"] == []
    assert added.data["addParticipant"]["participant"]["selfRegistered"] is False
    full = await client.gql(SHOWN, {"id": consultation}, user=PARTNER)
    assert full.data["node"]["placesLeft"] == 0
    assert full.data["node"]["registrationOpen"] is False
    # and no organisation is added past the capacity, by the organisers either
    again = await client.gql(
        ADD,
        {
            "input": {
                "consultation": consultation,
                "organisation": await _organisation("Returnee migrants' association (demo)"),
            }
        },
        user=TEAM_BANGLADESH,
    )
    assert [(e["field"], e["code"]) for e in again.data["addParticipant"]["errors"]] == [
        ("consultation", "FULL")
    ]
    assert await _participants(consultation) == 2


@pytest.mark.parametrize(
    ("changes", "code"),
    [
        ({"openForRegistration": False}, "NOT_OPEN"),
        ({"status": "PLANNED"}, "NOT_OPEN"),
        ({"registrationDeadline": _day(-1), "startsOn": _day(5)}, "DEADLINE_PASSED"),
    ],
)
async def test_registration_needs_an_open_announced_consultation_before_its_deadline(
    client: Client, changes: dict[str, Any], code: str
) -> None:
    consultation = await _consultation(client, **changes)
    reply = await _register(client, consultation)
    assert _codes(reply) == [("consultation", code)]
    assert reply.data["registerForConsultation"]["participant"] is None
    assert await _participants(consultation) == 0


async def test_the_deadline_day_itself_is_still_open(client: Client) -> None:
    consultation = await _consultation(client, registrationDeadline=_day(0))
    assert _codes(await _register(client, consultation)) == []


async def test_an_organisation_registers_once(client: Client) -> None:
    consultation = await _consultation(client)
    assert _codes(await _register(client, consultation)) == []
    assert _codes(await _register(client, consultation)) == [("organisation", "DUPLICATE")]
    assert await _participants(consultation) == 1


async def test_a_partner_registers_only_an_organisation_it_belongs_to(client: Client) -> None:
    consultation = await _consultation(client)
    reply = await _register(
        client, consultation, await _organisation("National Human Rights Commission, Bangladesh")
    )
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert reply.data == {"registerForConsultation": None}
    assert await _participants(consultation) == 0


async def test_organisers_add_participants_and_do_not_register(client: Client) -> None:
    consultation = await _consultation(client)
    reply = await _register(client, consultation, user=COORDINATOR)
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await _participants(consultation) == 0


async def test_a_consultation_that_only_reached_the_partner_takes_no_registration(
    client: Client,
) -> None:
    # given the global consultation, which reaches the Bangladesh partner, opened
    geneva = await Consultation.get(tenant__slug="global", kind="multi_stakeholder")
    geneva.status, geneva.open_for_registration = "announced", True  # type: ignore[assignment]
    await geneva.save()
    before = await Participant.filter(consultation_id=geneva.id).count()
    seen = await client.gql(
        "query($id: ID!) { node(id: $id) { id } }",
        {"id": relay_id("Consultation", geneva.id)},
        user=PARTNER,
    )
    assert seen.data["node"] is not None
    # when the partner registers for it
    reply = await _register(client, relay_id("Consultation", geneva.id))
    # then it is unknown for writing: registration stays where the partner is a member
    assert reply.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert await Participant.filter(consultation_id=geneva.id).count() == before


async def test_a_restricted_consultation_is_unknown_to_a_partner(client: Client) -> None:
    consultation = await _consultation(client)
    await Consultation.filter(title_index="National consultation on the GCM").update(
        classification="restricted"
    )
    reply = await _register(client, consultation)
    assert reply.errors[0]["extensions"]["code"] == "NOT_FOUND"
    assert await _participants(consultation) == 0


async def test_registration_settings_are_checked(client: Client) -> None:
    reply = await client.gql(
        OPEN,
        {
            "input": {
                "title": [{"language": "EN", "text": "Bad"}],
                "kind": "NATIONAL",
                "startsOn": _day(10),
                "endsOn": _day(10),
                "online": True,
                "registrationDeadline": _day(11),
                "capacity": 0,
            }
        },
        user=TEAM_BANGLADESH,
    )
    errors = [(e["field"], e["code"]) for e in reply.data["createConsultation"]["errors"]]
    assert errors == [("registrationDeadline", "AFTER_START"), ("capacity", "OUT_OF_RANGE")]
    consultation = await _consultation(client)
    assert _codes(await _register(client, consultation)) == []
    fewer = await client.gql(
        UPDATE, {"input": {"id": consultation, "capacity": 0}}, user=TEAM_BANGLADESH
    )
    assert [(e["field"], e["code"]) for e in fewer.data["updateConsultation"]["errors"]] == [
        ("capacity", "OUT_OF_RANGE"),
        ("capacity", "BELOW_PARTICIPANTS"),
    ]
    unlimited = await client.gql(SHOWN, {"id": consultation}, user=TEAM_BANGLADESH)
    assert unlimited.data["node"]["capacity"] == 2


async def test_two_registrations_for_the_last_place_at_once_take_it_once(client: Client) -> None:
    consultation = await _consultation(client, capacity=1)
    other = await _organisation("National Human Rights Commission, Bangladesh")
    # when the partner registers and the organisers add another organisation at once
    registered, added = await asyncio.gather(
        _register(client, consultation),
        client.gql(
            ADD,
            {"input": {"consultation": consultation, "organisation": other}},
            user=TEAM_BANGLADESH,
        ),
    )
    # then one of them has the place, the other is told there is none
    codes = sorted(
        [
            [e["code"] for e in registered.data["registerForConsultation"]["errors"]],
            [e["code"] for e in added.data["addParticipant"]["errors"]],
        ]
    )
    assert codes == [[], ["FULL"]]
    assert await _participants(consultation) == 1
