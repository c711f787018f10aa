"""The sensitivity levels every record carries."""

from __future__ import annotations

from enum import StrEnum

from hub.graphql.enums import described_enum


class Classification(StrEnum):
    PUBLIC = "public"
    NETWORK = "network"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"


# Registered here, once: every module that uses it then shares one GraphQL enum.
described_enum(
    Classification,
    "Sensitivity of a record: PUBLIC < NETWORK < RESTRICTED < CONFIDENTIAL.",
    {
        Classification.PUBLIC: "Anyone who may see the kind of record may see it.",
        Classification.NETWORK: "For the network and its partners.",
        Classification.RESTRICTED: "For the network's own teams.",
        Classification.CONFIDENTIAL: "For named roles only; every read is audited.",
    },
)
