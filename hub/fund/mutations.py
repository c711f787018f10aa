"""Fund mutations: pledges and projects."""

from __future__ import annotations

from decimal import Decimal

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.fund.models import PledgeStatus, ProjectStatus
from hub.fund.service import FundService, NewPledge, NewProject, PledgeService
from hub.fund.types import FundProject, Pledge
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


@strawberry.type(description="Result of createFundProject.")
class FundProjectPayload(MutationPayload, present=FundProject.from_model):
    project: FundProject | None = strawberry.field(description="The new project.")


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
            NewProject, input, thematic_area_id=node_id_of(input.thematic_area, "ThematicArea")
        )
        return await FundProjectPayload.answer(FundService(info.context).create_project(new))
