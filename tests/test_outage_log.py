from __future__ import annotations

import logging

import pytest

from hub.outage_log import OutageLog


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _fail(outage: OutageLog) -> None:
    try:
        raise ConnectionRefusedError("database away")
    except ConnectionRefusedError:
        outage.failed()


def test_a_run_of_failures_logs_one_traceback_then_the_recovery(
    caplog: pytest.LogCaptureFixture,
) -> None:
    # given
    clock = Clock()
    outage = OutageLog(logging.getLogger("hub.test"), "checking", clock=clock)
    caplog.set_level(logging.WARNING, logger="hub.test")
    # when the database stays away for sixty tries, then comes back
    for _ in range(60):
        _fail(outage)
        clock.now += 1.0
    outage.succeeded()
    outage.succeeded()
    # then
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING]
    assert len(warnings) == 2
    assert warnings[0].exc_info is not None
    assert warnings[1].getMessage() == "checking: recovered after 60 failures in 60.0 s"


def test_a_new_outage_logs_its_traceback_again(caplog: pytest.LogCaptureFixture) -> None:
    # given
    outage = OutageLog(logging.getLogger("hub.test"), "checking", clock=Clock())
    caplog.set_level(logging.WARNING, logger="hub.test")
    _fail(outage)
    outage.succeeded()
    # when
    _fail(outage)
    # then
    tracebacks = [r for r in caplog.records if r.exc_info is not None]
    assert len(tracebacks) == 2
