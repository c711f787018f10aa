"""The worker's side: send the notices that are due over SMTP, and record each outcome.

A message is marked sent once the SMTP server has accepted it. A server that cannot be
reached, or refuses for now (4xx), leaves every due message queued with its error, to be
tried again later, each time after a longer wait; a permanent refusal (5xx) or the last
attempt gives it up, kept with its error. Nothing is lost while the server is down. Each
message carries a Message-ID of its own, so that a receiver can tell a resend (after a
crash between the server's acceptance and the record of it) from a new message.
"""

from __future__ import annotations

import asyncio
import smtplib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.utils import format_datetime

from tortoise.transactions import in_transaction

from hub.mail.models import MailMessage

MESSAGE_DOMAIN = "network-engagement-hub"
FIRST_WAIT = timedelta(seconds=30)
LONGEST_WAIT = timedelta(hours=1)


@dataclass(frozen=True)
class Smtp:
    host: str
    port: int = 25
    sender: str = "hub@localhost"
    starttls: bool = False
    username: str | None = None
    password: str | None = None
    timeout: float = 30.0
    max_attempts: int = 8


@dataclass(frozen=True)
class Outcome:
    sent: int = 0
    retried: int = 0
    given_up: int = 0


def wait_after(attempts: int) -> timedelta:
    """How long to wait before the next attempt, after ``attempts`` failed ones."""
    doubled: timedelta = FIRST_WAIT * (2 ** max(attempts - 1, 0))
    return min(doubled, LONGEST_WAIT)


def _email(smtp: Smtp, message: MailMessage) -> EmailMessage:
    email = EmailMessage()
    email["From"] = smtp.sender
    email["To"] = message.recipient
    email["Subject"] = message.subject
    email["Message-ID"] = f"<{message.id}@{MESSAGE_DOMAIN}>"
    email["Date"] = format_datetime(message.created_at)
    email.set_content(message.body)
    return email


def _deliver(smtp: Smtp, messages: Sequence[MailMessage]) -> list[BaseException | None]:
    """Send ``messages`` over one connection: None for each accepted, else its error (the
    connection's, for all, when it cannot be opened or breaks)."""
    try:
        with smtplib.SMTP(smtp.host, smtp.port, timeout=smtp.timeout) as server:
            if smtp.starttls:
                server.starttls()
            if smtp.username:
                server.login(smtp.username, smtp.password or "")
            outcomes: list[BaseException | None] = []
            for message in messages:
                try:
                    server.send_message(_email(smtp, message))
                    outcomes.append(None)
                except smtplib.SMTPServerDisconnected as error:
                    return outcomes + [error] * (len(messages) - len(outcomes))
                except smtplib.SMTPException as error:
                    outcomes.append(error)
            return outcomes
    except (OSError, smtplib.SMTPException) as error:
        return [error] * len(messages)


def _permanent(error: BaseException) -> bool:
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _ in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


async def send_due(smtp: Smtp, *, now: datetime | None = None, limit: int = 100) -> Outcome:
    """Send up to ``limit`` messages due at ``now``, oldest first. The messages are claimed
    for the transaction (on PostgreSQL: SQLite has one writer at a time anyway), so that
    workers side by side skip each other's instead of sending them twice."""
    at = now or datetime.now(UTC)
    sent = retried = given_up = 0
    async with in_transaction():
        due = MailMessage.filter(
            sent_at__isnull=True, given_up_at__isnull=True, next_attempt_at__lte=at
        ).order_by("next_attempt_at", "id")
        messages = list(await due.select_for_update(skip_locked=True).limit(limit))
        if not messages:
            return Outcome()
        outcomes = await asyncio.to_thread(_deliver, smtp, messages)
        for message, error in zip(messages, outcomes, strict=True):
            message.attempts += 1
            if error is None:
                message.sent_at = at
                message.last_error = ""
                sent += 1
            elif _permanent(error) or message.attempts >= smtp.max_attempts:
                message.given_up_at = at
                message.last_error = _described(error)
                given_up += 1
            else:
                message.next_attempt_at = at + wait_after(message.attempts)
                message.last_error = _described(error)
                retried += 1
            await message.save(
                update_fields=[
                    "attempts",
                    "sent_at",
                    "given_up_at",
                    "next_attempt_at",
                    "last_error",
                ]
            )
    return Outcome(sent, retried, given_up)


def _described(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"[:2000]
