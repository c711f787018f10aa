"""``hub tokens``."""

from __future__ import annotations

import sys
from datetime import UTC, datetime, timedelta

import click

from hub.auth import service
from hub.auth.models import ApiToken
from hub.auth.tokens import parse_duration
from hub.cli.runner import BadInput, cli_actor, echo_json, json_option, run_with_db, settings
from hub.core.errors import HubError


def _duration(text: str | None) -> timedelta | None:
    if text is None:
        return None
    try:
        return parse_duration(text)
    except HubError as exc:
        raise click.BadParameter(exc.message) from exc


def _when(at: datetime | None) -> str | None:
    return at.isoformat(timespec="seconds") if at else None


def _state(row: ApiToken) -> str:
    if row.revoked_at is not None:
        return "revoked"
    if row.expires_at is not None and row.expires_at <= datetime.now(UTC):
        return "expired"
    return "active"


def _record(row: ApiToken) -> dict[str, object]:
    return {
        "id": str(row.id),
        "prefix": row.prefix,
        "user": row.user.email,
        "name": row.name,
        "state": _state(row),
        "created_at": _when(row.created_at),
        "expires_at": _when(row.expires_at),
        "revoked_at": _when(row.revoked_at),
    }


@click.group()
def tokens() -> None:
    """Bearer tokens: signed development tokens and API tokens for scripts."""


@tokens.command("issue")
@click.option("--user", "email", required=True, help="Email of an existing user.")
@click.option("--tenant", default=None, help="Tenant slug that requests default to.")
@click.option("--expires", default="8h", show_default=True, help="Lifetime: 30m, 8h, 7d.")
def tokens_issue(email: str, tenant: str | None, expires: str) -> None:
    """Print a signed development token."""
    lifetime = _duration(expires)
    assert lifetime is not None
    secret = settings().secret_key

    async def work() -> str:
        return await service.issue_token(secret, email, tenant, lifetime)

    click.echo(run_with_db(work))


@tokens.command("create")
@click.option("--user", "email", required=True, help="Email of an existing user.")
@click.option("--name", required=True, help="What the token is for.")
@click.option("--expires", default=None, help="Lifetime: 30d, 365d; never expires if omitted.")
@json_option
def tokens_create(email: str, name: str, expires: str | None, as_json: bool) -> None:
    """Create an API token; its secret is printed once, on stdout.

    Only its hash is stored, with its first characters (the prefix `hub tokens list`
    shows). The creation is written to the audit log.
    """
    lifetime = _duration(expires)
    actor = cli_actor()

    async def work() -> tuple[ApiToken, str]:
        return await service.create_api_token(email, name, lifetime, actor=actor)

    row, secret = run_with_db(work)
    if as_json:
        echo_json({**_record(row), "secret": secret})
        return
    click.echo(
        f"# id {row.id}; prefix {row.prefix}; keep the token below, it is not shown again", err=True
    )
    click.echo(secret)


@tokens.command("revoke")
@click.argument("token", metavar="ID_OR_SECRET")
@json_option
def tokens_revoke(token: str, as_json: bool) -> None:
    """Revoke an API token by its id or by its secret (`-`: read the secret from stdin).

    A leaked secret is revoked as it is found, without looking its id up. Revoking a
    token again changes nothing. The revocation is written to the audit log.
    """
    if token == "-":
        token = sys.stdin.readline().strip()
        if not token:
            raise BadInput("no token on stdin")
    actor = cli_actor()

    async def work() -> tuple[ApiToken, bool]:
        return await service.revoke_api_token(token, actor=actor)

    row, changed = run_with_db(work)
    if as_json:
        echo_json({**_record(row), "changed": changed})
        return
    described = f"{row.id} ({row.prefix or 'no prefix'}, {row.user.email}, {row.name})"
    click.echo(f"revoked {described}" if changed else f"already revoked: {described}")


@tokens.command("list")
@json_option
def tokens_list(as_json: bool) -> None:
    """List API tokens: id, prefix of the secret, user, name, state, expiry.

    Never their secrets: the prefix (``hub_`` and 8 characters) is enough to tell which
    token a leaked secret is. Tokens created before prefixes were kept show none (`-`).
    """

    async def work() -> list[ApiToken]:
        return await ApiToken.all().select_related("user").order_by("created_at")

    rows = run_with_db(work)
    if as_json:
        echo_json([_record(row) for row in rows])
        return
    for row in rows:
        expires = _when(row.expires_at) or "never"
        click.echo(
            f"{row.id}\t{row.prefix or '-'}\t{row.user.email}\t{row.name}\t{_state(row)}\t"
            f"expires {expires}"
        )
