"""Run cases for schema/operations/consultation_running.graphql: the Bangladesh team runs
a national consultation, and a partner registers its organisation."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from tests.operations.runner import PARTNER, TEAM_BANGLADESH, Operations, organisation_id, runs

FILE = "consultation_running.graphql"
RIGHTS_NETWORK = "Migrant workers' rights network (demo)"
COMMISSION = "National Human Rights Commission, Bangladesh"


def _day(days: int) -> str:
    return (date.today() + timedelta(days=days)).isoformat()


async def _payload(
    ops: Operations, operation: str, variables: dict[str, Any], user: str = TEAM_BANGLADESH
) -> Any:
    data = await ops.data(FILE, operation, variables, user=user)
    (payload,) = data.values()
    assert payload["errors"] == [], payload["errors"]
    return payload


async def _consultation(ops: Operations, **changes: Any) -> Any:
    payload = await _payload(
        ops,
        "CreateConsultation",
        {
            "input": {
                "title": [{"language": "EN", "text": "National consultation on the GCM (demo)"}],
                "kind": "NATIONAL",
                "startsOn": _day(30),
                "endsOn": _day(30),
                "venue": "Dhaka",
                "status": "ANNOUNCED",
                "openForRegistration": True,
                "registrationDeadline": _day(20),
                "capacity": 40,
            }
            | changes
        },
    )
    return payload["consultation"]


@runs(FILE, "CreateConsultation")
async def create(ops: Operations) -> None:
    consultation = await _consultation(ops)
    assert consultation["placesLeft"] == 40
    assert consultation["registrationOpen"] is True


@runs(FILE, "UpdateConsultation")
async def open_registration(ops: Operations) -> None:
    planned = await _consultation(ops, status="PLANNED", openForRegistration=False)
    assert planned["registrationOpen"] is False
    payload = await _payload(
        ops,
        "UpdateConsultation",
        {"input": {"id": planned["id"], "status": "ANNOUNCED", "openForRegistration": True}},
    )
    assert payload["consultation"]["registrationOpen"] is True


@runs(FILE, "RegisterForConsultation")
async def register(ops: Operations) -> None:
    consultation = await _consultation(ops)
    payload = await _payload(
        ops,
        "RegisterForConsultation",
        {
            "input": {
                "consultation": consultation["id"],
                "organisation": await organisation_id(RIGHTS_NETWORK),
            }
        },
        user=PARTNER,
    )
    assert payload["participant"]["selfRegistered"] is True
    assert payload["participant"]["organisation"]["name"] == RIGHTS_NETWORK


async def _invited(ops: Operations, consultation: str) -> Any:
    payload = await _payload(
        ops,
        "AddParticipant",
        {
            "input": {
                "consultation": consultation,
                "organisation": await organisation_id(COMMISSION),
                "role": "SPEAKER",
            }
        },
    )
    return payload["participant"]


@runs(FILE, "AddParticipant")
async def add_participant(ops: Operations) -> None:
    consultation = await _consultation(ops)
    participant = await _invited(ops, consultation["id"])
    assert (participant["role"], participant["selfRegistered"]) == ("SPEAKER", False)


async def _session(ops: Operations, consultation: str) -> Any:
    payload = await _payload(
        ops,
        "AddWorkingSession",
        {
            "input": {
                "consultation": consultation,
                "number": 1,
                "title": [{"language": "EN", "text": "National implementation plans"}],
                "framingQuestions": ["How do partners take part in the national plan?"],
            }
        },
    )
    return payload["session"]


@runs(FILE, "AddWorkingSession")
async def add_session(ops: Operations) -> None:
    session = await _session(ops, (await _consultation(ops))["id"])
    assert session["number"] == 1


@runs(FILE, "RecordSessionOutcome")
async def record_outcome(ops: Operations) -> None:
    session = await _session(ops, (await _consultation(ops))["id"])
    payload = await _payload(
        ops,
        "RecordSessionOutcome",
        {"input": {"id": session["id"], "keyRecommendations": ["Meet every quarter"]}},
    )
    assert payload["session"]["keyRecommendations"] == ["Meet every quarter"]


@runs(FILE, "RecordAttendance")
async def record_attendance(ops: Operations) -> None:
    consultation = await _consultation(
        ops, startsOn=_day(-2), endsOn=_day(-1), registrationDeadline=None
    )
    participant = await _invited(ops, consultation["id"])
    await _payload(
        ops, "UpdateConsultation", {"input": {"id": consultation["id"], "status": "HELD"}}
    )
    payload = await _payload(
        ops, "RecordAttendance", {"input": {"participant": participant["id"], "attended": True}}
    )
    assert payload["participant"]["attended"] is True
