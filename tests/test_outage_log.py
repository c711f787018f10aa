from __future__ import annotations

import logging

import pytest

from hub.observability.outage_log import OutageLog


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


def test_a_long_outage_is_counted_every_report_period(caplog: pytest.LogCaptureFixture) -> None:
    # given
    clock = Clock()
    outage = OutageLog(logging.getLogger("hub.test"), "serving", clock=clock, report_every=60)
    caplog.set_level(logging.WARNING, logger="hub.test")
    # when requests fail eight times a second for 130 s, then one succeeds
    for _ in range(1040):
        _fail(outage)
        clock.now += 0.125
    outage.succeeded()
    # then one line when it starts, one a minute while it lasts, one when it ends
    messages = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert len(messages) == 4, messages
    assert messages[1] == "serving: still failing, 481 failures in 60 s"
    assert messages[2] == "serving: still failing, 961 failures in 120 s"
    assert messages[3] == "serving: recovered after 1040 failures in 130.0 s"
