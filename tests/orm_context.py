"""Work with an ORM of its own, beside the suite's open one: another database (an older
schema, another hub's) initialised and closed inside it."""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

T = TypeVar("T")


async def own_orm(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run ``work`` with an ORM context of its own, leaving the suite's open one alone."""
    return await asyncio.create_task(work(), context=contextvars.Context())
