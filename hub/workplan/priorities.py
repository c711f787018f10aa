"""Reads and writes of the work plan's priorities."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from hub.access.listing import any_of, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import RecordNames, set_given
from hub.core.classification import Classification
from hub.core.lookup import parse_id
from hub.core.pagination import Listing
from hub.core.validation import Problem, raise_if_any
from hub.i18n.text import Translation, check_translations, index_text, search_text
from hub.themes.service import ThemedFilter, ThemedService
from hub.themes.taxonomy import Theme, stored
from hub.workplan.models import Horizon, Priority, PriorityStatus
from hub.workplan.service import WorkStreamService

TAG_SUBJECT = "priority"
TITLE_MAX = 300
SUMMARY_MAX = 10_000


@dataclass(frozen=True)
class PriorityFilter(ThemedFilter):
    horizons: Sequence[Horizon] = ()
    statuses: Sequence[PriorityStatus] = ()
    work_stream_id: str | None = None


@dataclass(frozen=True)
class PriorityDraft:
    """A new priority, or changes to one (None: unchanged)."""

    title: Sequence[Translation] | None = None
    summary: Sequence[Translation] | None = None
    horizon: Horizon | None = None
    status: PriorityStatus | None = None
    themes: Sequence[Theme] | None = None
    work_stream_ids: Sequence[str] | None = None
    classification: Classification = Classification.NETWORK


def fill_index(row: Priority, default_language: str) -> None:
    """The columns derived from a priority's titles and work streams, for SQL."""
    row.title_index = index_text(row.title, default_language)
    row.search_text = search_text(row.title)
    row.work_stream_keys = "".join(f" {i} " for i in row.work_stream_ids)


class PriorityService(ThemedService[Priority, PriorityFilter]):
    model = Priority
    resource = Resource.WORK_PLAN
    tag_subject = TAG_SUBJECT
    names = RecordNames("priority", "priorities")

    def search(self, flt: PriorityFilter) -> Listing[Priority] | None:
        in_stream = None
        if flt.work_stream_id is not None:
            if (stream := parse_id(flt.work_stream_id)) is None:
                return None
            in_stream = Q(work_stream_keys__contains=f" {stream} ")
        return self._listed(
            flt,
            any_of("horizon", flt.horizons),
            any_of("status", flt.statuses),
            self._tagged(flt.themes),
            in_stream,
            containing(flt.search, "search_text"),
        )

    async def _checked(
        self, draft: PriorityDraft, problems: list[Problem], *, new: bool
    ) -> tuple[dict[str, str] | None, dict[str, str] | None, list[str] | None]:
        title = check_translations(
            problems, "title", draft.title, max_length=TITLE_MAX, required=new
        )
        summary = check_translations(problems, "summary", draft.summary, max_length=SUMMARY_MAX)
        streams = None
        if draft.work_stream_ids is not None:
            known = await WorkStreamService(self.ctx).known_ids(
                draft.work_stream_ids, problems, "workStreams", "A work stream is unknown to you."
            )
            streams = sorted(set(known))
        return title, summary, streams

    async def create(self, draft: PriorityDraft) -> Priority:
        problems: list[Problem] = []
        title, summary, streams = await self._checked(draft, problems, new=True)
        if draft.horizon is None:
            problems.append(Problem("horizon", "REQUIRED", "horizon is required."))
        raise_if_any(problems)
        self._require(
            draft.classification,
            Action.CREATE,
            refusal=f"You may not add {draft.classification} priorities here.",
        )
        themes = list(draft.themes or [])
        row = Priority(
            tenant=self.ctx.tenant,
            title=title or {},
            summary=summary or {},
            horizon=draft.horizon,
            status=draft.status or PriorityStatus.PROPOSED,
            themes=stored(themes),
            work_stream_ids=streams or [],
            classification=draft.classification,
        )
        fill_index(row, self.ctx.tenant.default_language)
        async with in_transaction():
            await row.save()
            return await self._created(row, themes)

    async def update(self, raw_id: str, draft: PriorityDraft) -> Priority:
        problems: list[Problem] = []
        title, summary, streams = await self._checked(draft, problems, new=False)
        raise_if_any(problems)
        async with in_transaction():
            row = await self._locked(raw_id, Action.UPDATE)
            self._unless_archived(row, "The priority is archived.")
            if title:
                row.title = {**row.title, **title}
            if summary:
                row.summary = {**row.summary, **summary}
            set_given(row, work_stream_ids=streams, horizon=draft.horizon, status=draft.status)
            fill_index(row, row.tenant.default_language)
            return await self._updated(row, draft.themes)

    async def archive(self, raw_id: str) -> Priority:
        return await self._archive(raw_id)

    async def _archived(self, row: Priority) -> None:
        """An archived priority is not written to the audit log, whatever its
        classification."""
