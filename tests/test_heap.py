"""A serving process keeps what it built at start-up out of full collections, and a policy
reload does not leave the replaced snapshot behind."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from hub.access.models import CasbinRule
from hub.app import create_app
from hub.core.config import Settings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


async def _deny_tenant_reads(role: str) -> None:
    await CasbinRule.create(ptype="p", v0=role, v1="*", v2="tenant", v3="read", v4="deny")


@pytest.mark.usefixtures("network", "unfrozen")
async def test_start_up_freezes_and_a_reload_lets_the_old_snapshot_go(
    settings: Settings,
) -> None:
    # Rules of this test alone: an app of another test with the same rules would share the
    # snapshot and keep it alive.
    await _deny_tenant_reads("auditor")
    app = create_app(settings.model_copy(update={"freeze_heap": True}), manage_orm=False)
    access = app.state.access
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 0
        before = weakref.ref(access.snapshot)
        # when the policies are reloaded unchanged, then changed
        await access.load()
        kept = access.snapshot is before()
        await _deny_tenant_reads("reviewer")
        await access.load()
        # then the warm snapshot was kept while the rules were the same; the replaced one is
        # gone although it was frozen, and the new one frozen
        assert kept
        assert before() is None
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("network")
async def test_without_freezing_nothing_is_frozen(settings: Settings) -> None:
    assert settings.freeze_heap is False
    app = create_app(settings, manage_orm=False)
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() == 0
