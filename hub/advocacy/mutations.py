"""Advocacy mutations."""

from __future__ import annotations

import strawberry
from strawberry import relay

from hub.access.classification import Classification
from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.advocacy.models import RecommendedAction, RiskLevel
from hub.advocacy.service import AdvocacyService, NewNote
from hub.advocacy.types import AdvocacyNote
from hub.context import Context
from hub.graphql.node import node_id_of
from hub.graphql.user_errors import UserError, user_errors
from hub.validation import InvalidInput


@strawberry.input(description="A new advocacy note, recorded in the request's tenant.")
class CreateAdvocacyNoteInput:
    title: str = strawberry.field(description="Short title.")
    body: str = strawberry.field(description="The situation; stored encrypted.")
    country: str = strawberry.field(default="", description="ISO country code.")
    organisations: list[relay.GlobalID] = strawberry.field(
        default_factory=list, description="Organisations concerned."
    )
    risk_level: RiskLevel = strawberry.field(default=RiskLevel.MEDIUM, description="Risk.")
    recommended_action: RecommendedAction = strawberry.field(
        default=RecommendedAction.MONITOR, description="What the network should do."
    )
    classification: Classification = strawberry.field(
        default=Classification.CONFIDENTIAL, description="Sensitivity."
    )


@strawberry.type(description="Result of createAdvocacyNote.")
class CreateAdvocacyNotePayload:
    advocacy_note: AdvocacyNote | None = strawberry.field(description="The new note.")
    errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type
class AdvocacyMutation:
    @strawberry.mutation(
        **guarded(Resource.ADVOCACY_NOTE, Action.CREATE, "Record an advocacy note.")
    )
    async def create_advocacy_note(
        self,
        info: strawberry.Info[Context, None],
        input: CreateAdvocacyNoteInput,
    ) -> CreateAdvocacyNotePayload:
        organisations = [node_id_of(gid, "Organisation") for gid in input.organisations]
        try:
            row = await AdvocacyService(info.context).create(
                NewNote(
                    title=input.title,
                    body=input.body,
                    country=input.country,
                    organisation_ids=organisations,
                    risk_level=input.risk_level,
                    recommended_action=input.recommended_action,
                    classification=input.classification,
                )
            )
        except InvalidInput as error:
            return CreateAdvocacyNotePayload(advocacy_note=None, errors=user_errors(error))
        return CreateAdvocacyNotePayload(advocacy_note=AdvocacyNote.from_model(row), errors=[])
