"""``hub migrate`` and ``hub demo``."""

from __future__ import annotations

import asyncio
from pathlib import Path

import click

from hub.auth.tokens import parse_duration
from hub.cli.runner import (
    BadInput,
    OperationalError,
    echo_json,
    json_option,
    run_with_db,
    settings,
)
from hub.core.config import shipped
from hub.core.db import migrate as apply_migrations
from hub.core.errors import HubError
from hub.demo import demo_tokens, is_empty, load_demo


@click.command()
def migrate() -> None:
    """Apply the committed database migrations."""
    url = settings().database_url
    try:
        asyncio.run(apply_migrations(url))
    except Exception as exc:  # the CLI reports, the traceback stays out of the way
        raise OperationalError(f"migration failed: {exc}") from exc
    click.echo("database is up to date")


@click.group()
def demo() -> None:
    """The demo network from the 2019 consultation."""


@demo.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database has tenants.")
@click.option("--tenants-dir", type=click.Path(path_type=Path), default=shipped("tenants"))
@click.option("--policies-dir", type=click.Path(path_type=Path), default=shipped("policies"))
def demo_load(if_empty: bool, tenants_dir: Path, policies_dir: Path) -> None:
    """Load the demo tenants, policies, users and work streams (idempotent)."""
    current = settings()

    async def work() -> list[str]:
        if if_empty and not await is_empty():
            return ["demo: the database already has data; left as it is"]
        return await load_demo(tenants_dir, policies_dir, current.master_key_bytes)

    for line in run_with_db(work):
        click.echo(line)


@demo.command("tokens")
@click.option("--expires", default="8h", show_default=True, help="Lifetime, e.g. 30m, 8h, 7d.")
@json_option
def demo_tokens_command(expires: str, as_json: bool) -> None:
    """Print development bearer tokens for the demo users."""
    try:
        lifetime = parse_duration(expires)
    except HubError as exc:
        raise BadInput(exc.message) from exc
    issued = demo_tokens(settings().secret_key, lifetime)
    if as_json:
        echo_json(
            [
                {
                    "email": user.email,
                    "name": user.name,
                    "roles": list(user.roles),
                    "tenant": user.tenant,
                    "token": token,
                }
                for user, token in issued
            ]
        )
        return
    for user, token in issued:
        click.echo(f"# {user.name} ({', '.join(user.roles)} in {user.tenant}): {user.email}")
        click.echo(f"Authorization: Bearer {token}")
