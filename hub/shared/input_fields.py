"""Input fields that many mutation inputs declare alike.

The inputs of records titled in one or more UN languages (consultations, initiatives,
knowledge resources) start with their title, declared once here::

    @strawberry.input(description="Changes to an initiative; omitted fields stay as they are.")
    class UpdateInitiativeInput(TitleChangesInput):
        id: relay.GlobalID = strawberry.field(description="The initiative.")
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

import strawberry

from hub.core.classification import Classification
from hub.core.validation import Problem, raise_if_any
from hub.graphql.mutation_inputs import optional
from hub.graphql.service_input import texts as texts_of
from hub.i18n.languages import Language
from hub.i18n.text import Version, grouped, localized_name
from hub.i18n.types import TranslationInput

# Why the inputs of a record written in one language, with versions in others, take its
# texts as lists of translations too: every translated text comes in one shape.
PLAIN_TEXTS = "Use the localized field: a list of translations, as every translated text."


def sensitivity(default: Classification) -> Any:
    """The ``classification`` of what a mutation records, ``default`` when left out."""
    return strawberry.field(default=default, description="Sensitivity.")


@strawberry.input(description="A new record titled in one or more UN languages.")
class TitledInput:
    title: list[TranslationInput] = strawberry.field(
        description="The title in one or more UN languages."
    )


@strawberry.input(description="Changes to a record titled in one or more UN languages.")
class TitleChangesInput:
    title: list[TranslationInput] | None = optional(
        "Titles to set, by language; other languages stay."
    )


@strawberry.input(description="A record's texts in one more language.")
class VersionInput:
    """A subclass declares one ``str`` field per text of the record, named as the service
    names the text; ``value`` is the version those fields make."""

    language: Language = strawberry.field(description="The language.")

    def value(self) -> Version:
        texts = {
            field.name: getattr(self, field.name)
            for field in dataclasses.fields(self)
            if field.name != "language"
        }
        return Version(self.language, texts)


def localized_versions(
    input: object, texts: Sequence[str], *, new: bool = False
) -> list[Version] | None:
    """The versions an input gives as one ``localized_<text>`` list of translations per
    text (``texts``, the one every version of a ``new`` record needs first), grouped by
    language; None when it gives none. Beside them, the same texts given plainly or as
    ``translations`` are refused: a record's texts come in one shape."""
    problems: list[Problem] = []
    lists = {text: getattr(input, f"localized_{text}") for text in texts}
    versions = grouped(
        {text: None if items is None else texts_of(items) for text, items in lists.items()},
        problems,
        texts[0] if new else None,
    )
    if versions is not None:
        for name in (*texts, "translations"):
            if getattr(input, name, None) not in (None, "", []):
                problems.append(
                    Problem(
                        name,
                        "CONFLICT",
                        f"Give {name} or {' and '.join(map(localized_name, texts))}, not both.",
                    )
                )
    raise_if_any(problems)
    return versions
