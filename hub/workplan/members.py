"""Organisations taking part in work streams: joined on a day, ended on another, never
deleted."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from tortoise.transactions import in_transaction

from hub.access.resources import Action, Resource
from hub.access.scoped import RecordNames, ScopedService
from hub.core.lookup import rows_by_ids
from hub.core.validation import InvalidInput, Problem, raise_if_any
from hub.stakeholders.service import OrganisationService
from hub.workplan.models import MemberRole, WorkStream, WorkStreamMembership
from hub.workplan.service import WorkStreamService


class MembershipService(ScopedService[WorkStreamMembership]):
    """Memberships are read and changed as part of their work stream."""

    model = WorkStreamMembership
    resource = Resource.WORK_STREAM
    # A refusal is about the work stream, on which the checks are made.
    names = RecordNames("membership", "work streams")

    async def get_many(self, ids: Sequence[str]) -> list[WorkStreamMembership | None]:
        # Unlike the work streams themselves, memberships are not audited when read.
        return await rows_by_ids(self.visible(network=True), ids)

    def _require_update(self, stream: WorkStream) -> None:
        self._require(
            stream.classification,
            Action.UPDATE,
            stream.tenant.path,
            refusal=f"You may not change {stream.classification} work streams here.",
        )

    async def add(
        self, work_stream_id: str, organisation_id: str, role: MemberRole, since: date | None
    ) -> WorkStreamMembership:
        problems: list[Problem] = []
        organisation = await OrganisationService(self.ctx).known(
            organisation_id, problems, "organisation"
        )
        async with in_transaction():
            stream = await WorkStreamService(self.ctx).locked(work_stream_id, field="workStream")
            self._require_update(stream)
            if organisation is not None and await WorkStreamMembership.exists(
                work_stream=stream, organisation_id=organisation.id, until__isnull=True
            ):
                problems.append(
                    Problem("organisation", "DUPLICATE", "It already takes part in this stream.")
                )
            raise_if_any(problems)
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
            # The check is on the work stream, read with its tenant below.
            row = await self._locked(membership_id, with_tenant=False)
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
