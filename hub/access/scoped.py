"""What every domain service shares: the caller's visible rows of one resource, the checks
on a row's classification, and the audit of the confidential rows read or changed."""

from __future__ import annotations

import dataclasses
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from datetime import UTC, datetime
from typing import Any, Generic, Protocol, TypeVar, cast
from uuid import UUID

from tortoise.expressions import Q
from tortoise.models import Model
from tortoise.queryset import QuerySet
from tortoise.transactions import in_transaction

from hub.access import audited
from hub.access.listing import ListFilter
from hub.access.models import COUNTED_TABLES, ListedCount
from hub.access.resources import Action, Resource, object_name
from hub.audit import log as audit
from hub.core.classification import Classification
from hub.core.context import Context
from hub.core.errors import Forbidden, NotFound
from hub.core.loading import Children, GroupedLoader
from hub.core.locking import for_update
from hub.core.lookup import parse_id, parse_ids, rows_by_ids
from hub.core.model_mixins import Transition
from hub.core.pagination import Listing, Ordering, Page
from hub.core.validation import InvalidInput, Problem
from hub.tenancy.models import Tenant
from hub.tenancy.ownership import require_owned, require_owned_id

M = TypeVar("M", bound=Model)
N = TypeVar("N", bound=Model)
F = TypeVar("F", bound=ListFilter)
T = TypeVar("T", bound=Transition)


def grouped(rows: Sequence[N], key: str) -> dict[str, list[N]]:
    """``rows`` by the value of their attribute ``key``, each group in the order given."""
    groups: dict[str, list[N]] = defaultdict(list)
    for row in rows:
        groups[str(getattr(row, key))].append(row)
    return groups


def set_given(row: Model, **values: object) -> None:
    """Set on ``row`` each of ``values`` that a change gives; None leaves a column as it is."""
    for name, value in values.items():
        if value is not None:
            setattr(row, name, value)


class _Placed(Protocol):
    """A row whose classification and tenant (read along with it) decide who may act."""

    classification: Classification
    tenant: Tenant


class _Archivable(Protocol):
    archived_at: datetime | None


class _Owned(Protocol):
    tenant_id: UUID


class _Keyed(Protocol):
    id: UUID


@dataclasses.dataclass(frozen=True)
class RecordNames:
    """How a service's messages name its records, so that every service words its refusals
    and its answers to ids that name nothing alike."""

    singular: str
    # As refusals name them ("You may not update confidential <plural> here.").
    plural: str

    @property
    def missing(self) -> str:
        """What a write says of an id that names no visible record."""
        return f"No {self.singular} has this id."

    @property
    def unseen(self) -> str:
        """What a form says of an id it gives for a record of this kind that names no
        visible one."""
        return f"No {self.singular} you may see has this id."


