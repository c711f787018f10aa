"""GraphQL types of proposals."""

from __future__ import annotations

from datetime import date, datetime

import strawberry
from strawberry import relay

from hub.consultations.loaders import ConsultationByIdLoader, SessionByIdLoader
from hub.consultations.models import WorkingSession as WorkingSessionRow
from hub.consultations.service import ConsultationService
from hub.consultations.types import Consultation, WorkingSession
from hub.core.classification import Classification
from hub.core.context import Context
from hub.core.pagination import OrderDirection, Ordering, leading_page
from hub.graphql.declared_fields import NestedRows
from hub.graphql.direct import direct
from hub.graphql.enums import described_enum
from hub.graphql.filters import (
    ClassifiedFilter,
    any_of,
    condition,
    node_condition,
    service_filter_of,
    switch,
)
from hub.graphql.inputs import SortField, sort_fields, sort_order
from hub.graphql.list_fields import ListOf
from hub.graphql.model_types import ModelMap, ModelNode, ModelType, column, get_many
from hub.graphql.pagination import Connection
from hub.graphql.record_fields import Step, Updated, when_archived
from hub.graphql.related import row_named_in, rows_under
from hub.i18n.fields import (
    LOCALIZED_TITLE,
    localized_version,
    source_language,
    title_in,
    translated_text,
    translated_title,
)
from hub.proposals import models, service
from hub.proposals.loaders import (
    CommentsLoader,
    EndorsementCountLoader,
    EndorsementsLoader,
    HistoryLoader,
    ProposalsByWorkStreamLoader,
)
from hub.proposals.service import ProposalService
from hub.stakeholders.types import organisation_in
from hub.tenancy.types import TenantRecord
from hub.themes.taxonomy import Theme
from hub.themes.types import Themed
from hub.workplan.loaders import WorkStreamByIdLoader
from hub.workplan.service import WorkStreamService
from hub.workplan.types import WorkStream

described_enum(
    models.ProposalTarget,
    "What a proposal asks to change.",
    {
        models.ProposalTarget.WORK_PLAN: "The network's work plan.",
        models.ProposalTarget.WORK_STREAM: "One work stream.",
        models.ProposalTarget.IMRF: "The International Migration Review Forum.",
        models.ProposalTarget.FUND: "The pooled fund.",
        models.ProposalTarget.OPEN_CALL: "An answer to an open call for proposals.",
    },
)
described_enum(
    models.ProposalScope,
    "Thematic or about one situation.",
    {
        models.ProposalScope.THEMATIC: "About a theme across situations.",
        models.ProposalScope.SITUATION_SPECIFIC: "About one situation.",
    },
)
described_enum(
    models.ProposalStatus,
    "Review status: SUBMITTED, then UNDER_REVIEW, then ACCEPTED, REFLECTED "
    "(taken into account, e.g. in the work plan) or DECLINED; WITHDRAWN by its authors "
    "before review.",
    {
        models.ProposalStatus.SUBMITTED: "Sent, not yet looked at.",
        models.ProposalStatus.UNDER_REVIEW: "Being reviewed.",
        models.ProposalStatus.ACCEPTED: "Accepted as proposed. Final.",
        models.ProposalStatus.REFLECTED: "Taken into account, e.g. in the work plan or a terms "
        "of reference. Final.",
        models.ProposalStatus.DECLINED: "Not taken up. Final.",
        models.ProposalStatus.WITHDRAWN: "Taken back by its authors before review. Final.",
    },
)


@strawberry.type(description="One step of a proposal's review.")
class ProposalTransition(Step, ModelType[models.ProposalTransition]):
    from_status: models.ProposalStatus | None = strawberry.field(
        description="Status before the step; null for the submission."
    )
    to_status: models.ProposalStatus = strawberry.field(description="Status after the step.")

    model_map = ModelMap(models.ProposalTransition)


@strawberry.type(description="An organisation's support for a proposal.")
class Endorsement(ModelType[models.Endorsement]):
    endorsed_at: datetime = strawberry.field(description="When it was given.")
    row: strawberry.Private[models.Endorsement]

    organisation = organisation_in(
        "organisation_id", "The organisation; null if you may not see it."
    )

    model_map = ModelMap(models.Endorsement, endorsed_at=column("created_at"))


@strawberry.type(description="A comment on a proposal, with a classification of its own.")
class ProposalComment(ModelType[models.ProposalComment]):
    author: str = strawberry.field(description="Who wrote it (email).")
    body: str = strawberry.field(description="What they wrote.")
    classification: Classification = strawberry.field(
        description="Who may read it; never more widely than its proposal."
    )
    created_at: datetime = strawberry.field(description="When it was written.")

    model_map = ModelMap(models.ProposalComment)


