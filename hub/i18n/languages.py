"""The six official UN languages, and which of them a request prefers."""

from __future__ import annotations

from hub.graphql.enums import described_enum
from hub.tenancy.models import UN_LANGUAGES, Language

__all__ = ["Language", "accepted"]

# Registered here, once: every module that uses it then shares one GraphQL enum.
described_enum(
    Language,
    "An official language of the UN.",
    {
        Language.AR: "Arabic.",
        Language.EN: "English.",
        Language.ES: "Spanish.",
        Language.FR: "French.",
        Language.RU: "Russian.",
        Language.ZH: "Chinese.",
    },
)


def accepted(header: str | None) -> list[Language]:
    """The UN languages of an ``Accept-Language`` header, most wanted first.

    ``fr-CH, fr;q=0.9, en;q=0.8, *;q=0.5`` gives ``[FR, EN]``: regional variants count as
    their language, ``*`` and languages outside the six are ignored, as are malformed parts.
    """
    if not header:
        return []
    weighted: list[tuple[float, int, Language]] = []
    for position, part in enumerate(header.split(",")):
        tag, _, params = part.strip().partition(";")
        primary = tag.strip().split("-")[0].lower()
        weight = 1.0
        params = params.strip()
        if params.startswith("q="):
            try:
                weight = float(params[2:])
            except ValueError:
                continue
        if weight <= 0 or primary not in UN_LANGUAGES:
            continue
        weighted.append((-weight, position, Language(primary)))
    ordered: list[Language] = []
    for _, _, language in sorted(weighted):
        if language not in ordered:
            ordered.append(language)
    return ordered
