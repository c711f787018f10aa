"""The sensitivity levels every record carries."""

from __future__ import annotations

from enum import StrEnum

import strawberry


class Classification(StrEnum):
    PUBLIC = "public"
    NETWORK = "network"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"


# Registered here, once: every module that uses it then shares one GraphQL enum.
strawberry.enum(
    Classification,
    description="Sensitivity of a record: PUBLIC < NETWORK < RESTRICTED < CONFIDENTIAL.",
)
