"""GraphQL types of the work plan."""

from __future__ import annotations

from datetime import date, datetime
from importlib import import_module
from typing import TYPE_CHECKING, Annotated

import strawberry
from strawberry import relay

from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering, check_page_size
from hub.graphql.declared_fields import (
    RelatedRow,
    RowsUnder,
    nested_field,
    related_field,
    rows_under_field,
)
from hub.graphql.direct import direct
from hub.graphql.enums import described_enum
from hub.graphql.filters import (
    ClassifiedFilter,
    TenantFilter,
    any_of,
    condition,
    node_condition,
    service_filter_of,
    switch,
)
from hub.graphql.inputs import SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelNode, get_many
from hub.graphql.pagination import Connection
from hub.graphql.record_fields import Recorded, Updated, when_archived
from hub.graphql.related import rows_named_in
from hub.i18n.fields import (
    LOCALIZED_TITLE,
    localized_version,
    source_language,
    title_in,
    translated,
    translated_text,
    translated_title,
)
from hub.tenancy.types import TenantRecord, lives_in
from hub.themes.taxonomy import Theme
from hub.themes.types import Themed
from hub.workplan import models, priorities, service
from hub.workplan.loaders import MembershipsLoader, WorkStreamByIdLoader
from hub.workplan.members import MembershipService
from hub.workplan.priorities import PriorityService
from hub.workplan.service import WorkStreamService

if TYPE_CHECKING:
    from hub.proposals.types import Proposal
    from hub.stakeholders.types import Organisation

NESTED_PROPOSALS = 5
HowManyProposals = Annotated[int, strawberry.argument(description="How many proposals to return.")]
IncludePast = Annotated[
    bool, strawberry.argument(description="Include organisations that have left it.")
]

# Proposals refer to work streams, so hub.proposals imports hub.workplan. A work stream's
# proposals are found by their module's name when asked for, as strawberry.lazy finds their
# type, so that the two packages do not import each other.
PROPOSAL_TYPES = "hub.proposals.types"

# Registering the models' enums with GraphQL leaves them the same Python classes.
described_enum(
    models.WorkStreamStatus,
    "Life cycle of a work stream.",
    {
        models.WorkStreamStatus.PROPOSED: "Suggested, not yet started.",
        models.WorkStreamStatus.ACTIVE: "Under way.",
        models.WorkStreamStatus.PAUSED: "On hold for now.",
        models.WorkStreamStatus.CLOSED: "Finished or stopped.",
    },
)
described_enum(
    models.Horizon,
    "Immediate, short-to-medium or long term.",
    {
        models.Horizon.IMMEDIATE: "An immediate priority for action.",
        models.Horizon.SHORT_TO_MEDIUM: "For the short to medium term.",
        models.Horizon.LONG_TERM: "A long-term activity or objective.",
    },
)
described_enum(
    models.PriorityStatus,
    "Where a priority stands.",
    {
        models.PriorityStatus.PROPOSED: "Suggested, not yet agreed.",
        models.PriorityStatus.AGREED: "Agreed, work not yet started.",
        models.PriorityStatus.IN_PROGRESS: "Work is under way.",
        models.PriorityStatus.DONE: "Achieved.",
        models.PriorityStatus.DROPPED: "Given up.",
    },
)
described_enum(
    models.MemberRole,
    "How an organisation takes part.",
    {
        models.MemberRole.LEAD: "Leads the work stream.",
        models.MemberRole.MEMBER: "Takes part in its work.",
        models.MemberRole.OBSERVER: "Follows it without taking part in decisions.",
    },
)


@strawberry.type(description="A work stream of the network's work plan.")
class WorkStream(TenantRecord, Recorded, Updated, ModelNode[models.WorkStream]):
    id: relay.NodeID[str]
    status: models.WorkStreamStatus = strawberry.field(description="Where it is in its life cycle.")
    archived_at: datetime | None = when_archived("work streams")
    row: strawberry.Private[models.WorkStream]

    language = source_language("The language its title and description were written in.")
    title = translated_title(
        "Its title, in the language wanted.",
        direct(lambda source, info, lang=None: title_in(source, info.context, lang)),
        deprecation_reason=LOCALIZED_TITLE,
    )
    localized_title = localized_version("title", "Its title and the language it is in.")
    description = translated_text(
        "description",
        "What it is about, in the language wanted.",
        deprecation_reason="Use `localizedDescription`: a LocalizedText, as every translated text.",
    )
    localized_description = localized_version(
        "description", "What it is about, and the language it is in."
    )

    @strawberry.field(
        description="Its first proposals that you may see, oldest first, without archived "
        "ones (none without `read` on `proposal`); page further with "
        "`proposals(filter: {workStream: ...})`.",
        metadata=nested_field(lambda: import_module(PROPOSAL_TYPES).IN_WORK_STREAM),
    )
    async def proposals(
        self, info: strawberry.Info[Context, None], first: HowManyProposals = NESTED_PROPOSALS
    ) -> Connection[Annotated[Proposal, strawberry.lazy(PROPOSAL_TYPES)]]:
        proposal: type[Proposal] = import_module(PROPOSAL_TYPES).Proposal
        return await proposal.first_of_work_stream(info.context, self.id, check_page_size(first))

    @strawberry.field(
        description="Organisations taking part; past ones too when asked for.",
        metadata=rows_under_field(lambda: _members()),
    )
    async def members(
        self, info: strawberry.Info[Context, None], include_past: IncludePast = False
    ) -> list[WorkStreamMember]:
        rows = await MembershipsLoader.of(info.context).load(self.id)
        return [WorkStreamMember.from_model(r) for r in rows if include_past or r.until is None]

    model_map = ModelMap(models.WorkStream, fetch=get_many(WorkStreamService))


