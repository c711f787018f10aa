"""``hub mail``: the e-mail notifications the hub has queued, and the worker that sends them."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from hub.cli.runner import BadInput, echo_json, json_option, run_with_db, settings
from hub.mail.heartbeat import age, beat
from hub.mail.models import MailMessage
from hub.mail.sender import Outcome, Smtp, send_due


def _smtp() -> Smtp:
    current = settings()
    if not current.smtp_host:
        raise BadInput("set HUB_SMTP_HOST (and HUB_SMTP_PORT, HUB_SMTP_FROM) to send e-mail")
    return Smtp(
        host=current.smtp_host,
        port=current.smtp_port,
        sender=current.smtp_from,
        starttls=current.smtp_starttls,
        username=current.smtp_username,
        password=current.smtp_password,
        max_attempts=current.mail_max_attempts,
    )


@click.group()
def mail() -> None:
    """E-mail notifications: a consultation announced, a proposal's status changed."""


@mail.command("send")
@click.option("--once", is_flag=True, help="Send what is due and stop, rather than keep going.")
@click.option(
    "--interval",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="Seconds between rounds.",
)
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True)
@click.option(
    "--heartbeat",
    type=click.Path(dir_okay=False, writable=True, path_type=Path),
    help="A file touched after every round, for `hub mail alive`.",
)
@json_option
def mail_send(
    once: bool, interval: float, limit: int, heartbeat: Path | None, as_json: bool
) -> None:
    """Send the notifications that are due over SMTP, with retries: a message the server
    does not take stays queued and is tried again later, each time after a longer wait."""
    smtp = _smtp()

    async def work() -> Outcome:
        total = Outcome()
        while True:
            outcome = await send_due(smtp, limit=limit)
            if heartbeat is not None:
                beat(heartbeat)
            total = Outcome(
                total.sent + outcome.sent,
                total.retried + outcome.retried,
                total.given_up + outcome.given_up,
            )
            if once and outcome.sent + outcome.retried + outcome.given_up < limit:
                return total
            if not once:
                await asyncio.sleep(interval)

    total = run_with_db(work)
    if as_json:
        echo_json({"sent": total.sent, "retried": total.retried, "given_up": total.given_up})
    else:
        click.echo(f"sent {total.sent}, to retry {total.retried}, given up {total.given_up}")


@mail.command("status")
@json_option
def mail_status(as_json: bool) -> None:
    """How many notifications are queued, sent and given up."""

    async def work() -> dict[str, int]:
        queued = MailMessage.filter(sent_at__isnull=True, given_up_at__isnull=True)
        return {
            "queued": await queued.count(),
            "sent": await MailMessage.filter(sent_at__isnull=False).count(),
            "given_up": await MailMessage.filter(given_up_at__isnull=False).count(),
        }

    counts = run_with_db(work)
    if as_json:
        echo_json(counts)
    else:
        click.echo(", ".join(f"{name.replace('_', ' ')} {n}" for name, n in counts.items()))


@mail.command("alive")
@click.option(
    "--heartbeat",
    type=click.Path(dir_okay=False, path_type=Path),
    required=True,
    help="The file the worker was started to touch (`hub mail send --heartbeat`).",
)
@click.option(
    "--max-age",
    type=click.FloatRange(min=1),
    default=300.0,
    show_default=True,
    help="Seconds since its last round beyond which the worker counts as stuck.",
)
def mail_alive(heartbeat: Path, max_age: float) -> None:
    """Exit 0 while the worker finishes its rounds, 1 once it stopped (a liveness probe).

    An SMTP server that is down does not make the worker stuck: its rounds go on, and the
    messages stay queued.
    """
    seconds = age(heartbeat)
    if seconds is None:
        raise click.ClickException(f"no round done yet: {heartbeat} does not exist")
    if seconds > max_age:
        raise click.ClickException(
            f"stuck: the last round ended {seconds:.0f} s ago (more than {max_age:.0f} s)"
        )
    click.echo(f"alive: the last round ended {seconds:.0f} s ago")
