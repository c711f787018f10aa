"""Fund mutations: pledges and projects (the fund's own set-up: ``setup_mutations``)."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.fund.models import PledgeStatus, ProjectStatus
from hub.fund.service import (
    FundService,
    NewPledge,
    NewProject,
    PledgeService,
    ProjectChanges,
    Share,
)
from hub.fund.types import FundProject, Pledge
from hub.graphql.mutation_inputs import optional
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import sensitivity


@strawberry.input(description="A pledge to a fund, recorded in the fund's tenant.")
class RecordPledgeInput:
    fund: relay.GlobalID = strawberry.field(description="The fund.")
    donor: relay.GlobalID = strawberry.field(description="The donor organisation.")
    amount: Decimal = strawberry.field(description="More than zero, at most two decimals.")
    currency: str = strawberry.field(description="ISO 4217 code.")
    status: PledgeStatus = strawberry.field(
        default=PledgeStatus.OUTREACH, description="How far it has come."
    )
    note: str = strawberry.field(default="", description="Notes for the fund's managers.")
    classification: Classification = sensitivity(Classification.RESTRICTED)


@strawberry.input(description="Move a pledge forward.")
class ChangePledgeStatusInput:
    id: relay.GlobalID = strawberry.field(description="The pledge.")
    status: PledgeStatus = strawberry.field(description="A later status than its current one.")


@strawberry.type(description="Result of a pledge mutation.")
class PledgePayload(MutationPayload, present=Pledge.from_model):
    pledge: Pledge | None = strawberry.field(description="The pledge as it now is.")


@strawberry.input(description="Part of a project's budget for one thematic area of its fund.")
class AllocationInput:
    thematic_area: relay.GlobalID = strawberry.field(description="The thematic area.")
    amount: Decimal = strawberry.field(description="In the project's currency; more than zero.")

    def share(self) -> Share:
        return Share(node_id_of(self.thematic_area, "ThematicArea"), self.amount)


def _shares(allocations: list[AllocationInput] | None) -> list[Share] | None:
    return None if allocations is None else [a.share() for a in allocations]


@strawberry.input(description="A project of the fund under one of its thematic areas.")
class CreateFundProjectInput:
    thematic_area: relay.GlobalID = strawberry.field(
        description="The thematic area (a ThematicArea id)."
    )
    title: str = strawberry.field(description="Title, at most 300 characters.")
    budget: Decimal = strawberry.field(description="More than zero, at most two decimals.")
    currency: str = strawberry.field(description="ISO 4217 code.")
    status: ProjectStatus = strawberry.field(
        default=ProjectStatus.PROPOSED, description="Life cycle."
    )
    classification: Classification = sensitivity(Classification.NETWORK)
    allocations: list[AllocationInput] | None = optional(
        "How the budget is split over thematic areas of the fund, adding up to it; "
        "by default all of it goes to `thematicArea`."
    )


@strawberry.input(description="Changes to a project; omitted fields stay as they are.")
class UpdateFundProjectInput:
    id: relay.GlobalID = strawberry.field(description="The project.")
    title: str | None = optional("Title.")
    budget: Decimal | None = optional(
        "The budget; with its allocations when it is split over several areas."
    )
    allocations: list[AllocationInput] | None = optional(
        "How the budget is split over thematic areas, all of it, adding up to it."
    )


@strawberry.input(description="Move a project forward.")
class ChangeFundProjectStatusInput:
    id: relay.GlobalID = strawberry.field(description="The project.")
    status: ProjectStatus = strawberry.field(description="A later status than its current one.")


@strawberry.type(description="Result of a project mutation.")
class FundProjectPayload(MutationPayload, present=FundProject.from_model):
    project: FundProject | None = strawberry.field(description="The project as it now is.")


@strawberry.type
class FundMutation:
    @guarded_mutation(Resource.FUND_PLEDGE, Action.CREATE, "Record a donor's pledge to a fund.")
    async def record_pledge(
        self, info: Info, input: Input[RecordPledgeInput]
    ) -> PledgePayload | None:
        new = from_input(
            NewPledge,
            input,
            fund_id=node_id_of(input.fund, "Fund"),
            donor_id=node_id_of(input.donor, "Organisation"),
        )
        return await PledgePayload.answer(PledgeService(info.context).record(new))

    @guarded_mutation(
        Resource.FUND_PLEDGE,
        Action.UPDATE,
        "Move a pledge forward: OUTREACH, PLEDGED, SIGNED, RECEIVED; never back.",
    )
    async def change_pledge_status(
        self, info: Info, input: Input[ChangePledgeStatusInput]
    ) -> PledgePayload | None:
        return await PledgePayload.answer(
            PledgeService(info.context).move(node_id_of(input.id, "Pledge"), input.status)
        )

    @guarded_mutation(Resource.FUND, Action.CREATE, "Add a project under a thematic area.")
    async def create_fund_project(
        self, info: Info, input: Input[CreateFundProjectInput]
    ) -> FundProjectPayload | None:
        new = from_input(
            NewProject,
            input,
            thematic_area_id=node_id_of(input.thematic_area, "ThematicArea"),
            allocations=_shares(input.allocations),
        )
        return await FundProjectPayload.answer(FundService(info.context).create_project(new))

    @guarded_mutation(
        Resource.FUND, Action.UPDATE, "Change a project's title, budget or allocations."
    )
    async def update_fund_project(
        self, info: Info, input: Input[UpdateFundProjectInput]
    ) -> FundProjectPayload | None:
        changes = ProjectChanges(
            title=input.title, budget=input.budget, allocations=_shares(input.allocations)
        )
        return await FundProjectPayload.answer(
            FundService(info.context).update_project(node_id_of(input.id, "FundProject"), changes)
        )

    @guarded_mutation(
        Resource.FUND,
        Action.UPDATE,
        "Move a project forward: PROPOSED, APPROVED, ACTIVE, COMPLETED; never back.",
    )
    async def change_fund_project_status(
        self, info: Info, input: Input[ChangeFundProjectStatusInput]
    ) -> FundProjectPayload | None:
        return await FundProjectPayload.answer(
            FundService(info.context).move_project(
                node_id_of(input.id, "FundProject"), input.status
            )
        )
