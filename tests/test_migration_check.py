"""A server refuses a database that lacks committed migrations, and names them."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import TypeVar

import pytest
from tortoise import Tortoise
from tortoise.migrations.api.migrate import migrate as tortoise_migrate

from hub.core.config import PROJECT_ROOT
from hub.core.db import tortoise_config
from hub.core.migration_check import pending_migrations
from tests.conftest import SECRET_KEY
from tests.orm_context import own_orm

T = TypeVar("T")

MIGRATED_UP_TO = "0005_stakeholders"
LATER = [
    f"hub.{path.stem}"
    for path in sorted((PROJECT_ROOT / "hub" / "migrations").glob("0*.py"))
    if path.stem > MIGRATED_UP_TO
]


@pytest.fixture
async def older_database(empty_database_url: str) -> str:
    """A database migrated up to an earlier migration only."""
    url = empty_database_url

    async def migrate_part() -> None:
        try:
            await tortoise_migrate(config=tortoise_config(url), target=f"hub.{MIGRATED_UP_TO}")
        finally:
            await Tortoise.close_connections()

    await own_orm(migrate_part)
    return url


def _run(args: list[str], database_url: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "HUB_DATABASE_URL": database_url, "HUB_SECRET_KEY": SECRET_KEY}
    return subprocess.run(
        [sys.executable, *args], env=env, capture_output=True, text=True, timeout=60, check=False
    )


async def test_pending_migrations_are_the_later_ones_in_order(older_database: str) -> None:
    # given a database migrated up to an earlier migration
    async def pending() -> list[str]:
        await Tortoise.init(config=tortoise_config(older_database))
        try:
            return await pending_migrations(older_database)
        finally:
            await Tortoise.close_connections()

    # when
    names = await own_orm(pending)
    # then
    assert LATER, "the test needs migrations after the one it stops at"
    assert names == LATER


def test_hub_serve_refuses_and_names_the_pending_migrations(older_database: str) -> None:
    # when
    result = _run(["-m", "hub", "serve", "--port", "1"], older_database)
    # then it stops before binding any port, with one clear line; a database not ready to
    # serve is an operational error
    assert result.returncode == 3, result.stderr
    assert "Traceback" not in result.stderr
    assert ", ".join(LATER) in result.stderr
    assert "run `hub migrate`" in result.stderr


def test_the_app_lifespan_refuses_too(older_database: str) -> None:
    # when another ASGI server runs the app factory
    result = _run(
        ["-m", "uvicorn", "--factory", "hub.app:create_app", "--port", "0", "--lifespan", "on"],
        older_database,
    )
    # then startup fails and says why
    assert result.returncode != 0
    assert "Application startup failed" in result.stderr
    assert ", ".join(LATER) in result.stderr
    assert "run `hub migrate`" in result.stderr