@sort_fields("Fields work streams can be sorted by.")
class WorkStreamOrderField(SortField):
    TITLE = "title", "By title."
    CREATED_AT = "created_at", "By when it was recorded."
    UPDATED_AT = "updated_at", "By when it last changed."


WorkStreamOrder = sort_order(WorkStreamOrderField, "Sort order of a work-stream list.")


DEFAULT_ORDER = Ordering("created_at", OrderDirection.ASC)


@strawberry.input(description="Narrows a work-stream list; all given conditions apply.")
class WorkStreamFilter(ClassifiedFilter):
    status: list[models.WorkStreamStatus] | None = any_of("statuses", "Any of these statuses.")
    search: str | None = condition("Text the title contains (case-insensitive).")
    include_archived: bool = switch("Include archived work streams.")

    service_filter = service_filter_of(service.WorkStreamFilter)


@strawberry.type(description="An organisation taking part in a work stream.")
class WorkStreamMember(ModelNode[models.WorkStreamMembership]):
    id: relay.NodeID[str]
    tenant = lives_in()
    role: models.MemberRole = strawberry.field(description="Lead, member or observer.")
    since: date = strawberry.field(description="Taking part since.")
    until: date | None = strawberry.field(description="Until; null while it takes part.")
    row: strawberry.Private[models.WorkStreamMembership]

    @strawberry.field(
        description="The organisation; null if you may not see it.",
        metadata=related_field(lambda: _organisation()),
    )
    async def organisation(
        self, info: strawberry.Info[Context, None]
    ) -> Annotated[Organisation, strawberry.lazy("hub.stakeholders.types")] | None:
        from hub.stakeholders.loaders import OrganisationByIdLoader
        from hub.stakeholders.types import Organisation

        row = await OrganisationByIdLoader.of(info.context).load(str(self.row.organisation_id))
        return Organisation.from_model(row) if row else None

    model_map = ModelMap(models.WorkStreamMembership, fetch=get_many(MembershipService))


def _members() -> RowsUnder:
    """What ``WorkStream.members`` reads: its loader's rows, those that ended (``until``)
    only when asked for."""
    children = MembershipsLoader.children
    assert children is not None
    return RowsUnder(WorkStreamMember, children, "id", ended="until")


def _organisation() -> RelatedRow:
    """What ``WorkStreamMember.organisation`` reads: the organisations its loader finds
    them among."""
    from hub.stakeholders.service import OrganisationService
    from hub.stakeholders.types import Organisation

    return RelatedRow(
        Organisation,
        "organisation_id",
        lambda ctx: OrganisationService(ctx).visible(network=True),
    )


@strawberry.type(description="A priority of the work plan.")
class Priority(TenantRecord, Themed, Recorded, ModelNode[models.Priority]):
    id: relay.NodeID[str]
    horizon: models.Horizon = strawberry.field(description="When it is for.")
    status: models.PriorityStatus = strawberry.field(description="Where it stands.")
    archived_at: datetime | None = strawberry.field(description="When it was archived.")
    row: strawberry.Private[models.Priority]

    title = translated("title", "Its title.")
    summary = translated("summary", "What it involves.")

    work_streams = rows_named_in(
        WorkStream,
        WorkStreamByIdLoader,
        "work_stream_ids",
        "The work streams that carry it, those you may see.",
        rows=lambda ctx: WorkStreamService(ctx).visible(network=True),
    )

    model_map = ModelMap(
        models.Priority,
        fetch=get_many(PriorityService),
    )


@sort_fields("Fields priorities can be sorted by.")
class PriorityOrderField(SortField):
    TITLE = "title_index", "By title."
    CREATED_AT = "created_at", "By when it was recorded."


PriorityOrder = sort_order(PriorityOrderField, "Sort order of a priority list.")


@strawberry.input(description="Narrows a priority list; all given conditions apply.")
class PriorityFilter(TenantFilter):
    horizon: list[models.Horizon] | None = any_of("horizons", "Any of these horizons.")
    status: list[models.PriorityStatus] | None = any_of("statuses", "Any of these statuses.")
    theme: list[Theme] | None = any_of("themes", "Any of these.")
    work_stream: relay.GlobalID | None = node_condition(
        "work_stream_id", "WorkStream", "Priorities carried by this work stream."
    )
    search: str | None = condition("Text the title contains, in any language.")
    include_archived: bool = switch("Include archived priorities.")

    service_filter = service_filter_of(priorities.PriorityFilter)


BY_TITLE = Ordering("title_index", OrderDirection.ASC)
WORK_STREAMS = ListOf(WorkStream, WorkStreamFilter, DEFAULT_ORDER, WorkStreamOrder)
PRIORITIES = ListOf(Priority, PriorityFilter, BY_TITLE, PriorityOrder)
