"""Arguments that many fields share, described once.

Example::

    async def work_streams(
        self, info: Info, first: First = None, after: After = None,
        filter: Annotated[WorkStreamFilter | None, FILTER] = None,
    ) -> Connection[WorkStream]: ...
"""

from __future__ import annotations

from enum import Enum
from typing import Annotated

import strawberry
from strawberry import relay

from hub.core.pagination import DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE

First = Annotated[
    int | None,
    strawberry.argument(
        description=f"How many to return: {DEFAULT_PAGE_SIZE} when left out, "
        f"at most {MAX_PAGE_SIZE}."
    ),
]
After = Annotated[
    str | None,
    strawberry.argument(description="Start after this cursor: the `endCursor` of the page before."),
]
Last = Annotated[
    int | None,
    strawberry.argument(
        description=f"How many to return, counting back from `before` (or from the end): "
        f"at most {MAX_PAGE_SIZE}; not with `first` or `after`."
    ),
]
Before = Annotated[
    str | None,
    strawberry.argument(description="End before this cursor: the `startCursor` of the page after."),
]
IncludeArchived = Annotated[
    bool, strawberry.argument(description="Include archived ones, which lists leave out.")
]
Search = Annotated[
    str | None, strawberry.argument(description="Text the title or name contains (any case).")
]
InTenant = Annotated[
    str | None,
    strawberry.argument(description="Only rows of this tenant (slug), within what you may see."),
]
TargetId = Annotated[
    relay.GlobalID, strawberry.argument(description="Global id of the object to act on.")
]


@strawberry.enum(description="Whose records a list holds.")
class ListScope(Enum):
    SUBTREE = strawberry.enum_value(
        "subtree", description="Those of the request's tenant and the tenants below it."
    )
    NETWORK = strawberry.enum_value(
        "network",
        description="Those too that reach the tenant from the tenants above it and across "
        "the network, as the policy's reach rules let them travel.",
    )


Scope = Annotated[
    ListScope,
    strawberry.argument(
        description="SUBTREE, the default: the tenant's own records and those below it. "
        "NETWORK: with the shared records that reach it from elsewhere."
    ),
]

FILTER = strawberry.argument(description="Only what meets all of these conditions.")
ORDER_BY = strawberry.argument(description="How to sort; rows that tie are ordered by id.")
INPUT = strawberry.argument(
    description="What to change; invalid values come back in the payload's `errors`, "
    "and then nothing is written."
)
