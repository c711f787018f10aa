"""Logs a failure that repeats (a loop retrying while the database is away) once, not each try.

The first failure is logged with its traceback; repeats are counted at debug level; the
first success after them logs how long and how many tries the failure lasted.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable


class OutageLog:
    def __init__(
        self,
        log: logging.Logger,
        what: str,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.log = log
        self.what = what
        self.clock = clock
        self.failures = 0
        self._since = 0.0

    def failed(self) -> None:
        """Call from an ``except`` block: the first of a run logs the traceback."""
        self.failures += 1
        if self.failures == 1:
            self._since = self.clock()
            self.log.warning("%s; retrying quietly until it works", self.what, exc_info=True)
        else:
            self.log.debug("%s (%d times in a row)", self.what, self.failures, exc_info=True)

    def succeeded(self) -> None:
        if self.failures:
            self.log.warning(
                "%s: recovered after %d failures in %.1f s",
                self.what,
                self.failures,
                self.clock() - self._since,
            )
            self.failures = 0
