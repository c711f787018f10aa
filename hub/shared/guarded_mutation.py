"""A mutation that needs a permission, declared in one line.

Example::

    @guarded_mutation(Resource.CONTACT, Action.UPDATE, "Change a contact person.")
    async def update_contact(self, info: Info, input: Input[UpdateContactInput]) -> ...
"""

from __future__ import annotations

from typing import Any

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource


def guarded_mutation(resource: Resource, action: Action, description: str) -> Any:
    """``strawberry.mutation`` for callers allowed ``action`` on ``resource``."""
    return strawberry.mutation(**guarded(resource, action, description))
