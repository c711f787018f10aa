"""Logs a failure that repeats (a loop retrying while the database is away) once, not each try.

The first failure is logged with its traceback; repeats are counted at debug level, with a
warning that counts them every ``report_every`` seconds while they last; the first success
after them logs how long and how many tries the failure lasted. Lines per outage stay the
same however much traffic fails.
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
        report_every: float = 60.0,
    ) -> None:
        self.log = log
        self.what = what
        self.clock = clock
        self.report_every = report_every
        self.failures = 0
        self._since = 0.0
        self._reported = 0.0

    def failed(self) -> None:
        """Call from an ``except`` block: the first of a run logs the traceback."""
        self.failures += 1
        if self.failures == 1:
            self._since = self._reported = self.clock()
            self.log.warning("%s; retrying quietly until it works", self.what, exc_info=True)
            return
        self.log.debug("%s (%d times in a row)", self.what, self.failures, exc_info=True)
        now = self.clock()
        if now - self._reported >= self.report_every:
            self._reported = now
            self.log.warning(
                "%s: still failing, %d failures in %.0f s",
                self.what,
                self.failures,
                now - self._since,
            )

    def succeeded(self) -> None:
        if self.failures:
            self.log.warning(
                "%s: recovered after %d failures in %.1f s",
                self.what,
                self.failures,
                self.clock() - self._since,
            )
            self.failures = 0