class ScopedService(Generic[M]):
    """The reads and checks of one ``model`` under one ``resource``, for one request.

    A row outside the caller's scope is unknown to them: it is NOT_FOUND just as an id that
    names nothing, so that an error never tells that a hidden record exists.
    """

    model: type[M]
    resource: Resource
    names: RecordNames

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def _scoped(
        self, model: type[N], action: Action = Action.READ, *, network: bool = False
    ) -> QuerySet[N] | None:
        """The rows of ``model`` the caller may take ``action`` on, in the request tenant's
        subtree and with ``network`` those that reach it from elsewhere; None if none."""
        scope = self.ctx.decisions.scope(self.resource, action, network=network)
        return None if scope is None else model.filter(scope)

    def visible(self, action: Action = Action.READ, *, network: bool = False) -> QuerySet[M] | None:
        """The caller's rows of the service's model; None if none."""
        return self._scoped(self.model, action, network=network)

    def _filtered(
        self, network: bool, tenant_slug: str | None, *conditions: Q | None
    ) -> Listing[M] | None:
        """The visible rows (with ``network``, those that reach the tenant too) that meet
        ``conditions`` (None: no condition), of one tenant only when ``tenant_slug`` names
        one, counted row by row; None if none."""
        queryset = self.visible(network=network)
        if queryset is None:
            return None
        chosen = [condition for condition in conditions if condition is not None]
        if tenant_slug:
            chosen.append(Q(tenant__slug=tenant_slug))
        return Listing(queryset.filter(*chosen) if chosen else queryset)

    def _listed(self, flt: ListFilter, *conditions: Q | None) -> Listing[M] | None:
        """The rows of ``_filtered`` as ``flt`` asks, archived ones only when it includes
        them; counted from the counters of the unarchived rows (``_counters``) when the
        list asks for nothing beyond that and perhaps one tenant."""
        unarchived = None if flt.include_archived else Q(archived_at__isnull=True)
        listing = self._filtered(flt.network, flt.tenant_slug, unarchived, *conditions)
        if listing is None or unarchived is None or any(c is not None for c in conditions):
            return listing
        counters = self._counters(flt.network, flt.tenant_slug)
        return listing if counters is None else Listing(listing.rows, counters)

    def _counters(self, network: bool, tenant_slug: str | None) -> QuerySet[ListedCount] | None:
        """The counters of the unarchived visible rows (see ``_filtered``), selected by the
        very scope that selects the rows, where they exist and that scope depends on a
        row's tenant and classification alone; None where rows are to be counted."""
        table = self.model._meta.db_table
        if table not in COUNTED_TABLES or self.model._meta.db.capabilities.dialect != "postgres":
            return None
        if not self.ctx.decisions.scope_by_placement(self.resource, network=network):
            return None
        counters = self._scoped(ListedCount, network=network)
        if counters is None:
            return None
        counters = counters.filter(table_name=table)
        return counters.filter(tenant__slug=tenant_slug) if tenant_slug else counters

    async def _page(
        self,
        listing: Listing[M] | None,
        ordering: Ordering,
        first: int | None,
        after: str | None,
        *,
        last: int | None = None,
        before: str | None = None,
    ) -> Page[M] | None:
        """A page of ``listing`` (forwards, or backwards with ``last`` and ``before``), its
        confidential rows audited as read; None for None."""
        if listing is None:
            return None
        return await audited.page(
            self.ctx, self.resource, listing, ordering, first, after, last=last, before=before
        )

    async def get_many(self, ids: Sequence[str]) -> list[M | None]:
        """The visible rows with these ids, in order; None where unknown or hidden alike."""
        return await audited.rows_by_ids(self.ctx, self.resource, self.visible(network=True), ids)

    async def known(
        self, raw_id: str, problems: list[Problem], field: str, *, home: bool = False
    ) -> M | None:
        """The visible row with this id, given in a form's ``field`` (audited as read, as
        ``get_many``); None, with a NOT_FOUND problem, when there is none. A record that
        reached the caller from elsewhere may be named (linked to), unless the form writes
        into it (``home``): writes stay in the caller's subtree."""
        visible = self.visible(network=not home)
        [row] = await audited.rows_by_ids(self.ctx, self.resource, visible, [raw_id])
        if row is None:
            problems.append(Problem(field, "NOT_FOUND", self.names.unseen))
        return row

    async def known_id(
        self, raw_id: str | None, problems: list[Problem], field: str
    ) -> UUID | None:
        """The id of the visible row that a form's ``field`` names, if it names one (see
        ``known``); None when it names none or none that the caller may see."""
        if raw_id is None:
            return None
        row = await self.known(raw_id, problems, field)
        return None if row is None else cast(_Keyed, row).id

    async def known_ids(
        self, raw_ids: Sequence[str], problems: list[Problem], field: str, unknown: str
    ) -> list[str]:
        """The ids of the visible rows that a form's ``field`` lists, in its order (audited
        as read, as ``get_many``); a NOT_FOUND problem saying ``unknown`` if any is not one."""
        rows = await self.get_many(list(raw_ids))
        if any(row is None for row in rows):
            problems.append(Problem(field, "NOT_FOUND", unknown))
        return [str(cast(_Keyed, row).id) for row in rows if row is not None]

    async def children(
        self,
        model: type[N],
        parent: str,
        parent_ids: Sequence[str],
        order: Sequence[str],
        *,
        audit_reads: bool = True,
    ) -> dict[str, list[N]]:
        """Visible rows of ``model`` under each ``parent`` (a foreign key's name) with these
        ids, in one statement; the confidential ones audited as read unless
        ``audit_reads`` is False. Parents shown are visible, at home or having reached the
        caller, and so are their parts that the policy lets travel."""
        queryset = self.children_rows(model)
        wanted = parse_ids(parent_ids)
        if queryset is None or not wanted:
            return {}
        queryset = queryset.filter(**{f"{parent}_id__in": wanted})
        queryset = queryset.order_by(*order, "id")
        if audit_reads:
            rows = await audited.all_of(self.ctx, self.resource, queryset)
        else:
            rows = list(await queryset)
        return grouped(rows, f"{parent}_id")

    def children_rows(self, model: type[N], *, network: bool = True) -> QuerySet[N] | None:
        """The rows of ``model`` (parts of this service's records) that ``children`` reads
        under the parents it is given; without ``network``, those of the subtree only."""
        return self._scoped(model, network=network)

    def _require(
        self,
        classification: Classification,
        action: Action,
        domain: str | None = None,
        *,
        refusal: str | None = None,
    ) -> None:
        """Forbidden unless the caller may take ``action`` on records so classified in
        ``domain`` (a tenant path; the request's tenant by default)."""
        obj = object_name(self.resource, classification)
        decisions = self.ctx.decisions
        if not decisions.allows_record(obj, action, domain or decisions.tenant_path):
            raise Forbidden(
                refusal or f"You may not {action} {classification} {self.names.plural} here."
            )

    def _may_reclassify(self, row: M, classification: Classification | None) -> None:
        """Forbidden unless the caller may update records classified as ``classification``,
        when a change gives one, where ``row`` (read with its tenant) is."""
        if classification is not None:
            self._require(classification, Action.UPDATE, cast(_Placed, row).tenant.path)

    def _unless_archived(self, row: M, refusal: str) -> None:
        """InvalidInput (ARCHIVED, on the form's id) when ``row`` is archived: archived
        records are kept as they were."""
        if cast(_Archivable, row).archived_at is not None:
            raise InvalidInput([Problem("id", "ARCHIVED", refusal)])

    def _found(
        self,
        row: M | None,
        action: Action | None = None,
        *,
        field: str | None = None,
        refusal: str | None = None,
    ) -> M:
        """``row``, read with its tenant, when there is one and the caller may take
        ``action`` on it; NotFound (naming ``field``, if given) or Forbidden otherwise."""
        if row is None:
            extensions: dict[str, Any] = {} if field is None else {"field": field}
            raise NotFound(self.names.missing, **extensions)
        if action is not None:
            placed = cast(_Placed, row)
            self._require(placed.classification, action, placed.tenant.path, refusal=refusal)
        return row

    async def _locked(
        self,
        raw_id: str,
        action: Action | None = None,
        *,
        field: str | None = None,
        refusal: str | None = None,
        with_tenant: bool = True,
    ) -> M:
        """The visible row with this id, locked for the transaction, that the caller may
        take ``action`` on (see ``_found``); read with its tenant unless ``with_tenant`` is
        False, for a row whose permission is checked on another record."""
        queryset = self.visible()
        uid = parse_id(raw_id)
        row = None
        if queryset is not None and uid is not None:
            locked = for_update(queryset)
            if with_tenant:
                locked = locked.select_related("tenant")
            row = await locked.get_or_none(id=uid)
        found = self._found(row, action, field=field, refusal=refusal)
        placed = cast(Any, found)
        await self._owned(placed.tenant if with_tenant else None, placed.tenant_id)
        return found

    async def _owned(self, tenant: Tenant | None, tenant_id: Any = None) -> None:
        """ReadOnlyCopy unless this hub owns the tenant (read, or known by its id) of a row
        about to be written: another hub's records are copies here."""
        hub_name = self.ctx.settings.federation_name
        if tenant is not None:
            require_owned(tenant, hub_name)
        elif tenant_id is not None:
            await require_owned_id(tenant_id, hub_name)

    async def _part(self, model: type[N], raw_id: str, parent: str, unknown: str) -> tuple[N, M]:
        """A visible part of a record (a row of ``model`` under its ``parent`` key), and
        that record locked for a change the caller may make there: the part is changed
        under the record's permission and lock. NotFound saying ``unknown``, or as for the
        record (see ``_locked``), otherwise."""
        [row] = await rows_by_ids(self.children_rows(model), [raw_id])
        if row is None:
            raise NotFound(unknown)
        owner = await self._locked(str(getattr(row, f"{parent}_id")), Action.UPDATE, field="id")
        return row, owner

    async def _create(self, model: type[N], **values: Any) -> N:
        """A new row of ``model`` with ``values``, its creation audited (if it is
        confidential) in the same transaction."""
        await self._owned(values.get("tenant"), values.get("tenant_id"))
        async with in_transaction():
            row = await model.create(**values)
            await self._audit("create", cast(audited.Classified, row))
        return row

    async def _archive(self, raw_id: str, *, field: str | None = None) -> M:
        """Take the row with this id off lists, keeping all of it; archiving it again
        changes nothing. The caller needs ``archive`` on it (see ``_locked``)."""
        async with in_transaction():
            row = await self._locked(raw_id, Action.ARCHIVE, field=field)
            archivable = cast(_Archivable, row)
            if archivable.archived_at is None:
                archivable.archived_at = datetime.now(UTC)
                await row.save(update_fields=["archived_at", "updated_at"])
                await self._archived(row)
        return row

    async def _archived(self, row: M) -> None:
        """The audit of an archive: of a confidential row, unless the service says otherwise."""
        await self._audit("archive", cast(audited.Classified, row))

    async def _step(
        self, model: type[T], parent: str, row: M, before: object, after: object, note: str = ""
    ) -> None:
        """Record, as a ``model`` row under its ``parent`` ``row``, that the caller moved
        ``row`` from the status ``before`` (None for a new record) to ``after``."""
        values: dict[str, Any] = {
            "tenant_id": cast(_Owned, row).tenant_id,
            parent: row,
            "from_status": before,
            "to_status": after,
            "actor": self.ctx.principal.email,
            "note": note,
        }
        await model.create(**values)

    async def _audit(self, action: str, *rows: audited.Classified) -> None:
        """Audit ``action`` on the confidential ones among ``rows``."""
        await audited.confidential(self.ctx, self.resource, action, rows)

    async def _record(self, action: str, *rows: audited.Classified) -> None:
        """Audit ``action`` on ``rows`` whatever their classification."""
        await audit.append([audited.entry(self.ctx, self.resource, action, rows)])


