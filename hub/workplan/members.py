"""Organisations taking part in work streams: joined on a day, ended on another, never
deleted."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.access.resources import Action, Resource
from hub.core.context import Context
from hub.core.errors import Forbidden, NotFound
from hub.core.locking import for_update
from hub.core.lookup import parse_id, rows_by_ids
from hub.core.validation import InvalidInput, Problem
from hub.stakeholders.service import OrganisationService
from hub.workplan.models import MemberRole, WorkStream, WorkStreamMembership
from hub.workplan.service import WorkStreamService


class MembershipService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def visible(self) -> QuerySet[WorkStreamMembership] | None:
        scope = self.ctx.decisions.scope(Resource.WORK_STREAM, Action.READ)
        return None if scope is None else WorkStreamMembership.filter(scope)

    async def of_work_streams(
        self, work_stream_ids: Sequence[str], include_past: bool
    ) -> dict[str, list[WorkStreamMembership]]:
        grouped: dict[str, list[WorkStreamMembership]] = defaultdict(list)
        queryset = self.visible()
        wanted = [uid for raw in work_stream_ids if (uid := parse_id(raw)) is not None]
        if queryset is None or not wanted:
            return grouped
        queryset = queryset.filter(work_stream_id__in=wanted)
        if not include_past:
            queryset = queryset.filter(until__isnull=True)
        for row in await queryset.order_by("since", "id"):
            grouped[str(row.work_stream_id)].append(row)
        return grouped

    async def get_many(self, ids: Sequence[str]) -> list[WorkStreamMembership | None]:
        return await rows_by_ids(self.visible(), ids)

    def _require_update(self, stream: WorkStream) -> None:
        if not self.ctx.decisions.allows_classified(
            Resource.WORK_STREAM, stream.classification, Action.UPDATE, stream.tenant.path
        ):
            raise Forbidden(f"You may not change {stream.classification} work streams here.")

    async def add(
        self, work_stream_id: str, organisation_id: str, role: MemberRole, since: date | None
    ) -> WorkStreamMembership:
        problems: list[Problem] = []
        [organisation] = await OrganisationService(self.ctx).get_many([organisation_id])
        if organisation is None:
            problems.append(
                Problem("organisation", "NOT_FOUND", "No organisation you may see has this id.")
            )
        async with in_transaction():
            visible = WorkStreamService(self.ctx).visible()
            uid = parse_id(work_stream_id)
            stream = None
            if visible is not None and uid is not None:
                stream = await for_update(visible).select_related("tenant").get_or_none(id=uid)
            if stream is None:
                raise NotFound("No work stream has this id.", field="workStream")
            self._require_update(stream)
            if organisation is not None and await WorkStreamMembership.exists(
                work_stream=stream, organisation_id=organisation.id, until__isnull=True
            ):
                problems.append(
                    Problem("organisation", "DUPLICATE", "It already takes part in this stream.")
                )
            if problems:
                raise InvalidInput(problems)
            assert organisation is not None
            return await WorkStreamMembership.create(
                tenant_id=stream.tenant_id,
                work_stream=stream,
                organisation=organisation,
                role=role,
                since=since or datetime.now(UTC).date(),
                classification=stream.classification,
            )

    async def end(self, membership_id: str, until: date | None) -> WorkStreamMembership:
        async with in_transaction():
            queryset = self.visible()
            uid = parse_id(membership_id)
            row = None
            if queryset is not None and uid is not None:
                row = await for_update(queryset).get_or_none(id=uid)
            if row is None:
                raise NotFound("No membership has this id.")
            stream = await WorkStream.get(id=row.work_stream_id).select_related("tenant")
            self._require_update(stream)
            day = until or datetime.now(UTC).date()
            if row.until is not None:
                raise InvalidInput([Problem("id", "ENDED", "The membership has ended already.")])
            if day < row.since:
                raise InvalidInput([Problem("until", "BEFORE_START", "until is before since.")])
            row.until = day
            await row.save(update_fields=["until"])
            return row
