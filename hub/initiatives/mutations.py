"""Initiative mutations: reporting, changes, archiving."""

from __future__ import annotations

from datetime import date

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.graphql.mutation_inputs import optional
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input, id_or_none
from hub.i18n.types import TranslationInput
from hub.initiatives.models import InitiativeKind, InitiativeStatus
from hub.initiatives.service import InitiativeChanges, InitiativeService, NewInitiative
from hub.initiatives.types import Initiative
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import TitleChangesInput, TitledInput, sensitivity
from hub.shared.target_mutations import MutationTarget
from hub.themes.taxonomy import Theme


@strawberry.input(description="An action or an event, reported in the request's tenant.")
class ReportInitiativeInput(TitledInput):
    organisation: relay.GlobalID | None = optional(
        "The organisation reporting it: one you belong to, unless you hold "
        "`review` on initiatives. Leave it out when the network itself gives notice."
    )
    kind: InitiativeKind = strawberry.field(description="An action or an event.")
    starts_on: date = strawberry.field(description="First day of its period.")
    ends_on: date | None = optional("Last day, not before the first; leave out while open-ended.")
    summary: list[TranslationInput] = strawberry.field(
        default_factory=list, description="What it is about, in one or more UN languages."
    )
    status: InitiativeStatus = strawberry.field(
        default=InitiativeStatus.PLANNED, description="Where it stands."
    )
    country: str = strawberry.field(
        default="", description="ISO 3166 alpha-2 code; empty across countries."
    )
    themes: list[Theme] = strawberry.field(default_factory=list, description="Themes.")
    event_on: date | None = optional("Events only: the day it is held, within the period.")
    venue: str = strawberry.field(default="", description="Events only: where.")
    online: bool = strawberry.field(default=False, description="Events only: online or not.")
    advance_notice_on: date | None = optional(
        "Events only: when notice was given; not after the event."
    )
    classification: Classification = sensitivity(Classification.NETWORK)


@strawberry.input(description="Changes to an initiative; omitted fields stay as they are.")
class UpdateInitiativeInput(TitleChangesInput):
    id: relay.GlobalID = strawberry.field(description="The initiative.")
    summary: list[TranslationInput] | None = optional("Summaries to set, by language; others stay.")
    status: InitiativeStatus | None = optional(
        "PLANNED -> ONGOING -> COMPLETED; DISCONTINUED until completed."
    )
    country: str | None = optional("ISO 3166 alpha-2 code; empty across countries.")
    themes: list[Theme] | None = optional("Themes, replacing the previous ones.")
    starts_on: date | None = optional("First day.")
    ends_on: date | None = optional("Last day.")
    event_on: date | None = optional("Events: the day.")
    venue: str | None = optional("Events: where.")
    online: bool | None = optional("Events: online or not.")
    advance_notice_on: date | None = optional("Events: when notice was given.")
    classification: Classification | None = optional(
        "Sensitivity; you need `update` at the old and the new one."
    )


@strawberry.input(description="The initiative to archive.")
class ArchiveInitiativeInput:
    id: relay.GlobalID = strawberry.field(description="The initiative.")


@strawberry.type(description="Result of an initiative mutation.")
class InitiativePayload(MutationPayload, present=Initiative.from_model):
    initiative: Initiative | None = strawberry.field(description="As it now is.")


INITIATIVE = MutationTarget(Resource.INITIATIVE, InitiativeService, "Initiative", InitiativePayload)


@strawberry.type
class InitiativeMutation:
    @guarded_mutation(
        Resource.INITIATIVE,
        Action.CREATE,
        "Report an action implementing the compact, or give advance notice of an event.",
    )
    async def report_initiative(
        self, info: Info, input: Input[ReportInitiativeInput]
    ) -> InitiativePayload | None:
        new = from_input(
            NewInitiative,
            input,
            organisation_id=id_or_none(input.organisation, "Organisation"),
        )
        return await InitiativePayload.answer(InitiativeService(info.context).report(new))

    update_initiative = INITIATIVE.update_mutation(
        "Change an initiative: its status, period, place, texts, themes.",
        UpdateInitiativeInput,
        lambda input: from_input(InitiativeChanges, input),
    )
    archive_initiative = INITIATIVE.archive_mutation(
        "Archive an initiative: it leaves lists, and nothing of it is deleted.",
        input=ArchiveInitiativeInput,
    )
