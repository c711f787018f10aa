"""Statements of the network: drafted, reviewed, approved and published, each step recorded.

Publishing makes a statement PUBLIC. The notes that prompted it keep their own
classification: a reader of the statement sees only the notes they may see anyway.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.access import audited
from hub.access.classification import Classification
from hub.access.resources import Action, Resource
from hub.advocacy import workflow
from hub.advocacy.models import Statement, StatementStatus, StatementTransition
from hub.advocacy.service import AdvocacyService
from hub.core.context import Context
from hub.core.errors import Forbidden, NotFound
from hub.core.locking import for_update
from hub.core.lookup import parse_id
from hub.core.pagination import Ordering, Page, fetch_page
from hub.core.validation import InvalidInput, Problem, check_text
from hub.i18n.text import Translation, check_translations, index_text, search_text

TITLE_MAX = 300
BODY_MAX = 50_000
S = StatementStatus

# The permission each step needs: reviewers approve, the network's voice publishes.
STEP_ACTION: dict[StatementStatus, Action] = {
    S.DRAFT: Action.UPDATE,
    S.IN_REVIEW: Action.UPDATE,
    S.APPROVED: Action.APPROVE,
    S.PUBLISHED: Action.PUBLISH,
}


@dataclass(frozen=True)
class NewStatement:
    title: Sequence[Translation]
    body: Sequence[Translation]
    note_ids: Sequence[str] = ()
    classification: Classification = Classification.NETWORK


class StatementService:
    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def visible(self) -> QuerySet[Statement] | None:
        scope = self.ctx.decisions.scope(Resource.STATEMENT, Action.READ)
        return None if scope is None else Statement.filter(scope)

    async def page(
        self,
        statuses: Sequence[StatementStatus],
        search: str | None,
        include_archived: bool,
        ordering: Ordering,
        first: int | None,
        after: str | None,
    ) -> Page[Statement] | None:
        queryset = self.visible()
        if queryset is None:
            return None
        if not include_archived:
            queryset = queryset.filter(archived_at__isnull=True)
        if statuses:
            queryset = queryset.filter(status__in=[str(s) for s in statuses])
        if search and search.strip():
            queryset = queryset.filter(search_text__icontains=search.strip())
        page = await fetch_page(queryset, ordering, first, after)
        await audited.confidential(self.ctx, Resource.STATEMENT, "read", page.rows)
        return page

    async def get_many(self, ids: Sequence[str]) -> list[Statement | None]:
        return await audited.rows_by_ids(self.ctx, Resource.STATEMENT, self.visible(), ids)

    async def history(self, ids: Sequence[UUID]) -> dict[str, list[StatementTransition]]:
        grouped: dict[str, list[StatementTransition]] = defaultdict(list)
        if ids:
            rows = await StatementTransition.filter(statement_id__in=list(ids)).order_by("at", "id")
            for row in rows:
                grouped[str(row.statement_id)].append(row)
        return grouped

    async def _note_ids(self, raw_ids: Sequence[str], problems: list[Problem]) -> list[str]:
        notes = await AdvocacyService(self.ctx).get_many(list(raw_ids))
        if any(note is None for note in notes):
            problems.append(Problem("notes", "NOT_FOUND", "A note is unknown to you."))
        return [str(note.id) for note in notes if note is not None]

    async def draft(self, new: NewStatement) -> Statement:
        problems: list[Problem] = []
        title = check_translations(
            problems, "title", new.title, max_length=TITLE_MAX, required=True
        )
        body = check_translations(problems, "body", new.body, max_length=BODY_MAX, required=True)
        note_ids = await self._note_ids(new.note_ids, problems)
        if problems:
            raise InvalidInput(problems)
        if not self.ctx.decisions.allows_classified(
            Resource.STATEMENT, new.classification, Action.CREATE
        ):
            raise Forbidden(f"You may not draft {new.classification} statements here.")
        title, body = title or {}, body or {}
        async with in_transaction():
            row = await Statement.create(
                tenant=self.ctx.tenant,
                title=title,
                title_index=index_text(title, self.ctx.tenant.default_language),
                body=body,
                search_text=search_text(title),
                note_ids=note_ids,
                classification=new.classification,
            )
            await StatementTransition.create(
                tenant=self.ctx.tenant,
                statement=row,
                from_status=None,
                to_status=S.DRAFT,
                actor=self.ctx.principal.email,
            )
            await audited.confidential(self.ctx, Resource.STATEMENT, "create", [row])
        return row

    async def _locked(self, raw_id: str) -> Statement:
        queryset = self.visible()
        uid = parse_id(raw_id)
        row = None
        if queryset is not None and uid is not None:
            row = await for_update(queryset).select_related("tenant").get_or_none(id=uid)
        if row is None:
            raise NotFound("No statement has this id.")
        return row

    def _require(self, row: Statement, action: Action) -> None:
        if not self.ctx.decisions.allows_classified(
            Resource.STATEMENT, row.classification, action, row.tenant.path
        ):
            raise Forbidden(f"You may not {action} {row.classification} statements here.")

    async def revise(
        self,
        raw_id: str,
        title: Sequence[Translation] | None,
        body: Sequence[Translation] | None,
        note_ids: Sequence[str] | None,
    ) -> Statement:
        """Change the texts or the notes of a statement that is not yet approved."""
        problems: list[Problem] = []
        titles = check_translations(problems, "title", title, max_length=TITLE_MAX)
        bodies = check_translations(problems, "body", body, max_length=BODY_MAX)
        notes = None if note_ids is None else await self._note_ids(note_ids, problems)
        if problems:
            raise InvalidInput(problems)
        async with in_transaction():
            row = await self._locked(raw_id)
            self._require(row, Action.UPDATE)
            if row.status not in (S.DRAFT, S.IN_REVIEW) or row.archived_at is not None:
                raise InvalidInput(
                    [Problem("id", "LOCKED", f"A {row.status.value} statement is not revised.")]
                )
            if titles:
                row.title = {**row.title, **titles}
                row.title_index = index_text(row.title, row.tenant.default_language)
                row.search_text = search_text(row.title)
            if bodies:
                row.body = {**row.body, **bodies}
            if notes is not None:
                row.note_ids = notes
            await row.save()
            await audited.confidential(self.ctx, Resource.STATEMENT, "update", [row])
        return row

    async def move(self, raw_id: str, to: StatementStatus, note: str | None) -> Statement:
        problems: list[Problem] = []
        clean_note = check_text(problems, "note", note, max_length=5_000) or ""
        if problems:
            raise InvalidInput(problems)
        async with in_transaction():
            row = await self._locked(raw_id)
            self._require(row, STEP_ACTION[to])
            why = workflow.refusal("statement", workflow.STATEMENT_NEXT, row.status, to)
            if why:
                raise InvalidInput([Problem("status", "INVALID_TRANSITION", why)])
            if row.archived_at is not None:
                raise InvalidInput([Problem("id", "ARCHIVED", "The statement is archived.")])
            previous, row.status = row.status, to
            if to is S.PUBLISHED:
                row.published_at = datetime.now(UTC)
                row.classification = Classification.PUBLIC
            await row.save()
            await StatementTransition.create(
                tenant_id=row.tenant_id,
                statement=row,
                from_status=previous,
                to_status=to,
                actor=self.ctx.principal.email,
                note=clean_note,
            )
            await audited.confidential(self.ctx, Resource.STATEMENT, str(to.value), [row])
        return row

    async def archive(self, raw_id: str) -> Statement:
        async with in_transaction():
            row = await self._locked(raw_id)
            self._require(row, Action.ARCHIVE)
            if row.archived_at is None:
                row.archived_at = datetime.now(UTC)
                await row.save(update_fields=["archived_at", "updated_at"])
        return row
