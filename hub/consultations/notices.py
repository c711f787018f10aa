"""Advance notice by e-mail of a consultation just announced, to the people of the
organisations invited who agreed to be contacted."""

from __future__ import annotations

from tortoise.expressions import Q

from hub.consultations.models import Consultation, Participant
from hub.directory.models import Contact
from hub.live.events import EventKind
from hub.mail.outbox import Notice, enqueue


def _when(consultation: Consultation) -> str:
    if consultation.starts_on == consultation.ends_on:
        return f"on {consultation.starts_on.isoformat()}"
    return f"from {consultation.starts_on.isoformat()} to {consultation.ends_on.isoformat()}"


def _body(consultation: Consultation) -> str:
    place = ", ".join(p for p in (consultation.venue, "online" if consultation.online else "") if p)
    lines = [
        consultation.title_index,
        "",
        f"The consultation takes place {_when(consultation)}, {place}.",
    ]
    if consultation.open_for_registration:
        until = consultation.registration_deadline or consultation.starts_on
        lines.append(f"Organisations may register until {until.isoformat()}.")
    summary = next(iter(consultation.summary.values()), "")
    if summary:
        lines += ["", summary]
    lines += [
        "",
        "You receive this notice because your organisation was invited to it and you agreed "
        "to be contacted by the network.",
    ]
    return "\n".join(lines) + "\n"


async def announced(consultation: Consultation, tenant_path: str) -> int:
    """Queue the notice of ``consultation`` (of the tenant at ``tenant_path``), in the
    transaction that announced it: to each invited participant's own contact, or, without
    one, to the organisation's contacts in that tenant and below; only to those who
    consented and have an address. How many were queued."""
    participants = await Participant.filter(consultation_id=consultation.id)
    named = [p.contact_id for p in participants if p.contact_id is not None]
    whole = [p.organisation_id for p in participants if p.contact_id is None]
    if not participants:
        return 0
    subtree = Q(tenant__path=tenant_path) | Q(tenant__path__startswith=tenant_path + "/")
    contacts = Contact.filter(
        subtree,
        Q(id__in=named) | Q(organisation_id__in=whole),
        consent_to_contact=True,
        erased_at__isnull=True,
    ).exclude(email="")
    recipients = await contacts.values_list("email", flat=True)
    notice = Notice(
        tenant_id=consultation.tenant_id,
        about=str(EventKind.CONSULTATION_ANNOUNCED),
        object_id=consultation.id,
        subject=f"Consultation announced: {consultation.title_index}",
        body=_body(consultation),
    )
    return await enqueue(notice, [str(r) for r in recipients])
