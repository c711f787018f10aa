"""The mail worker's sign of life: a file it touches after every round, whether or not the
SMTP server took anything, and its age, which a liveness probe compares with a limit. A
worker stuck in a round stops touching it; an SMTP server that is down does not."""

from __future__ import annotations

import time
from pathlib import Path


def beat(path: Path) -> None:
    """Mark a round done now."""
    path.touch()


def age(path: Path) -> float | None:
    """Seconds since the last round done, or None when none was ever marked."""
    try:
        return max(0.0, time.time() - path.stat().st_mtime)
    except FileNotFoundError:
        return None