class FilteredService(ScopedService[M], Generic[M, F]):
    """A service whose list is the visible rows that pass a filter of type ``F``."""

    def search(self, flt: F) -> Listing[M] | None:
        """The visible rows that pass ``flt``, and how they are counted; None when nothing
        could."""
        raise NotImplementedError

    async def page(
        self,
        flt: F,
        ordering: Ordering,
        first: int | None,
        after: str | None,
        *,
        network: bool = False,
        last: int | None = None,
        before: str | None = None,
    ) -> Page[M] | None:
        """A page of ``listing(flt)``; None when nothing could pass."""
        return await self._page(
            self.listing(flt, network=network), ordering, first, after, last=last, before=before
        )

    def listing(self, flt: F, *, network: bool = False) -> Listing[M] | None:
        """The rows ``page`` pages and how they are counted: ``search(flt)``, of the records
        that reach the tenant from elsewhere too with ``network``; None when nothing could
        pass."""
        if network:
            flt = dataclasses.replace(flt, network=True)
        return self.search(flt)


async def transitions(model: type[N], parent: str, ids: Sequence[UUID]) -> dict[str, list[N]]:
    """The recorded steps (rows of ``model`` with an ``at``) of the records with these ids,
    already shown to the caller, by the id of their ``parent``, in one statement."""
    if not ids:
        return defaultdict(list)
    rows = await model.filter(**{f"{parent}_id__in": list(ids)}).order_by("at", "id")
    return grouped(rows, f"{parent}_id")


