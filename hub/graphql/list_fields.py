"""A list field of the root queries, declared by what it lists instead of written out.

A list is declared with the types it shows and takes, beside them::

    PROPOSALS = ListOf(Proposal, ProposalFilter, NEWEST_FIRST, ProposalOrder)

and a root query offers it, paged by a service::

    @strawberry.type
    class ProposalQuery:
        proposals = list_field(
            PROPOSALS,
            service_pages(ProposalService),
            **guarded(Resource.PROPOSAL, Action.READ, "Proposals you may see."),
        )

which is the field ``proposals(first, after, filter: ProposalFilter, orderBy: ProposalOrder):
ProposalConnection!``, its arguments described as every list describes them
(``hub.graphql.arguments``); a list without an order input has no ``orderBy`` and keeps to
its default order.
"""

from __future__ import annotations

import dataclasses
import inspect
from collections.abc import Awaitable, Callable, Sequence
from typing import Annotated, Any, Generic, Protocol, TypeVar

import strawberry

from hub.core.context import Context
from hub.core.pagination import Listing, M, Ordering, Page, Window
from hub.graphql.arguments import (
    FILTER,
    ORDER_BY,
    After,
    Before,
    First,
    Last,
    ListScope,
    Scope,
)
from hub.graphql.listing import OrderInput, connection, ordering
from hub.graphql.model_types import ModelType
from hub.graphql.pagination import Connection

F = TypeVar("F")
C = TypeVar("C")
C_co = TypeVar("C_co", covariant=True)
C_contra = TypeVar("C_contra", contravariant=True)

# A page of the rows a filter input keeps: (context, filter, order, which page, and whether
# the rows that reach the tenant from elsewhere count).
ReadPage = Callable[[Context, F, Ordering, Window, bool], Awaitable[Page[M] | None]]


class ServiceFilterInput(Protocol[C_co]):
    """A filter input that can say what it keeps as its service's filter."""

    def service_filter(self) -> C_co: ...


class FilteredPages(Protocol[C_contra, M]):
    """A service that pages the rows a filter keeps, as ``FilteredService`` does."""

    def page(
        self,
        flt: C_contra,
        ordering: Ordering,
        first: int | None,
        after: str | None,
        /,
        *,
        network: bool = False,
        last: int | None = None,
        before: str | None = None,
    ) -> Awaitable[Page[M] | None]: ...

    def listing(self, flt: C_contra, /, *, network: bool = False) -> Listing[M] | None: ...


class ServicePages(Generic[C, M]):
    """Pages from the service's ``page``, of the rows the filter input's ``service_filter``
    keeps; ``listing`` gives the rows it pages as a query, and how they are counted, for a
    read that builds its page in SQL (hub.compiled) from the very rows the service would
    page and counts them as the service would."""

    def __init__(self, service: Callable[[Context], FilteredPages[C, M]]) -> None:
        self.service = service

    def __call__(
        self,
        ctx: Context,
        flt: ServiceFilterInput[C],
        order: Ordering,
        window: Window,
        network: bool,
    ) -> Awaitable[Page[M] | None]:
        return self.service(ctx).page(
            flt.service_filter(),
            order,
            window.first,
            window.after,
            network=network,
            last=window.last,
            before=window.before,
        )

    def listing(self, ctx: Context, flt: ServiceFilterInput[C], network: bool) -> Listing[M] | None:
        return self.service(ctx).listing(flt.service_filter(), network=network)


def service_pages(
    service: Callable[[Context], FilteredPages[C, M]],
) -> ServicePages[C, M]:
    return ServicePages(service)


@dataclasses.dataclass(frozen=True)
class ListOf(Generic[F, M]):
    """What a list of ``node``s takes: a filter of ``filter_input`` and, with an
    ``order_input``, an order; unless the caller orders it, it keeps its ``default_order``."""

    node: type[ModelType[M]]
    filter_input: type[F]
    default_order: Ordering
    order_input: type[OrderInput] | None = None


@dataclasses.dataclass(frozen=True)
class ListRequest(Generic[F]):
    """What a list field's arguments ask for: the filter, the order, and whether the rows
    that reach the tenant from elsewhere count."""

    filter: F
    order: Ordering
    network: bool


