"""Input fields that many mutation inputs declare alike.

The inputs of records titled in one or more UN languages (consultations, initiatives,
knowledge resources) start with their title, declared once here::

    @strawberry.input(description="Changes to an initiative; omitted fields stay as they are.")
    class UpdateInitiativeInput(TitleChangesInput):
        id: relay.GlobalID = strawberry.field(description="The initiative.")
"""

from __future__ import annotations

import dataclasses
from typing import Any

import strawberry

from hub.core.classification import Classification
from hub.graphql.mutation_inputs import optional
from hub.i18n.languages import Language
from hub.i18n.text import Version
from hub.i18n.types import TranslationInput


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