def transitions_loader(model: type[N], parent: str) -> type[GroupedLoader[UUID, N]]:
    """A per-request loader of the recorded steps of each of a page of ``parent`` records
    (``transitions``), keyed by their ids."""

    class TransitionsLoader(GroupedLoader[UUID, N]):
        children = Children(lambda ctx: model.all(), f"{parent}_id", Ordering("at"))

        async def groups(self, keys: Sequence[UUID]) -> Mapping[str, list[N]]:
            return await transitions(model, parent, keys)

    return TransitionsLoader


def children_loader(
    service: Callable[[Context], ScopedService[Any]],
    model: type[N],
    parent: str,
    order: Sequence[str],
    *,
    audit_reads: bool = True,
) -> type[GroupedLoader[str, N]]:
    """A per-request loader of the rows of ``model`` under each of a page of ``parent``
    records, read through ``service`` as its ``children``: one statement for the whole page,
    whatever its size. Each call makes a loader of its own, so a request keeps one of each."""

    class ChildrenLoader(GroupedLoader[str, N]):
        children = (
            Children(
                lambda ctx: service(ctx).children_rows(model), f"{parent}_id", Ordering(order[0])
            )
            if len(order) == 1
            else None
        )

        async def groups(self, keys: Sequence[str]) -> Mapping[str, list[N]]:
            return await service(self.ctx).children(
                model, parent, keys, order, audit_reads=audit_reads
            )

    return ChildrenLoader
