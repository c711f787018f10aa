"""Queries of the labels of the schema's enums."""

from __future__ import annotations

from typing import Annotated

import strawberry

from hub.i18n.types import EnumLabel, LabelledEnum, labels


@strawberry.type
class EnumLabelQuery:
    @strawberry.field(
        description="The values of an enum with their labels in the six UN languages; "
        "without `enum`, those of every enum, enum by enum. Themes are labelled by `themes`."
    )
    def enum_labels(
        self,
        enum: Annotated[
            LabelledEnum | None,
            strawberry.argument(description="The enum; every enum when left out."),
        ] = None,
    ) -> list[EnumLabel]:
        return labels(enum)
