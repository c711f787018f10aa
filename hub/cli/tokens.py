"""``hub tokens``."""

from __future__ import annotations

from datetime import timedelta

import click

from hub.auth import service
from hub.auth.models import ApiToken
from hub.auth.tokens import parse_duration
from hub.cli.runner import run_with_db, settings
from hub.errors import HubError


def _duration(text: str | None) -> timedelta | None:
    if text is None:
        return None
    try:
        return parse_duration(text)
    except HubError as exc:
        raise click.BadParameter(exc.message) from exc


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
def tokens_create(email: str, name: str, expires: str | None) -> None:
    """Create an API token; its secret is printed once."""
    lifetime = _duration(expires)

    async def work() -> tuple[ApiToken, str]:
        return await service.create_api_token(email, name, lifetime)

    row, secret = run_with_db(work)
    click.echo(f"# id {row.id}; keep the token below, it is not shown again", err=True)
    click.echo(secret)


@tokens.command("revoke")
@click.argument("token_id")
def tokens_revoke(token_id: str) -> None:
    """Revoke an API token by its id."""

    async def work() -> ApiToken:
        return await service.revoke_api_token(token_id)

    run_with_db(work)
    click.echo(f"revoked {token_id}")


@tokens.command("list")
def tokens_list() -> None:
    """List API tokens (never their secrets)."""

    async def work() -> list[ApiToken]:
        return await ApiToken.all().select_related("user").order_by("created_at")

    for row in run_with_db(work):
        state = "revoked" if row.revoked_at else "active"
        expires = row.expires_at.isoformat() if row.expires_at else "never"
        click.echo(f"{row.id}\t{row.user.email}\t{row.name}\t{state}\texpires {expires}")
