"""Reads and writes of work streams: tenant scope, permission checks, validation."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from tortoise.transactions import in_transaction

from hub.access.listing import ClassifiedFilter, any_of, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import FilteredService, RecordNames, set_given
from hub.core.classification import Classification
from hub.core.pagination import Listing
from hub.core.validation import Problem, check_text, raise_if_any
from hub.i18n.languages import Language
from hub.i18n.text import Version, Versions, check_versions, own_texts, split_source
from hub.workplan.models import WorkStream, WorkStreamStatus

TITLE_MAX = 300
DESCRIPTION_MAX = 10_000
TEXT_LIMITS = {"title": TITLE_MAX, "description": DESCRIPTION_MAX}


def _search_text(versions: Versions) -> str:
    """The titles in other languages, so that a search finds them too."""
    return "\n".join(v.get("title", "") for v in versions.values())


@dataclass(frozen=True)
class WorkStreamFilter(ClassifiedFilter):
    statuses: Sequence[WorkStreamStatus] = ()


@dataclass(frozen=True)
class WorkStreamChanges:
    title: str | None = None
    description: str | None = None
    status: WorkStreamStatus | None = None
    classification: Classification | None = None
    versions: Sequence[Version] | None = None


class WorkStreamService(FilteredService[WorkStream, WorkStreamFilter]):
    model = WorkStream
    resource = Resource.WORK_STREAM
    names = RecordNames("work stream", "work streams")

    def search(self, flt: WorkStreamFilter) -> Listing[WorkStream] | None:
        return self._listed(
            flt,
            any_of("status", flt.statuses),
            flt.classified(),
            containing(flt.search, "title", "search_text"),
        )

    async def locked(self, raw_id: str, *, field: str | None = None) -> WorkStream:
        """The visible work stream with this id and its tenant, locked for the transaction;
        NotFound (naming ``field``, if given) otherwise."""
        return await self._locked(raw_id, field=field)

    async def create(
        self,
        title: str | None,
        description: str,
        status: WorkStreamStatus,
        classification: Classification,
        language: Language | None = None,
        versions: Sequence[Version] = (),
    ) -> WorkStream:
        """A work stream; without ``title``, every text comes in ``versions``, its own
        language's among them."""
        problems: list[Problem] = []
        source, own, others = own_texts(
            problems,
            language,
            versions,
            plain=title is not None,
            default=self.ctx.tenant.default_language,
        )
        clean_title = check_text(
            problems,
            "title",
            own.get("title", title),
            max_length=TITLE_MAX,
            required=True,
            allow_blank=False,
        )
        clean_description = check_text(
            problems, "description", own.get("description", description), max_length=DESCRIPTION_MAX
        )
        translations = check_versions(problems, others, source, TEXT_LIMITS) or {}
        raise_if_any(problems)
        self._require(
            classification,
            Action.CREATE,
            refusal=f"You may not create {classification} work streams in this tenant.",
        )
        return await self._create(
            WorkStream,
            tenant=self.ctx.tenant,
            title=clean_title,
            description=clean_description or "",
            language=source,
            translations=translations,
            search_text=_search_text(translations),
            status=status,
            classification=classification,
        )

    async def update(self, raw_id: str, changes: WorkStreamChanges) -> WorkStream:
        problems: list[Problem] = []
        title = check_text(
            problems, "title", changes.title, max_length=TITLE_MAX, allow_blank=False
        )
        description = check_text(
            problems, "description", changes.description, max_length=DESCRIPTION_MAX
        )
        raise_if_any(problems)
        async with in_transaction():
            row = await self._locked(raw_id)
            for classification in {
                row.classification,
                changes.classification or row.classification,
            }:
                self._require(classification, Action.UPDATE, row.tenant.path)
            if changes.versions is not None:
                own, others = split_source(changes.versions, row.language, row.translations)
                title = check_text(
                    problems,
                    "title",
                    own.get("title", title),
                    max_length=TITLE_MAX,
                    allow_blank=False,
                )
                description = check_text(
                    problems,
                    "description",
                    own.get("description", description),
                    max_length=DESCRIPTION_MAX,
                )
                versions = check_versions(problems, others, row.language, TEXT_LIMITS)
                raise_if_any(problems)
                row.translations = {**row.translations, **(versions or {})}
                row.search_text = _search_text(row.translations)
            previous = row.classification
            set_given(
                row,
                title=title,
                description=description,
                status=changes.status,
                classification=changes.classification,
            )
            await row.save()
            if Classification.CONFIDENTIAL in (row.classification, previous):
                await self._record("update", row)
            return row

    async def archive(self, raw_id: str) -> WorkStream:
        """Leave lists; the work stream, its proposals and members stay."""
        return await self._archive(raw_id)
