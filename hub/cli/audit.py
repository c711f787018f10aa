"""``hub audit``."""

from __future__ import annotations

import re

import click

from hub.access.audit_service import entries_within
from hub.access.service import tenant_path
from hub.audit import log
from hub.audit.models import AuditEntry
from hub.cli.runner import BadInput, Negative, echo_json, json_option, run_with_db

_HASH = re.compile(r"^[0-9a-f]{64}$")


def _record(row: AuditEntry) -> dict[str, object]:
    return {
        "id": row.id,
        "at": row.at.isoformat(),
        "actor": row.actor,
        "action": row.action,
        "tenant_path": row.tenant_path,
        "decision": row.decision,
        "object": row.object,
        "request_id": row.request_id or None,
        "prev_hash": row.prev_hash,
        "hash": row.hash,
    }


@click.group()
def audit() -> None:
    """The append-only audit log: changes to access (rules, grants, API tokens, tenants,
    trusted documents) and confidential reads."""


@audit.command("list")
@click.option("--tenant", "tenant_slug", default="global", show_default=True)
@click.option("--limit", type=click.IntRange(1, 10_000), default=50, show_default=True)
@click.option("--action", default=None, help="Only this action, e.g. role.grant.")
@json_option
def audit_list(tenant_slug: str, limit: int, action: str | None, as_json: bool) -> None:
    """Print the newest entries about a tenant and the tenants below it, newest first.

    Each line ends with the entry's hash, which vouches for every entry before it.
    """

    async def work() -> list[AuditEntry]:
        queryset = entries_within(await tenant_path(tenant_slug))
        if action:
            queryset = queryset.filter(action=action)
        return list(await queryset.order_by("-at", "-id").limit(limit))

    rows = run_with_db(work)
    if as_json:
        echo_json([_record(row) for row in rows])
        return
    for row in rows:
        request = f"\trequest {row.request_id}" if row.request_id else ""
        click.echo(
            f"{row.at.isoformat(timespec='seconds')}\t{row.actor}\t{row.action}\t"
            f"{row.tenant_path}\t{row.decision}\t{row.object}{request}\thash {row.hash}"
        )


@audit.command("head")
@json_option
def audit_head(as_json: bool) -> None:
    """Print the hash of the last entry, to record somewhere the log's writers cannot reach.

    `hub audit verify --contains HASH` later says whether that entry is still in the
    intact chain: entries removed from the end leave no other trace. An empty log's
    head is the chain's origin, 64 zeros.
    """
    row = run_with_db(log.head)
    if as_json:
        echo_json(
            {"id": row.id, "at": row.at.isoformat(), "hash": row.hash}
            if row is not None
            else {"id": None, "at": None, "hash": log.GENESIS}
        )
        return
    click.echo(row.hash if row is not None else log.GENESIS)


@audit.command("verify")
@click.option(
    "--contains",
    "recorded",
    metavar="HASH",
    default=None,
    help="A head recorded earlier (hub audit head): fail unless it is still in the chain.",
)
@json_option
def audit_verify(recorded: str | None, as_json: bool) -> None:
    """Recompute the hash chain; exit 1 at the first entry that was changed or removed,
    or when the entry of a recorded head is gone."""
    if recorded is not None:
        recorded = recorded.strip().lower()
        if not _HASH.match(recorded):
            raise BadInput(f"--contains takes a hash of 64 hex digits, not {recorded!r}")

    result = run_with_db(lambda: log.verify(contains=recorded))
    if as_json:
        echo_json(
            {
                "intact": result.broken_at is None,
                "checked": result.checked,
                "broken_at": result.broken_at,
                "reason": result.reason or None,
                "head": result.head,
                "contains": None
                if recorded is None
                else {"hash": recorded, "found": bool(result.contains)},
            }
        )
    if result.broken_at is not None:
        raise Negative(
            f"the chain breaks at entry {result.broken_at}: {result.reason} "
            f"({result.checked} entries before it are intact)"
        )
    if result.contains is False:
        raise Negative(
            f"no entry of the chain has the hash {recorded}: entries were removed from its "
            f"end, or it never was a head of this log ({result.checked} entries intact)"
        )
    if not as_json:
        click.echo(f"audit log intact: {result.checked} entries; head {result.head}")
