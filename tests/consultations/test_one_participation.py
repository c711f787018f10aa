"""An organisation takes part in a consultation once: the database refuses a second
participation, and the migration that says so merges the ones an earlier version let in."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import AsyncIterator, Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

import pytest
from tortoise import Tortoise
from tortoise.exceptions import IntegrityError
from tortoise.migrations.api.migrate import migrate as tortoise_migrate

from hub.consultations.models import Gender, Participant
from hub.core.config import PROJECT_ROOT, Settings
from hub.core.db import tortoise_config
from hub.demo import load_demo
from tests.conftest import BACKEND, _create_postgres_database, _drop_postgres_database

T = TypeVar("T")

BEFORE = "hub.0031_consultation_search"


async def _own_orm(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``work`` with an ORM context of its own, leaving the suite's open one alone."""
    return await asyncio.create_task(work(), context=contextvars.Context())


@pytest.fixture
async def demo_before_merge(tmp_path: Path) -> AsyncIterator[str]:
    """The demo network in a database migrated up to the migration before the merge."""
    admin_url = None
    if BACKEND == "postgres":
        admin_url, url = await _create_postgres_database()
    else:
        url = f"sqlite://{tmp_path / 'before.sqlite3'}"

    async def load() -> None:
        try:
            await tortoise_migrate(config=tortoise_config(url), target=BEFORE)
            await Tortoise.init(config=tortoise_config(url))
            await load_demo(
                PROJECT_ROOT / "tenants", PROJECT_ROOT / "policies", Settings().master_key_bytes
            )
        finally:
            await Tortoise.close_connections()

    await _own_orm(load)
    try:
        yield url
    finally:
        if admin_url is not None:
            await _drop_postgres_database(admin_url, url)


async def test_twice_added_organisations_are_merged_then_refused(demo_before_merge: str) -> None:
    url = demo_before_merge

    async def add_twice() -> tuple[str, str, int]:
        try:
            await Tortoise.init(config=tortoise_config(url))
            first = await Participant.all().order_by("created_at", "id").first()
            assert first is not None
            # Nothing recorded yet on the first: what the merge keeps comes from the others.
            first.attended, first.gender, first.registered_by = None, None, ""  # type: ignore[assignment]
            await first.save()
            # As an earlier version could: the same organisation added again, then again.
            copies = [
                await Participant.create(
                    tenant_id=first.tenant_id,
                    consultation_id=first.consultation_id,
                    organisation_id=first.organisation_id,
                    classification=first.classification,
                    attended=attended,
                    gender=gender,
                    registered_by=registered_by,
                )
                for attended, gender, registered_by in [
                    (False, None, ""),
                    (True, Gender.WOMAN, "partner@civil-society.example.org"),
                ]
            ]
            return str(first.id), str(copies[0].id), await Participant.all().count()
        finally:
            await Tortoise.close_connections()

    first_id, copy_id, before = await _own_orm(add_twice)

    async def migrate_and_check() -> None:
        try:
            await tortoise_migrate(config=tortoise_config(url))
            await Tortoise.init(config=tortoise_config(url))
            assert await Participant.all().count() == before - 2
            kept = await Participant.get(id=first_id)
            # The first participation stays, with what the others knew.
            assert (kept.attended, kept.gender, kept.registered_by) == (
                True,
                Gender.WOMAN,
                "partner@civil-society.example.org",
            )
            assert not await Participant.filter(id=copy_id).exists()
            with pytest.raises(IntegrityError):
                await Participant.create(
                    tenant_id=kept.tenant_id,
                    consultation_id=kept.consultation_id,
                    organisation_id=kept.organisation_id,
                    classification=kept.classification,
                )
            assert await Participant.all().count() == before - 2
        finally:
            await Tortoise.close_connections()

    await _own_orm(migrate_and_check)
