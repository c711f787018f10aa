"""Reads and writes of knowledge resources: scope, sharing, changes, archiving."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from uuid import UUID

from tortoise.expressions import Q
from tortoise.transactions import in_transaction

from hub.access.listing import ClassifiedFilter, any_of, containing
from hub.access.resources import Action, Resource
from hub.access.scoped import RecordNames, set_given
from hub.core.classification import Classification
from hub.core.errors import Forbidden
from hub.core.pagination import Listing
from hub.core.validation import Problem, check_url, raise_if_any
from hub.i18n.languages import Language
from hub.i18n.text import (
    Translation,
    check_translations,
    index_text,
    searchable_text,
)
from hub.knowledge.models import KnowledgeKind, KnowledgeResource
from hub.stakeholders.service import OrganisationService
from hub.themes.service import ThemedFilter, ThemedService
from hub.themes.taxonomy import Theme, stored

TAG_SUBJECT = "knowledge_resource"
TITLE_MAX = 300
DESCRIPTION_MAX = 20_000
# Where resources without a publication date sort: before every dated one.
UNDATED = date(1, 1, 1)


@dataclass(frozen=True)
class KnowledgeFilter(ThemedFilter, ClassifiedFilter):
    kinds: Sequence[KnowledgeKind] = ()
    languages: Sequence[Language] = ()


@dataclass(frozen=True)
class NewKnowledgeResource:
    title: Sequence[Translation]
    kind: KnowledgeKind
    url: str
    shared_by_id: str | None = None
    description: Sequence[Translation] = ()
    languages: Sequence[Language] = field(default_factory=list)
    themes: Sequence[Theme] = field(default_factory=list)
    published_on: date | None = None
    classification: Classification = Classification.PUBLIC


@dataclass(frozen=True)
class KnowledgeChanges:
    title: Sequence[Translation] | None = None
    description: Sequence[Translation] | None = None
    kind: KnowledgeKind | None = None
    url: str | None = None
    languages: Sequence[Language] | None = None
    themes: Sequence[Theme] | None = None
    published_on: date | None = None
    classification: Classification | None = None


def language_columns(languages: Sequence[Language]) -> tuple[list[str], str]:
    """The languages as stored: unique, in the enumeration's order, and as ",ar,en,"."""
    chosen = [language.value for language in Language if language in set(languages)]
    return chosen, f",{','.join(chosen)}," if chosen else ""


def _check_url(problems: list[Problem], value: str) -> str:
    url = check_url(problems, "url", value) or ""
    if not url and not any(p.field == "url" for p in problems):
        problems.append(Problem("url", "REQUIRED", "url is required."))
    return url


class KnowledgeService(ThemedService[KnowledgeResource, KnowledgeFilter]):
    model = KnowledgeResource
    resource = Resource.KNOWLEDGE_RESOURCE
    tag_subject = TAG_SUBJECT
    names = RecordNames("knowledge resource", "knowledge resources")

    def search(self, flt: KnowledgeFilter) -> Listing[KnowledgeResource] | None:
        """The visible resources that pass ``flt``; None when nothing could."""
        in_languages = None
        if flt.languages:
            in_languages = Q(
                *[Q(language_codes__contains=f",{lang.value},") for lang in flt.languages],
                join_type=Q.OR,
            )
        return self._listed(
            flt,
            any_of("kind", flt.kinds),
            flt.classified(),
            self._tagged(flt.themes),
            in_languages,
            containing(flt.search, "search_text"),
        )

    def _curator(self) -> bool:
        """Holders of ``review`` (coordinators, focal points) curate the platform: they
        share on any organisation's behalf and change what others shared."""
        return self.ctx.decisions.allows_any(Resource.KNOWLEDGE_RESOURCE, Action.REVIEW)

    async def share(self, new: NewKnowledgeResource) -> KnowledgeResource:
        """Share a resource with the network, for an organisation the caller belongs to,
        or in no organisation's name."""
        problems: list[Problem] = []
        title = check_translations(
            problems, "title", new.title, max_length=TITLE_MAX, required=True
        )
        description = check_translations(
            problems, "description", new.description, max_length=DESCRIPTION_MAX
        )
        url = _check_url(problems, new.url)
        organisations = OrganisationService(self.ctx)
        shared_by = await organisations.known_id(new.shared_by_id, problems, "sharedBy")
        raise_if_any(problems)
        self._require(new.classification, Action.CREATE, self.ctx.tenant.path)
        if shared_by is not None and not (
            self._curator() or self.ctx.decisions.member_of(shared_by)
        ):
            raise Forbidden("You may share resources only in the name of your organisation.")
        title = title or {}
        languages, codes = language_columns(new.languages)
        async with in_transaction():
            row = await KnowledgeResource.create(
                tenant=self.ctx.tenant,
                shared_by_id=shared_by,
                title=title,
                title_index=index_text(title, self.ctx.tenant.default_language),
                description=description or {},
                search_text=searchable_text(title, description or {}),
                kind=new.kind,
                url=url,
                languages=languages,
                language_codes=codes,
                themes=stored(list(new.themes)),
                published_on=new.published_on,
                published_order=new.published_on or UNDATED,
                classification=new.classification,
            )
            return await self._created(row, new.themes)

    async def update(self, raw_id: str, changes: KnowledgeChanges) -> KnowledgeResource:
        problems: list[Problem] = []
        # Given languages replace theirs; the others stay as they are.
        title = check_translations(problems, "title", changes.title, max_length=TITLE_MAX)
        description = check_translations(
            problems, "description", changes.description, max_length=DESCRIPTION_MAX
        )
        url = None if changes.url is None else _check_url(problems, changes.url)
        raise_if_any(problems)
        async with in_transaction():
            row = await self._locked(raw_id, Action.UPDATE, field="id")
            self._may_reclassify(row, changes.classification)
            if not (
                self._curator()
                or (
                    row.shared_by_id is not None
                    and self.ctx.decisions.member_of(UUID(str(row.shared_by_id)))
                )
            ):
                raise Forbidden("You may change only what your organisation shared.")
            self._unless_archived(row, "The knowledge resource is archived.")
            if title:
                row.title = {**row.title, **title}
                row.title_index = index_text(row.title, row.tenant.default_language)
            if description is not None:
                row.description = {**row.description, **description}
            row.search_text = searchable_text(row.title, row.description)
            set_given(row, kind=changes.kind, url=url, classification=changes.classification)
            if changes.languages is not None:
                row.languages, row.language_codes = language_columns(changes.languages)
            if changes.published_on is not None:
                row.published_on = row.published_order = changes.published_on
            return await self._updated(row, changes.themes)

    async def archive(self, raw_id: str) -> KnowledgeResource:
        """Take a resource off the platform's lists; nothing of it is deleted."""
        return await self._archive(raw_id, field="id")
