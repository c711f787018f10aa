"""Statements of the network: drafted, reviewed, approved and published, each step recorded.

Publishing makes a statement PUBLIC. The notes that prompted it keep their own
classification: a reader of the statement sees only the notes they may see anyway.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from tortoise.transactions import in_transaction

from hub.access.listing import ClassifiedFilter, any_of, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import FilteredService, RecordNames
from hub.advocacy import workflow
from hub.advocacy.models import Statement, StatementStatus, StatementTransition
from hub.advocacy.service import AdvocacyService
from hub.core.classification import Classification
from hub.core.pagination import Listing
from hub.core.validation import InvalidInput, Problem, check_text, raise_if_any
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
class StatementFilter(ClassifiedFilter):
    statuses: Sequence[StatementStatus] = ()


@dataclass(frozen=True)
class NewStatement:
    title: Sequence[Translation]
    body: Sequence[Translation]
    note_ids: Sequence[str] = ()
    classification: Classification = Classification.NETWORK


class StatementService(FilteredService[Statement, StatementFilter]):
    model = Statement
    resource = Resource.STATEMENT
    names = RecordNames("statement", "statements")

    def search(self, flt: StatementFilter) -> Listing[Statement] | None:
        return self._listed(
            flt,
            any_of("status", flt.statuses),
            containing(flt.search, "search_text"),
            flt.classified(),
        )

    async def _note_ids(self, raw_ids: Sequence[str], problems: list[Problem]) -> list[str]:
        notes = AdvocacyService(self.ctx)
        return await notes.known_ids(raw_ids, problems, "notes", "A note is unknown to you.")

    async def draft(self, new: NewStatement) -> Statement:
        problems: list[Problem] = []
        title = check_translations(
            problems, "title", new.title, max_length=TITLE_MAX, required=True
        )
        body = check_translations(problems, "body", new.body, max_length=BODY_MAX, required=True)
        note_ids = await self._note_ids(new.note_ids, problems)
        raise_if_any(problems)
        self._require(
            new.classification,
            Action.CREATE,
            refusal=f"You may not draft {new.classification} statements here.",
        )
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
            await self._step(StatementTransition, "statement", row, None, S.DRAFT)
            await self._audit("create", row)
        return row

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
        raise_if_any(problems)
        async with in_transaction():
            row = await self._locked(raw_id, Action.UPDATE)
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
            await self._audit("update", row)
        return row

    async def move(self, raw_id: str, to: StatementStatus, note: str | None) -> Statement:
        problems: list[Problem] = []
        clean_note = check_text(problems, "note", note, max_length=5_000) or ""
        raise_if_any(problems)
        async with in_transaction():
            row = await self._locked(raw_id, STEP_ACTION[to])
            why = workflow.refusal("statement", workflow.STATEMENT_NEXT, row.status, to)
            if why:
                raise InvalidInput([Problem("status", "INVALID_TRANSITION", why)])
            self._unless_archived(row, "The statement is archived.")
            previous, row.status = row.status, to
            if to is S.PUBLISHED:
                row.published_at = datetime.now(UTC)
                row.classification = Classification.PUBLIC
            await row.save()
            await self._step(StatementTransition, "statement", row, previous, to, clean_note)
            await self._audit(str(to.value), row)
        return row

    async def archive(self, raw_id: str) -> Statement:
        return await self._archive(raw_id)

    async def _archived(self, row: Statement) -> None:
        """An archived statement is not written to the audit log, whatever its
        classification."""
