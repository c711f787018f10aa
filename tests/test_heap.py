"""A serving process keeps what it built at start-up out of full collections, and a policy
reload does not leave the replaced snapshot behind."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from hub.app import create_app
from hub.core.config import Settings


@pytest.fixture
def unfrozen() -> Iterator[None]:
    yield
    gc.unfreeze()


@pytest.mark.usefixtures("network", "unfrozen")
async def test_start_up_freezes_and_a_reload_lets_the_old_snapshot_go(
    settings: Settings,
) -> None:
    app = create_app(settings.model_copy(update={"freeze_heap": True}), manage_orm=False)
    access = app.state.access
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() > 0
        before = weakref.ref(access.snapshot)
        # when the policies are reloaded
        await access.load()
        # then the replaced snapshot is gone although it was frozen, and the new one frozen
        assert before() is None
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


@pytest.mark.usefixtures("network")
async def test_without_freezing_nothing_is_frozen(settings: Settings) -> None:
    assert settings.freeze_heap is False
    app = create_app(settings, manage_orm=False)
    async with app.router.lifespan_context(app):
        assert gc.get_freeze_count() == 0