@strawberry.type(
    description="A proposal an organisation put to the network: to its work plan, a work "
    "stream, the IMRF, the fund or an open call."
)
class Proposal(TenantRecord, Themed, Updated, ModelNode[models.Proposal]):
    id: relay.NodeID[str]
    target: models.ProposalTarget = strawberry.field(description="What it asks to change.")
    scope: models.ProposalScope = strawberry.field(description="Thematic or situation-specific.")
    status: models.ProposalStatus = strawberry.field(description="Where its review stands.")
    response_note: str = strawberry.field(
        description="The network's answer, given with the decision; empty until then."
    )
    submitted_at: datetime = strawberry.field(description="When it was submitted.")
    archived_at: datetime | None = when_archived("proposals")
    row: strawberry.Private[models.Proposal]

    language = source_language("The language its title and body were written in.")
    title = translated_title(
        "Short title, in the language wanted.",
        direct(lambda source, info, lang=None: title_in(source, info.context, lang)),
        deprecation_reason=LOCALIZED_TITLE,
    )
    localized_title = localized_version("title", "Its title and the language it is in.")
    body = translated_text(
        "body",
        "The proposal in full, in the language wanted.",
        deprecation_reason="Use `localizedBody`: a LocalizedText, as every translated text.",
    )
    localized_body = localized_version("body", "The proposal in full, and its language.")

    organisation = organisation_in(
        "organisation_id",
        "The organisation that made it; null if you may not see that organisation.",
    )

    work_stream = row_named_in(
        WorkStream,
        WorkStreamByIdLoader,
        "work_stream_id",
        "The work stream it is addressed to, when its target is WORK_STREAM and you may see it.",
        rows=lambda ctx: WorkStreamService(ctx).visible(network=True),
    )
    consultation = row_named_in(
        Consultation,
        ConsultationByIdLoader,
        "consultation_id",
        "The consultation it came from, if recorded and you may see it.",
        rows=lambda ctx: ConsultationService(ctx).visible(network=True),
    )
    session = row_named_in(
        WorkingSession,
        SessionByIdLoader,
        "session_id",
        "The working session it came from, if recorded and you may see it.",
        rows=lambda ctx: ConsultationService(ctx).children_rows(WorkingSessionRow),
    )
    endorsements = rows_under(
        Endorsement, EndorsementsLoader, "The organisations that endorse it, earliest first."
    )
    comments = rows_under(
        ProposalComment,
        CommentsLoader,
        "The comments on it you may read, oldest first (each by its own classification).",
    )

    @strawberry.field(description="How many organisations endorse it.")
    async def endorsement_count(self, info: strawberry.Info[Context, None]) -> int:
        return await EndorsementCountLoader.of(info.context).load(str(self.row.id))

    history = rows_under(
        ProposalTransition,
        HistoryLoader,
        "Every step of its review, oldest first.",
        key=column("id"),
    )

    @classmethod
    async def first_of_work_stream(
        cls, ctx: Context, work_stream_id: str, size: int
    ) -> Connection[Proposal]:
        """The first ``size`` proposals to a work stream that the caller may see, oldest
        first, and how many there are: a work stream's ``proposals``."""
        found = await ProposalsByWorkStreamLoader.of(ctx).load((work_stream_id, size))
        page = leading_page(found.rows, size, SUBMITTED_FIRST, total=found.total)
        return Connection[Proposal].from_page(page, cls.from_model)

    model_map = ModelMap(
        models.Proposal,
        fetch=get_many(ProposalService),
    )


@sort_fields("Fields proposals can be sorted by.")
class ProposalOrderField(SortField):
    SUBMITTED_AT = "submitted_at", "By when it was submitted."
    UPDATED_AT = "updated_at", "By when it last changed."
    TITLE = "title", "By title."


ProposalOrder = sort_order(ProposalOrderField, "Sort order of a proposal list.")


NEWEST_FIRST = Ordering("submitted_at", OrderDirection.DESC)
SUBMITTED_FIRST = Ordering("submitted_at", OrderDirection.ASC)

# A work stream's ``proposals`` (``first_of_work_stream``), declared for planned reads.
IN_WORK_STREAM = NestedRows(
    Proposal,
    lambda ctx: ProposalService(ctx).of_work_streams(),
    "work_stream_id",
    SUBMITTED_FIRST,
)


@strawberry.input(description="Narrows a proposal list; all given conditions apply.")
class ProposalFilter(ClassifiedFilter):
    status: list[models.ProposalStatus] | None = any_of("statuses", "Any of these statuses.")
    theme: list[Theme] | None = any_of("themes", "Proposals on any of these themes.")
    target: list[models.ProposalTarget] | None = any_of("targets", "Any of these targets.")
    scope: list[models.ProposalScope] | None = any_of("scopes", "Any of these scopes.")
    organisation: relay.GlobalID | None = node_condition(
        "organisation_id", "Organisation", "Only proposals of this organisation."
    )
    work_stream: relay.GlobalID | None = node_condition(
        "work_stream_id", "WorkStream", "Only proposals to this work stream."
    )
    search: str | None = condition("Text the title contains (case-insensitive).")
    submitted_from: date | None = condition("Submitted on or after this day (UTC).")
    submitted_to: date | None = condition("Submitted on or before this day (UTC).")
    include_archived: bool = switch("Include archived proposals.")

    service_filter = service_filter_of(service.ProposalFilter)


PROPOSALS = ListOf(Proposal, ProposalFilter, NEWEST_FIRST, ProposalOrder)
