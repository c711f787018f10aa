"""The GraphQL toolkit: what every domain's types, queries and mutations are built with.

The sensitivity levels of the core are shown in the schema as one GraphQL enum, registered
here, once, with the toolkit that every GraphQL module imports: the models and services that
store them do not load GraphQL.
"""

from __future__ import annotations

from hub.core.classification import Classification
from hub.graphql.enums import described_enum

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
