"""Work-plan mutations."""

from __future__ import annotations

import strawberry
from strawberry import relay

from hub.access.classification import Classification
from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.context import Context
from hub.graphql.node import node_id_of
from hub.graphql.user_errors import UserError, user_errors
from hub.validation import InvalidInput
from hub.workplan.models import WorkStreamStatus
from hub.workplan.service import WorkStreamChanges, WorkStreamService
from hub.workplan.types import WorkStream


@strawberry.input(description="A new work stream, recorded in the request's tenant.")
class CreateWorkStreamInput:
    title: str = strawberry.field(description="Title, at most 300 characters.")
    description: str = strawberry.field(default="", description="What it is about.")
    status: WorkStreamStatus = strawberry.field(
        default=WorkStreamStatus.PROPOSED, description="Initial status."
    )
    classification: Classification = strawberry.field(
        default=Classification.NETWORK, description="Sensitivity."
    )


@strawberry.type(description="Result of createWorkStream.")
class CreateWorkStreamPayload:
    work_stream: WorkStream | None = strawberry.field(description="The new work stream.")
    errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.input(description="Changes to a work stream; omitted fields stay as they are.")
class UpdateWorkStreamInput:
    id: relay.GlobalID = strawberry.field(description="The work stream to change.")
    title: str | None = strawberry.field(default=None, description="New title.")
    description: str | None = strawberry.field(default=None, description="New description.")
    status: WorkStreamStatus | None = strawberry.field(default=None, description="New status.")
    classification: Classification | None = strawberry.field(
        default=None, description="New sensitivity."
    )


@strawberry.type(description="Result of updateWorkStream.")
class UpdateWorkStreamPayload:
    work_stream: WorkStream | None = strawberry.field(description="The changed work stream.")
    errors: list[UserError] = strawberry.field(description="Why the input was refused.")


@strawberry.type
class WorkplanMutation:
    @strawberry.mutation(
        **guarded(Resource.WORK_STREAM, Action.CREATE, "Record a work stream in this tenant.")
    )
    async def create_work_stream(
        self,
        info: strawberry.Info[Context, None],
        input: CreateWorkStreamInput,
    ) -> CreateWorkStreamPayload:
        try:
            row = await WorkStreamService(info.context).create(
                input.title, input.description, input.status, input.classification
            )
        except InvalidInput as error:
            return CreateWorkStreamPayload(work_stream=None, errors=user_errors(error))
        return CreateWorkStreamPayload(work_stream=WorkStream.from_model(row), errors=[])

    @strawberry.mutation(
        **guarded(Resource.WORK_STREAM, Action.UPDATE, "Change a work stream you may see.")
    )
    async def update_work_stream(
        self,
        info: strawberry.Info[Context, None],
        input: UpdateWorkStreamInput,
    ) -> UpdateWorkStreamPayload:
        changes = WorkStreamChanges(
            title=input.title,
            description=input.description,
            status=input.status,
            classification=input.classification,
        )
        try:
            row = await WorkStreamService(info.context).update(
                node_id_of(input.id, "WorkStream"), changes
            )
        except InvalidInput as error:
            return UpdateWorkStreamPayload(work_stream=None, errors=user_errors(error))
        return UpdateWorkStreamPayload(work_stream=WorkStream.from_model(row), errors=[])
