"""The parameter types every resolver declares alike, named once.

Example::

    async def update_contact(
        self, info: Info, input: Input[UpdateContactInput]
    ) -> ContactPayload | None: ...
"""

from __future__ import annotations

from typing import Annotated, TypeAlias, TypeVar

import strawberry

from hub.core.context import Context
from hub.graphql.arguments import INPUT

T = TypeVar("T")

Info: TypeAlias = strawberry.Info[Context, None]
# A mutation's one argument, ``input``, described for every mutation alike.
Input: TypeAlias = Annotated[T, INPUT]
