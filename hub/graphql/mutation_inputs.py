"""Fields that many mutation inputs declare alike.

Example::

    @strawberry.input(description="Changes to a contact; omitted fields stay as they are.")
    class UpdateContactInput:
        name: str | None = optional("Name.")
"""

from __future__ import annotations

from typing import Any

import strawberry


def optional(description: str) -> Any:
    """A field that may be left out (null); the description says what that means, or the
    input's, as for changes, where what is left out stays as it is."""
    return strawberry.field(default=None, description=description)
