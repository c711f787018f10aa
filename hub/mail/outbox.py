"""Notices written with the change they tell about: call ``enqueue`` inside the change's
transaction, and the notice is sent if, and only if, the change commits."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from hub.mail.models import MailMessage


@dataclass(frozen=True)
class Notice:
    """One message to each of ``recipients`` (addresses, repeats sent once)."""

    tenant_id: UUID | str
    about: str
    object_id: UUID | str
    subject: str
    body: str


async def enqueue(notice: Notice, recipients: Iterable[str]) -> int:
    """Queue ``notice`` for each recipient; how many were queued."""
    now = datetime.now(UTC)
    addresses = sorted({r.strip().lower() for r in recipients if r and "@" in r})
    if not addresses:
        return 0
    await MailMessage.bulk_create(
        [
            MailMessage(
                tenant_id=notice.tenant_id,
                recipient=address,
                subject=notice.subject[:300],
                body=notice.body,
                about=notice.about,
                object_id=notice.object_id,
                next_attempt_at=now,
            )
            for address in addresses
        ]
    )
    return len(addresses)
