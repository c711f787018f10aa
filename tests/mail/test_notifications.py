"""E-mail notifications arrive at a real SMTP server (aiosmtpd, in this process): queued
with the change they tell about, sent by the worker once, kept while the server is down
and retried later, given up on a permanent refusal."""

from __future__ import annotations

import json
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from email import message_from_bytes, policy
from email.message import Message
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from hub.directory.models import Organisation
from hub.mail.models import MailMessage
from hub.mail.sender import Smtp, send_due, wait_after
from hub.proposals.models import Proposal
from tests.cli.test_admin_cli import hub
from tests.conftest import Client, relay_id

TEAM_BANGLADESH = "team.bangladesh@network.example.org"
COORDINATOR = "coordinator@network.example.org"
PARTNER = "partner@civil-society.example.org"
FARIDA = "farida@rights-network.example.org"  # consented
KARIM = "karim@rights-network.example.org"  # did not
NASRIN = "nasrin@returnees.example.org"  # consented, in Dhaka below Bangladesh


@dataclass
class Inbox:
    """What the SMTP server accepted; recipients in ``refuse`` are refused for good."""

    received: list[tuple[list[str], Message]] = field(default_factory=list)
    refuse: set[str] = field(default_factory=set)

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, options: Any
    ) -> str:
        if address in self.refuse:
            return "550 5.1.1 No such mailbox"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.received.append(
            (list(envelope.rcpt_tos), message_from_bytes(envelope.content, policy=policy.default))
        )
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[Message]:
        return [m for recipients, m in self.received if address in recipients]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def smtp_port() -> int:
    return _free_port()


@pytest.fixture
def inbox(smtp_port: int) -> Iterator[Inbox]:
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=smtp_port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def _smtp(port: int) -> Smtp:
    return Smtp(host="127.0.0.1", port=port, sender="hub@network.example.org", timeout=5)


CREATE = """
mutation($input: CreateConsultationInput!) { createConsultation(input: $input) {
  consultation { id } errors { field code } } }
"""
ADD = """
mutation($input: AddParticipantInput!) { addParticipant(input: $input) { errors { code } } }
"""
UPDATE = """
mutation($input: UpdateConsultationInput!) { updateConsultation(input: $input) {
  consultation { status } errors { field code } } }
"""


async def _planned_with_invitees(client: Client) -> str:
    """A planned national consultation of Bangladesh, two organisations invited."""
    today = date.today()
    reply = await client.gql(
        CREATE,
        {
            "input": {
                "title": [{"language": "EN", "text": "National consultation on returnees"}],
                "kind": "NATIONAL",
                "startsOn": (today + timedelta(days=30)).isoformat(),
                "endsOn": (today + timedelta(days=30)).isoformat(),
                "venue": "Dhaka",
                "openForRegistration": True,
                "registrationDeadline": (today + timedelta(days=20)).isoformat(),
            }
        },
        user=TEAM_BANGLADESH,
    )
    consultation = str(reply.data["createConsultation"]["consultation"]["id"])
    for name in ("Migrant workers' rights network (demo)", "Returnee migrants' association (demo)"):
        organisation = await Organisation.get(name=name)
        added = await client.gql(
            ADD,
            {
                "input": {
                    "consultation": consultation,
                    "organisation": relay_id("Organisation", organisation.id),
                }
            },
            user=TEAM_BANGLADESH,
        )
        assert added.data["addParticipant"]["errors"] == []
    return consultation


async def _announce(client: Client, consultation: str, **changes: Any) -> Any:
    reply = await client.gql(
        UPDATE,
        {"input": {"id": consultation, "status": "ANNOUNCED", **changes}},
        user=TEAM_BANGLADESH,
    )
    return reply.data["updateConsultation"]


async def test_an_announced_consultation_reaches_the_invitees_who_consented(
    client: Client, inbox: Inbox, smtp_port: int
) -> None:
    # given a planned consultation with two organisations invited: nothing is queued yet
    consultation = await _planned_with_invitees(client)
    assert await MailMessage.all().count() == 0
    # when it is announced
    assert (await _announce(client, consultation))["errors"] == []
    # then the consenting contacts of both are queued, in the same transaction
    queued = await MailMessage.all().order_by("recipient")
    assert [m.recipient for m in queued] == [FARIDA, NASRIN]
    # and the worker sends them
    outcome = await send_due(_smtp(smtp_port))
    assert (outcome.sent, outcome.retried, outcome.given_up) == (2, 0, 0)
    [to_farida] = inbox.to(FARIDA)
    assert inbox.to(KARIM) == []
    assert to_farida["Subject"] == "Consultation announced: National consultation on returnees"
    assert to_farida["From"] == "hub@network.example.org"
    body = to_farida.get_content()  # type: ignore[attr-defined]
    assert "Organisations may register until" in body
    assert to_farida["Message-ID"] == f"<{queued[0].id}@network-engagement-hub>"
    # and nothing is sent twice
    again = await send_due(_smtp(smtp_port))
    assert again.sent == 0
    assert len(inbox.received) == 2
    assert all(m.sent_at is not None and m.attempts == 1 for m in await MailMessage.all())


async def test_a_change_refused_queues_nothing(client: Client) -> None:
    consultation = await _planned_with_invitees(client)
    refused = await _announce(client, consultation, endsOn="2000-01-01")
    assert refused["errors"] == [{"field": "endsOn", "code": "BEFORE_START"}]
    assert await MailMessage.all().count() == 0


