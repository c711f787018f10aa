"""Input fields that many mutation inputs declare alike."""

from __future__ import annotations

from typing import Any

import strawberry

from hub.core.classification import Classification


def sensitivity(default: Classification) -> Any:
    """The ``classification`` of what a mutation records, ``default`` when left out."""
    return strawberry.field(default=default, description="Sensitivity.")
