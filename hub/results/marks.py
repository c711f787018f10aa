"""Marks a request whose result must not be cached: it wrote an audit entry or read them."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar


class ReadMarks:
    """Shared by reference: resolvers run in tasks that copy the context, not share it."""

    def __init__(self) -> None:
        self.cacheable = True


_current: ContextVar[ReadMarks | None] = ContextVar("hub_read_marks", default=None)


def not_cacheable() -> None:
    """The result of the running operation must be computed afresh every time."""
    marks = _current.get()
    if marks is not None:
        marks.cacheable = False


@contextmanager
def watching() -> Iterator[ReadMarks]:
    marks = ReadMarks()
    token = _current.set(marks)
    try:
        yield marks
    finally:
        _current.reset(token)
