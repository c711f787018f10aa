"""Theme queries."""

from __future__ import annotations

import strawberry

from hub.themes.types import ThemeEntry, entries


@strawberry.type
class ThemeQuery:
    @strawberry.field(description="The shared taxonomy of themes, in order.")
    def themes(self) -> list[ThemeEntry]:
        return entries()
