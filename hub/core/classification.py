"""The sensitivity levels every record carries."""

from __future__ import annotations

from enum import StrEnum


class Classification(StrEnum):
    PUBLIC = "public"
    NETWORK = "network"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"