@dataclasses.dataclass(frozen=True)
class DeclaredList(Generic[F, M]):
    """A list field as declared, kept in its field's metadata under ``DECLARED_LIST``, so
    that a read can be planned from the declaration rather than by running the resolver."""

    of: ListOf[F, M]
    read: ReadPage[F, M]

    def request(
        self, filter: F | None, order_by: OrderInput | None, scope: ListScope
    ) -> ListRequest[F]:
        """The arguments as the resolver takes them: the list's own filter and order where
        the caller gives none."""
        return ListRequest(
            filter=filter or self.of.filter_input(),
            order=ordering(order_by, self.of.default_order),
            network=scope is ListScope.NETWORK,
        )


DECLARED_LIST = "hub.declared_list"
# The arguments of every declared list (as GraphQL names them); a request that gives any
# other (a deprecated one) is the resolvers' to answer.
LIST_ARGUMENTS = frozenset({"first", "after", "filter", "orderBy", "scope"})


@dataclasses.dataclass(frozen=True)
class Deprecated:
    """An argument a list took before its filter held the same condition: still taken, and
    given to the filter's field ``into``, but deprecated in its favour."""

    name: str
    type: Any
    into: str
    description: str
    default: Any = None

    def annotation(self) -> Any:
        return Annotated[
            self.type,
            strawberry.argument(
                description=self.description,
                deprecation_reason=f"Use `filter: {{ {_camel(self.into)} }}`.",
            ),
        ]


def _camel(name: str) -> str:
    first, *rest = name.split("_")
    return first + "".join(part.title() for part in rest)


def _with(filter: Any, deprecated: Sequence[Deprecated], given: dict[str, Any]) -> Any:
    """``filter`` with the conditions the deprecated arguments gave, where they differ from
    their defaults."""
    moved = {
        d.into: given[d.name] for d in deprecated if d.name in given and given[d.name] != d.default
    }
    return dataclasses.replace(filter, **moved) if moved else filter


def list_field(
    of: ListOf[F, M],
    read: ReadPage[F, M],
    *,
    scoped: bool = True,
    deprecated: Sequence[Deprecated] = (),
    **field: Any,
) -> Any:
    """A field listing ``of.node``s a page at a time, as ``read`` finds them for a filter
    (``of.filter_input()`` when the caller gives none) and an order; ``field`` are the
    keyword arguments of ``strawberry.field``. A ``scoped`` list of records takes a
    ``scope``: the tenant's subtree, or with the records that reach it from elsewhere.
    ``deprecated`` arguments, from before the list had a filter, still narrow it."""
    declared = DeclaredList(of, read)

    async def ordered(
        info: strawberry.Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: F | None = None,
        order_by: OrderInput | None = None,
        scope: ListScope = ListScope.SUBTREE,
        **older: Any,
    ) -> Connection[ModelType[M]]:
        asked = declared.request(filter, order_by, scope)
        chosen = _with(asked.filter, deprecated, older)
        window = Window(first, after, last, before)
        page = await read(info.context, chosen, asked.order, window, asked.network)
        return connection(page, of.node.from_model)

    async def unordered(
        info: strawberry.Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        last: int | None = None,
        before: str | None = None,
        filter: F | None = None,
        scope: ListScope = ListScope.SUBTREE,
        **older: Any,
    ) -> Connection[ModelType[M]]:
        return await ordered(info, first, after, last, before, filter, None, scope, **older)

    # Strawberry reads a field's arguments and type from its resolver's annotations: here
    # those of the list's own types rather than the type variables above.
    resolve = unordered if of.order_input is None else ordered
    order_by = (
        {} if of.order_input is None else {"order_by": Annotated[of.order_input | None, ORDER_BY]}
    )
    resolve.__annotations__ = {
        "info": strawberry.Info[Context, None],
        "first": First,
        "after": After,
        "last": Last,
        "before": Before,
        "filter": Annotated[of.filter_input | None, FILTER],
        **order_by,
        "scope": Scope,
        "return": Connection[of.node],  # type: ignore[name-defined]
    }
    signature = inspect.signature(resolve)
    # A list that is not of records (the audit log) has no scope to choose.
    kept = [
        p
        for p in signature.parameters.values()
        if p.kind is not p.VAR_KEYWORD and (scoped or p.name != "scope")
    ]
    for older in deprecated:
        annotation = older.annotation()
        resolve.__annotations__[older.name] = annotation
        kept.append(
            inspect.Parameter(
                older.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=older.default,
                annotation=annotation,
            )
        )
    setattr(resolve, "__signature__", signature.replace(parameters=kept))  # noqa: B010
    return strawberry.field(resolver=resolve, metadata={DECLARED_LIST: declared}, **field)
