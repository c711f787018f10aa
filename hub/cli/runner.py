"""Running async work from CLI commands, with errors as messages rather than tracebacks."""

from __future__ import annotations

import asyncio
import getpass
import os
from collections.abc import Awaitable, Callable
from typing import TypeVar

import click
from tortoise.exceptions import BaseORMException

from hub.config import ConfigurationError, Settings
from hub.db import close_orm, init_orm
from hub.errors import HubError

T = TypeVar("T")


def cli_actor() -> str:
    """Who the audit log says made a change from the command line."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no name for this uid, e.g. in a bare container
        return f"cli:uid {os.getuid()}"


def settings() -> Settings:
    try:
        current = Settings()
        current.check()
    except (ConfigurationError, ValueError) as exc:
        raise click.ClickException(str(exc)) from exc
    return current


def run_with_db(work: Callable[[], Awaitable[T]]) -> T:
    """Open the database, run ``work``, close the database."""
    url = settings().database_url

    async def main() -> T:
        await init_orm(url)
        try:
            return await work()
        finally:
            await close_orm()

    try:
        return asyncio.run(main())
    except HubError as exc:
        raise click.ClickException(exc.message) from exc
    except (BaseORMException, OSError) as exc:
        raise click.ClickException(f"database error: {exc}") from exc