async def test_nothing_is_lost_while_the_server_is_down(client: Client) -> None:
    # given notices queued, and no SMTP server listening
    consultation = await _planned_with_invitees(client)
    await _announce(client, consultation)
    down = _free_port()
    now = datetime.now(UTC)
    # when the worker tries
    outcome = await send_due(_smtp(down), now=now)
    # then both stay queued with the error, due again after a wait
    assert (outcome.sent, outcome.retried) == (0, 2)
    for message in await MailMessage.all():
        assert message.sent_at is None
        assert message.attempts == 1
        assert "ConnectionRefusedError" in message.last_error
        assert message.next_attempt_at == now + wait_after(1)
    # and a round before then tries nothing
    early = await send_due(_smtp(down), now=now + timedelta(seconds=1))
    assert early.retried == 0
    # when the server is back, they arrive once each
    handler = Inbox()
    controller = Controller(handler, hostname="127.0.0.1", port=down)
    controller.start()
    try:
        later = await send_due(_smtp(down), now=now + wait_after(1))
        assert later.sent == 2
        assert sorted(r for recipients, _ in handler.received for r in recipients) == [
            FARIDA,
            NASRIN,
        ]
        assert (await send_due(_smtp(down), now=now + timedelta(hours=2))).sent == 0
    finally:
        controller.stop()


async def test_a_permanent_refusal_is_given_up_and_kept(
    client: Client, inbox: Inbox, smtp_port: int
) -> None:
    inbox.refuse.add(NASRIN)
    consultation = await _planned_with_invitees(client)
    await _announce(client, consultation)
    outcome = await send_due(_smtp(smtp_port))
    assert (outcome.sent, outcome.given_up) == (1, 1)
    refused = await MailMessage.get(recipient=NASRIN)
    assert refused.given_up_at is not None
    assert "550" in refused.last_error
    assert (await send_due(_smtp(smtp_port))).given_up == 0


async def test_the_last_attempt_gives_a_message_up(client: Client) -> None:
    consultation = await _planned_with_invitees(client)
    await _announce(client, consultation)
    down = _free_port()
    at = datetime.now(UTC)
    smtp = Smtp(host="127.0.0.1", port=down, max_attempts=3, timeout=5)
    outcomes = []
    for _ in range(3):
        outcomes.append(await send_due(smtp, now=at))
        at += timedelta(hours=1)
    assert [(o.retried, o.given_up) for o in outcomes] == [(2, 0), (2, 0), (0, 2)]
    assert all(m.given_up_at is not None for m in await MailMessage.all())


REVIEW = """
mutation($input: ReviewProposalInput!) { reviewProposal(input: $input) {
  proposal { status } errors { code } } }
"""


async def test_a_proposals_authors_hear_of_its_new_status(
    client: Client, inbox: Inbox, smtp_port: int
) -> None:
    # given a proposal the partner submitted for its organisation
    proposal = await Proposal.get(title="Regular pathways for returning migrant workers (demo)")
    # when the coordinator takes it up
    reply = await client.gql(
        REVIEW,
        {"input": {"id": relay_id("Proposal", proposal.id), "status": "UNDER_REVIEW"}},
        user=COORDINATOR,
    )
    assert reply.data["reviewProposal"]["errors"] == []
    await send_due(_smtp(smtp_port))
    # then the partner hears of it, and the coordinator, who did it, does not
    [notice] = inbox.to(PARTNER)
    assert notice["Subject"] == (
        "Your proposal is under review: Regular pathways for returning migrant workers (demo)"
    )
    assert inbox.to(COORDINATOR) == []


async def test_the_worker_runs_from_the_command_line(
    client: Client, inbox: Inbox, smtp_port: int, database_url: str
) -> None:
    consultation = await _planned_with_invitees(client)
    await _announce(client, consultation)
    unset = hub(database_url, "mail", "send", "--once", HUB_SMTP_HOST="")
    assert unset.returncode == 2
    assert "set HUB_SMTP_HOST" in unset.stderr
    sent = hub(
        database_url,
        "mail",
        "send",
        "--once",
        "--json",
        HUB_SMTP_HOST="127.0.0.1",
        HUB_SMTP_PORT=str(smtp_port),
    )
    assert sent.returncode == 0, sent.stderr
    assert json.loads(sent.stdout) == {"sent": 2, "retried": 0, "given_up": 0}
    assert sorted(r for recipients, _ in inbox.received for r in recipients) == [FARIDA, NASRIN]
    status = hub(database_url, "mail", "status", "--json")
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout) == {"queued": 0, "sent": 2, "given_up": 0}


async def test_the_worker_shows_it_is_alive_while_the_server_is_down(
    client: Client, database_url: str, tmp_path: Path
) -> None:
    consultation = await _planned_with_invitees(client)
    await _announce(client, consultation)
    heartbeat = tmp_path / "heartbeat"
    never_started = hub(database_url, "mail", "alive", "--heartbeat", str(heartbeat))
    assert never_started.returncode == 1
    assert "no round done yet" in never_started.stderr

    # A round against an SMTP server that is down is a round: the worker lives on.
    down = hub(
        database_url,
        "mail",
        "send",
        "--once",
        "--json",
        "--heartbeat",
        str(heartbeat),
        HUB_SMTP_HOST="127.0.0.1",
        HUB_SMTP_PORT=str(_free_port()),
    )
    assert down.returncode == 0, down.stderr
    assert json.loads(down.stdout)["retried"] == 2
    alive = hub(database_url, "mail", "alive", "--heartbeat", str(heartbeat), "--max-age", "60")
    assert alive.returncode == 0, alive.stderr
    assert alive.stdout.startswith("alive")

    # A worker whose last round ended long ago is stuck.
    long_ago = time.time() - 600
    os.utime(heartbeat, (long_ago, long_ago))
    stuck = hub(database_url, "mail", "alive", "--heartbeat", str(heartbeat), "--max-age", "300")
    assert stuck.returncode == 1
    assert "stuck: the last round ended 600 s ago" in stuck.stderr
