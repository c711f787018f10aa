"""Mutations that set a fund up: the fund, its thematic areas, MoUs, steering committee and
exchange rates."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import strawberry
from strawberry import relay

from hub.access.resources import Action, Resource
from hub.core.classification import Classification
from hub.fund.models import Seat
from hub.fund.setup import (
    FundChanges,
    FundSetup,
    MouChanges,
    NewFund,
    NewMou,
    NewRate,
    NewSeat,
    NewThematicArea,
    SeatChanges,
    ThematicAreaChanges,
)
from hub.fund.types import ExchangeRate, Fund, Mou, SteeringCommitteeMember, ThematicArea
from hub.graphql.mutation_inputs import optional
from hub.graphql.node import node_id_of
from hub.graphql.payloads import MutationPayload
from hub.graphql.resolver_types import Info, Input
from hub.graphql.service_input import from_input, id_or_none
from hub.shared.guarded_mutation import guarded_mutation
from hub.shared.input_fields import sensitivity
from hub.shared.target_mutations import MutationTarget


@strawberry.input(description="A new fund, recorded in the request's tenant.")
class CreateFundInput:
    name: str = strawberry.field(description="Name, unique in the tenant.")
    currency: str = strawberry.field(description="ISO 4217 code of the target.")
    target: Decimal = strawberry.field(description="The target amount, in `currency`.")
    description: str = strawberry.field(default="", description="What it finances.")
    target_year: int | None = optional("The year the target is for (2000-2100).")
    administrative_agent: str = strawberry.field(
        default="", description="Who administers it (e.g. the MPTF Office)."
    )
    classification: Classification = sensitivity(Classification.NETWORK)


@strawberry.input(description="Changes to a fund; omitted fields stay as they are.")
class UpdateFundInput:
    id: relay.GlobalID = strawberry.field(description="The fund.")
    name: str | None = optional("Name, unique in the tenant.")
    description: str | None = optional("What it finances.")
    currency: str | None = optional("ISO 4217 code; kept once exchange rates are recorded.")
    target: Decimal | None = optional("The target amount.")
    target_year: int | None = optional("The year the target is for.")
    administrative_agent: str | None = optional("Who administers it.")
    classification: Classification | None = optional(
        "Who may read it, and its thematic areas, MoUs, committee and rates."
    )


@strawberry.type(description="Result of a fund mutation.")
class FundPayload(MutationPayload, present=Fund.from_model):
    fund: Fund | None = strawberry.field(description="The fund as it now is.")


FUND = MutationTarget(Resource.FUND, FundSetup, "Fund", FundPayload)


@strawberry.input(description="A thematic area of a fund's terms of reference.")
class AddThematicAreaInput:
    fund: relay.GlobalID = strawberry.field(description="The fund.")
    number: int = strawberry.field(description="Its number (1-99), unique in the fund.")
    title: str = strawberry.field(description="Title, at most 300 characters.")
    description: str = strawberry.field(default="", description="What it covers.")


@strawberry.input(description="Changes to a thematic area; omitted fields stay as they are.")
class UpdateThematicAreaInput:
    id: relay.GlobalID = strawberry.field(description="The thematic area.")
    number: int | None = optional("Its number (1-99), unique in the fund.")
    title: str | None = optional("Title.")
    description: str | None = optional("What it covers.")


@strawberry.type(description="Result of a thematic area mutation.")
class ThematicAreaPayload(MutationPayload, present=ThematicArea.from_model):
    thematic_area: ThematicArea | None = strawberry.field(description="As it now is.")


@strawberry.input(description="A memorandum of understanding, as drafted.")
class AddMouInput:
    fund: relay.GlobalID = strawberry.field(description="The fund.")
    signatory: str = strawberry.field(description="The agency that signs it.")
    parties: list[str] = strawberry.field(
        default_factory=list, description="The other parties to it, by name (at most 20)."
    )
    drafted_on: date | None = optional("When it was drafted.")


@strawberry.input(description="Changes to an MoU; omitted fields stay as they are.")
class UpdateMouInput:
    id: relay.GlobalID = strawberry.field(description="The MoU.")
    signatory: str | None = optional("The agency that signs it.")
    parties: list[str] | None = optional("The other parties to it, all of them.")
    drafted_on: date | None = optional("When it was drafted; not after its signature.")


@strawberry.input(description="The signature of a drafted MoU.")
class SignMouInput:
    id: relay.GlobalID = strawberry.field(description="The MoU.")
    signed_on: date = strawberry.field(description="When it was signed; not before drafted.")


@strawberry.type(description="Result of an MoU mutation.")
class MouPayload(MutationPayload, present=Mou.from_model):
    mou: Mou | None = strawberry.field(description="The MoU as it now is.")


@strawberry.input(description="A seat on a fund's steering committee and who holds it.")
class AddSteeringCommitteeMemberInput:
    fund: relay.GlobalID = strawberry.field(description="The fund.")
    seat: Seat = strawberry.field(description="Whom the member sits for.")
    name: str = strawberry.field(description="The member (a person or an entity).")
    organisation: relay.GlobalID | None = optional("The organisation they represent.")
    since: date | None = optional("Member since.")
    selection: str = strawberry.field(
        default="", description="How they were selected (for civil society: by whom, how)."
    )


@strawberry.input(
    description="Changes to a steering-committee seat; omitted fields stay as they are. "
    "`until` ends it, and the member stays on record."
)
class UpdateSteeringCommitteeMemberInput:
    id: relay.GlobalID = strawberry.field(description="The member.")
    seat: Seat | None = optional("Whom the member sits for.")
    name: str | None = optional("The member.")
    organisation: relay.GlobalID | None = optional("The organisation they represent.")
    since: date | None = optional("Member since.")
    until: date | None = optional("Member until; not before since.")
    selection: str | None = optional("How they were selected.")


@strawberry.type(description="Result of a steering-committee mutation.")
class SteeringCommitteeMemberPayload(MutationPayload, present=SteeringCommitteeMember.from_model):
    member: SteeringCommitteeMember | None = strawberry.field(description="As it now is.")


@strawberry.input(
    description="What one unit of a currency was worth in the fund's currency on a day, "
    "from a source the fund's managers name: the hub fetches no rate itself."
)
class RecordExchangeRateInput:
    fund: relay.GlobalID = strawberry.field(description="The fund.")
    currency: str = strawberry.field(description="ISO 4217 code, not the fund's own.")
    rate: Decimal = strawberry.field(description="More than zero, at most eight decimal places.")
    as_of: date = strawberry.field(description="The day the rate is for; not a day to come.")
    source: str = strawberry.field(description="Where it was taken from.")


@strawberry.type(description="Result of recordExchangeRate.")
class ExchangeRatePayload(MutationPayload, present=ExchangeRate.from_model):
    exchange_rate: ExchangeRate | None = strawberry.field(description="The rate recorded.")


@strawberry.type
class FundSetupMutation:
    @guarded_mutation(Resource.FUND, Action.CREATE, "Set up a fund in the request's tenant.")
    async def create_fund(self, info: Info, input: Input[CreateFundInput]) -> FundPayload | None:
        new = from_input(NewFund, input, target_amount=input.target)
        return await FundPayload.answer(FundSetup(info.context).create(new))

    update_fund = FUND.update_mutation(
        "Change a fund: its name, target, currency, agent or classification.",
        UpdateFundInput,
        lambda input: from_input(FundChanges, input, target_amount=input.target),
    )

    @guarded_mutation(Resource.FUND, Action.UPDATE, "Add a thematic area to a fund.")
    async def add_thematic_area(
        self, info: Info, input: Input[AddThematicAreaInput]
    ) -> ThematicAreaPayload | None:
        new = from_input(NewThematicArea, input, fund_id=node_id_of(input.fund, "Fund"))
        return await ThematicAreaPayload.answer(FundSetup(info.context).add_area(new))

    @guarded_mutation(Resource.FUND, Action.UPDATE, "Change a thematic area of a fund.")
    async def update_thematic_area(
        self, info: Info, input: Input[UpdateThematicAreaInput]
    ) -> ThematicAreaPayload | None:
        changes = from_input(ThematicAreaChanges, input)
        return await ThematicAreaPayload.answer(
            FundSetup(info.context).update_area(node_id_of(input.id, "ThematicArea"), changes)
        )

    @guarded_mutation(Resource.FUND, Action.UPDATE, "Record an MoU of a fund, as drafted.")
    async def add_mou(self, info: Info, input: Input[AddMouInput]) -> MouPayload | None:
        new = from_input(NewMou, input, fund_id=node_id_of(input.fund, "Fund"))
        return await MouPayload.answer(FundSetup(info.context).add_mou(new))

    @guarded_mutation(Resource.FUND, Action.UPDATE, "Change an MoU: signatory, parties, date.")
    async def update_mou(self, info: Info, input: Input[UpdateMouInput]) -> MouPayload | None:
        changes = from_input(MouChanges, input)
        return await MouPayload.answer(
            FundSetup(info.context).update_mou(node_id_of(input.id, "Mou"), changes)
        )

    @guarded_mutation(
        Resource.FUND, Action.UPDATE, "Record that a drafted MoU was signed: DRAFTED -> SIGNED."
    )
    async def sign_mou(self, info: Info, input: Input[SignMouInput]) -> MouPayload | None:
        return await MouPayload.answer(
            FundSetup(info.context).sign_mou(node_id_of(input.id, "Mou"), input.signed_on)
        )

    @guarded_mutation(Resource.FUND, Action.UPDATE, "Seat a member on a fund's steering committee.")
    async def add_steering_committee_member(
        self, info: Info, input: Input[AddSteeringCommitteeMemberInput]
    ) -> SteeringCommitteeMemberPayload | None:
        new = from_input(
            NewSeat,
            input,
            fund_id=node_id_of(input.fund, "Fund"),
            organisation_id=id_or_none(input.organisation, "Organisation"),
        )
        return await SteeringCommitteeMemberPayload.answer(FundSetup(info.context).add_member(new))

    @guarded_mutation(
        Resource.FUND, Action.UPDATE, "Change a steering-committee seat, or end it (`until`)."
    )
    async def update_steering_committee_member(
        self, info: Info, input: Input[UpdateSteeringCommitteeMemberInput]
    ) -> SteeringCommitteeMemberPayload | None:
        changes = from_input(
            SeatChanges, input, organisation_id=id_or_none(input.organisation, "Organisation")
        )
        return await SteeringCommitteeMemberPayload.answer(
            FundSetup(info.context).update_member(
                node_id_of(input.id, "SteeringCommitteeMember"), changes
            )
        )

    @guarded_mutation(
        Resource.FUND,
        Action.UPDATE,
        "Record an exchange rate into a fund's currency; totals convert with the latest.",
    )
    async def record_exchange_rate(
        self, info: Info, input: Input[RecordExchangeRateInput]
    ) -> ExchangeRatePayload | None:
        new = from_input(NewRate, input, fund_id=node_id_of(input.fund, "Fund"))
        return await ExchangeRatePayload.answer(FundSetup(info.context).record_rate(new))
