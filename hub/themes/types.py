"""GraphQL types of the theme taxonomy."""

from __future__ import annotations

import strawberry

from hub.themes.taxonomy import LABELS, Theme


@strawberry.type(description="A theme and its label, for pickers and legends.")
class ThemeEntry:
    theme: Theme = strawberry.field(description="The theme.")
    label: str = strawberry.field(description="Its name in English.")


def entries() -> list[ThemeEntry]:
    return [ThemeEntry(theme=theme, label=LABELS[theme]) for theme in Theme]
