"""Notifications waiting to be sent, and sent: written in the transaction of the change they
tell about, so that a change and its notices are kept or lost together."""

from __future__ import annotations

from tortoise import fields

from hub.core.model_mixins import Created, TenantOwned, tenant_key


class MailMessage(TenantOwned, Created):
    """One e-mail to one recipient, kept after it is sent.

    A worker sends the due ones and records the outcome: sent, or the error and when to try
    again. After the last attempt it is given up, and kept with its error."""

    id = fields.UUIDField(primary_key=True)
    tenant = tenant_key("mail_messages")
    recipient = fields.CharField(max_length=254)
    subject = fields.CharField(max_length=300)
    body = fields.TextField()
    # What it tells about (an event's kind and the object it names), for the record.
    about = fields.CharField(max_length=64)
    object_id = fields.UUIDField()
    attempts = fields.SmallIntField(default=0)
    next_attempt_at = fields.DatetimeField()
    sent_at = fields.DatetimeField(null=True)
    given_up_at = fields.DatetimeField(null=True)
    last_error = fields.TextField(default="")

    class Meta:
        table = "mail_message"
        indexes = (("sent_at", "given_up_at", "next_attempt_at"),)
