"""Reads and writes of work streams: tenant scope, permission checks, validation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.expressions import Q
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.access import audit, audited
from hub.access.classification import Classification
from hub.access.resources import Action, Resource
from hub.context import Context
from hub.errors import Forbidden, NotFound
from hub.i18n.languages import Language
from hub.i18n.text import Version, Versions, check_versions
from hub.locking import for_update
from hub.lookup import parse_id
from hub.pagination import Ordering, Page, fetch_page
from hub.validation import InvalidInput, Problem, check_text
from hub.workplan.models import WorkStream, WorkStreamStatus

TITLE_MAX = 300
DESCRIPTION_MAX = 10_000
TEXT_LIMITS = {"title": TITLE_MAX, "description": DESCRIPTION_MAX}


def _search_text(versions: Versions) -> str:
    """The titles in other languages, so that a search finds them too."""
    return "\n".join(v.get("title", "") for v in versions.values())


@dataclass(frozen=True)
class WorkStreamFilter:
    statuses: Sequence[WorkStreamStatus] = ()
    classifications: Sequence[Classification] = ()
    search: str | None = None
    tenant_slug: str | None = None
    include_archived: bool = False


@dataclass(frozen=True)
class WorkStreamChanges:
    title: str | None = None
    description: str | None = None
    status: WorkStreamStatus | None = None
    classification: Classification | None = None
    versions: Sequence[Version] | None = None


class WorkStreamService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def visible(self, action: Action = Action.READ) -> QuerySet[WorkStream] | None:
        """Work streams of the tenant's subtree the caller may act on; None if none."""
        scope = self.ctx.decisions.scope(Resource.WORK_STREAM, action)
        return None if scope is None else WorkStream.filter(scope)

    def search(self, flt: WorkStreamFilter) -> QuerySet[WorkStream] | None:
        queryset = self.visible()
        if queryset is None:
            return None
        if not flt.include_archived:
            queryset = queryset.filter(archived_at__isnull=True)
        if flt.statuses:
            queryset = queryset.filter(status__in=[str(s) for s in flt.statuses])
        if flt.classifications:
            queryset = queryset.filter(classification__in=[str(c) for c in flt.classifications])
        if flt.search and flt.search.strip():
            text = flt.search.strip()
            queryset = queryset.filter(Q(title__icontains=text) | Q(search_text__icontains=text))
        if flt.tenant_slug:
            queryset = queryset.filter(tenant__slug=flt.tenant_slug)
        return queryset

    async def page(
        self, flt: WorkStreamFilter, ordering: Ordering, first: int | None, after: str | None
    ) -> Page[WorkStream] | None:
        """A page of the work streams the caller may see; None when there are none."""
        queryset = self.search(flt)
        if queryset is None:
            return None
        page = await fetch_page(queryset, ordering, first, after)
        await audited.confidential(self.ctx, Resource.WORK_STREAM, "read", page.rows)
        return page

    async def get_many(self, ids: Sequence[str]) -> list[WorkStream | None]:
        """The visible work streams with these ids, in order; None where absent or hidden."""
        return await audited.rows_by_ids(self.ctx, Resource.WORK_STREAM, self.visible(), ids)

    async def create(
        self,
        title: str,
        description: str,
        status: WorkStreamStatus,
        classification: Classification,
        language: Language | None = None,
        versions: Sequence[Version] = (),
    ) -> WorkStream:
        problems: list[Problem] = []
        clean_title = check_text(
            problems, "title", title, max_length=TITLE_MAX, required=True, allow_blank=False
        )
        clean_description = check_text(
            problems, "description", description, max_length=DESCRIPTION_MAX
        )
        source = (language.value if language else None) or self.ctx.tenant.default_language
        translations = check_versions(problems, versions, source, TEXT_LIMITS) or {}
        if problems:
            raise InvalidInput(problems)
        decisions = self.ctx.decisions
        if not decisions.allows_classified(Resource.WORK_STREAM, classification, Action.CREATE):
            raise Forbidden(f"You may not create {classification} work streams in this tenant.")
        async with in_transaction():
            row = await WorkStream.create(
                tenant=self.ctx.tenant,
                title=clean_title,
                description=clean_description or "",
                language=source,
                translations=translations,
                search_text=_search_text(translations),
                status=status,
                classification=classification,
            )
            await audited.confidential(self.ctx, Resource.WORK_STREAM, "create", [row])
            return row

    async def update(self, raw_id: str, changes: WorkStreamChanges) -> WorkStream:
        problems: list[Problem] = []
        title = check_text(
            problems, "title", changes.title, max_length=TITLE_MAX, allow_blank=False
        )
        description = check_text(
            problems, "description", changes.description, max_length=DESCRIPTION_MAX
        )
        if problems:
            raise InvalidInput(problems)
        async with in_transaction():
            queryset = self.visible()
            uid = parse_id(raw_id)
            row = None
            if queryset is not None and uid is not None:
                row = await for_update(queryset).select_related("tenant").get_or_none(id=uid)
            if row is None:
                raise NotFound("No work stream has this id.")
            decisions, domain = self.ctx.decisions, row.tenant.path
            for classification in {
                row.classification,
                changes.classification or row.classification,
            }:
                if not decisions.allows_classified(
                    Resource.WORK_STREAM, classification, Action.UPDATE, domain
                ):
                    raise Forbidden(f"You may not update {classification} work streams here.")
            if changes.versions is not None:
                versions = check_versions(problems, changes.versions, row.language, TEXT_LIMITS)
                if problems:
                    raise InvalidInput(problems)
                row.translations = {**row.translations, **(versions or {})}
                row.search_text = _search_text(row.translations)
            previous = row.classification
            if title is not None:
                row.title = title
            if description is not None:
                row.description = description
            if changes.status is not None:
                row.status = changes.status
            if changes.classification is not None:
                row.classification = changes.classification
            await row.save()
            if Classification.CONFIDENTIAL in (row.classification, previous):
                await audit.append([audited.entry(self.ctx, Resource.WORK_STREAM, "update", [row])])
            return row

    async def archive(self, raw_id: str) -> WorkStream:
        """Leave lists; the work stream, its proposals and members stay."""
        async with in_transaction():
            queryset = self.visible()
            uid = parse_id(raw_id)
            row = None
            if queryset is not None and uid is not None:
                row = await for_update(queryset).select_related("tenant").get_or_none(id=uid)
            if row is None:
                raise NotFound("No work stream has this id.")
            if not self.ctx.decisions.allows_classified(
                Resource.WORK_STREAM, row.classification, Action.ARCHIVE, row.tenant.path
            ):
                raise Forbidden(f"You may not archive {row.classification} work streams here.")
            if row.archived_at is None:
                row.archived_at = datetime.now(UTC)
                await row.save(update_fields=["archived_at", "updated_at"])
                await audited.confidential(self.ctx, Resource.WORK_STREAM, "archive", [row])
        return row
