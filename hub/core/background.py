"""Work that runs beside the server for as long as it serves."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Coroutine
from typing import Any


@contextlib.asynccontextmanager
async def running_in_background(work: Coroutine[Any, Any, None], name: str) -> AsyncIterator[None]:
    """Run ``work`` as a task named ``name`` while the block lasts, then cancel it and wait
    for it to stop: loops that never end by themselves (the policy watcher, the live
    listener) leave no task behind when the process shuts down."""
    task = asyncio.create_task(work, name=name)
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
