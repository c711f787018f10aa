"""The sensitivity levels every record carries (declared in hub.core.classification)."""

from __future__ import annotations

from hub.core.classification import Classification

__all__ = ["Classification"]
