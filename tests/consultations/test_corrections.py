"""A consultation is corrected after it is held: its working sessions changed (what they
recommended recorded) or removed, its participants removed; within the caller's subtree
and permissions only, and audited as the consultation's changes are."""

from __future__ import annotations

from typing import Any

from hub.audit.models import AuditEntry
from hub.consultations.models import Consultation, Participant, WorkingSession
from tests.conftest import Client, relay_id
from tests.consultations.queries import (
    COORDINATOR,
    FOCAL_EUROPE,
    PARTNER,
    REMOVE_PARTICIPANT,
    REMOVE_SESSION,
    UPDATE_SESSION,
)

GENEVA = "Consultation of the UN Network on Migration with civil society and other stakeholders"


async def _geneva() -> Consultation:
    return await Consultation.get(title_index=GENEVA)


async def _session(number: int) -> WorkingSession:
    return await WorkingSession.get(consultation=await _geneva(), number=number)


def _problems(reply: Any, field: str) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in reply.data[field]["errors"]]


async def test_a_held_session_gets_its_recommendations_and_a_title_in_another_language(
    client: Client,
) -> None:
    # given
    session = await _session(1)
    before = dict(session.title)
    # when
    reply = await client.gql(
        UPDATE_SESSION,
        {
            "input": {
                "id": relay_id("WorkingSession", session.id),
                "title": [{"language": "FR", "text": "Le rôle des acteurs"}],
                "keyRecommendations": ["Fund civil society's own consultations", "Meet twice"],
            }
        },
        user=COORDINATOR,
    )
    # then
    assert _problems(reply, "updateWorkingSession") == []
    shown = reply.data["updateWorkingSession"]["session"]
    assert shown["keyRecommendations"] == ["Fund civil society's own consultations", "Meet twice"]
    assert "FR" in shown["title"]["available"]
    stored = await WorkingSession.get(id=session.id)
    assert stored.title == {**before, "fr": "Le rôle des acteurs"}
    assert stored.framing_questions == session.framing_questions
    assert stored.number == 1


async def test_session_changes_are_checked_and_nothing_is_written(client: Client) -> None:
    session = await _session(1)
    cases: list[tuple[dict[str, Any], list[tuple[str, str]]]] = [
        ({"number": 2}, [("number", "DUPLICATE")]),
        ({"number": 0}, [("number", "OUT_OF_RANGE")]),
        ({"keyRecommendations": ["fine", "  "]}, [("keyRecommendations.1", "REQUIRED")]),
    ]
    for changes, expected in cases:
        reply = await client.gql(
            UPDATE_SESSION,
            {"input": {"id": relay_id("WorkingSession", session.id), **changes}},
            user=COORDINATOR,
        )
        assert _problems(reply, "updateWorkingSession") == expected, changes
        assert reply.data["updateWorkingSession"]["session"] is None
    stored = await WorkingSession.get(id=session.id)
    assert (stored.number, stored.key_recommendations) == (1, session.key_recommendations)


async def test_a_session_and_a_participant_are_removed_once(client: Client) -> None:
    # given
    session = await _session(2)
    participant = await Participant.filter(consultation=await _geneva()).first()
    assert participant is not None
    session_id = relay_id("WorkingSession", session.id)
    participant_id = relay_id("Participant", participant.id)
    # when
    removed = await client.gql(REMOVE_SESSION, {"input": {"id": session_id}}, user=COORDINATOR)
    left = await client.gql(REMOVE_PARTICIPANT, {"input": {"id": participant_id}}, user=COORDINATOR)
    again = await client.gql(REMOVE_SESSION, {"input": {"id": session_id}}, user=COORDINATOR)
    # then: each as it was, then gone
    assert removed.data["removeWorkingSession"]["session"] == {"id": session_id, "number": 2}
    assert left.data["removeParticipant"]["participant"]["id"] == participant_id
    assert not await WorkingSession.exists(id=session.id)
    assert not await Participant.exists(id=participant.id)
    assert again.errors[0]["extensions"]["code"] == "NOT_FOUND"


async def test_a_confidential_consultations_corrections_are_audited(client: Client) -> None:
    # given
    geneva = await _geneva()
    await Consultation.filter(id=geneva.id).update(classification="confidential")
    participant = await Participant.filter(consultation=geneva).first()
    assert participant is not None
    # when
    reply = await client.gql(
        REMOVE_PARTICIPANT,
        {"input": {"id": relay_id("Participant", participant.id)}},
        user=COORDINATOR,
    )
    # then
    assert _problems(reply, "removeParticipant") == []
    entry = await AuditEntry.filter(action="consultation.update").order_by("-id").first()
    assert entry is not None
    assert (entry.actor, entry.object) == (COORDINATOR, f"consultation:{geneva.id}")


async def test_no_one_else_changes_or_removes_another_tenants_sessions_and_participants(
    client: Client,
) -> None:
    # given the Geneva consultation of the global tenant, which reaches the regions
    session = await _session(1)
    participant = await Participant.filter(consultation=await _geneva()).first()
    assert participant is not None
    session_id = relay_id("WorkingSession", session.id)
    participant_id = relay_id("Participant", participant.id)
    attempts = [
        (UPDATE_SESSION, {"id": session_id, "keyRecommendations": ["Taken over"]}),
        (REMOVE_SESSION, {"id": session_id}),
        (REMOVE_PARTICIPANT, {"id": participant_id}),
        # an id of another type, and none at all
        (REMOVE_SESSION, {"id": participant_id}),
        (REMOVE_PARTICIPANT, {"id": relay_id("Participant", session.id)}),
    ]
    for document, asked in attempts:
        # when a regional focal point of Europe tries (it may read the record, not change it)
        europe = await client.gql(document, {"input": asked}, user=FOCAL_EUROPE)
        # and a partner who may change no consultation
        partner = await client.gql(document, {"input": asked}, user=PARTNER)
        # then
        assert europe.errors[0]["extensions"]["code"] == "NOT_FOUND", (document, europe.body)
        assert partner.errors[0]["extensions"]["code"] in {"FORBIDDEN", "NOT_FOUND"}
    # and nothing changed
    stored = await WorkingSession.get(id=session.id)
    assert stored.key_recommendations == session.key_recommendations
    assert await Participant.exists(id=participant.id)
