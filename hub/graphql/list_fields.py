"""A list field of the root queries, declared by what it lists instead of written out.

Example::

    @strawberry.type
    class ProposalQuery:
        proposals = list_field(
            Proposal,
            service_pages(service.ProposalService),
            filter_input=ProposalFilter,
            order_input=ProposalOrder,
            default_order=NEWEST_FIRST,
            **guarded(Resource.PROPOSAL, Action.READ, "Proposals you may see."),
        )

is the field ``proposals(first, after, filter: ProposalFilter, orderBy: ProposalOrder):
ProposalConnection!``, its arguments described as every list describes them
(``hub.graphql.arguments``); without ``order_input`` it has no ``orderBy`` and keeps to
``default_order``.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Protocol, TypeVar

import strawberry

from hub.core.context import Context
from hub.core.pagination import M, Ordering, Page
from hub.graphql.arguments import FILTER, ORDER_BY, After, First
from hub.graphql.listing import OrderInput, connection, ordering
from hub.graphql.model_types import ModelType
from hub.graphql.pagination import Connection

F = TypeVar("F")
C = TypeVar("C")
C_co = TypeVar("C_co", covariant=True)
C_contra = TypeVar("C_contra", contravariant=True)

# A page of the rows a filter input keeps: (context, filter, order, first, after).
ReadPage = Callable[[Context, F, Ordering, int | None, str | None], Awaitable[Page[M] | None]]


class ServiceFilterInput(Protocol[C_co]):
    """A filter input that can say what it keeps as its service's filter."""

    def service_filter(self) -> C_co: ...


class FilteredPages(Protocol[C_contra, M]):
    """A service that pages the rows a filter keeps, as ``FilteredService`` does."""

    def page(
        self, flt: C_contra, ordering: Ordering, first: int | None, after: str | None, /
    ) -> Awaitable[Page[M] | None]: ...


def service_pages(
    service: Callable[[Context], FilteredPages[C, M]],
) -> ReadPage[ServiceFilterInput[C], M]:
    """Pages from the service's ``page``, of the rows the filter input's ``service_filter``
    keeps."""

    def read(
        ctx: Context,
        flt: ServiceFilterInput[C],
        order: Ordering,
        first: int | None,
        after: str | None,
    ) -> Awaitable[Page[M] | None]:
        return service(ctx).page(flt.service_filter(), order, first, after)

    return read


def list_field(
    node: type[ModelType[M]],
    read: ReadPage[F, M],
    *,
    filter_input: type[F],
    order_input: type[OrderInput] | None = None,
    default_order: Ordering,
    **field: Any,
) -> Any:
    """A field listing ``node``s a page at a time, as ``read`` finds them for a filter
    (``filter_input()`` when the caller gives none) and an order (``default_order`` when
    the caller gives none); ``field`` are the keyword arguments of ``strawberry.field``."""

    async def ordered(
        info: strawberry.Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        filter: F | None = None,
        order_by: OrderInput | None = None,
    ) -> Connection[ModelType[M]]:
        order = ordering(order_by, default_order)
        flt = filter or filter_input()
        return connection(await read(info.context, flt, order, first, after), node.from_model)

    async def unordered(
        info: strawberry.Info[Context, None],
        first: int | None = None,
        after: str | None = None,
        filter: F | None = None,
    ) -> Connection[ModelType[M]]:
        return await ordered(info, first, after, filter)

    # Strawberry reads a field's arguments and type from its resolver's annotations: here
    # those of the list's own types rather than the type variables above.
    resolve = unordered if order_input is None else ordered
    resolve.__annotations__ = {
        "info": strawberry.Info[Context, None],
        "first": First,
        "after": After,
        "filter": Annotated[filter_input | None, FILTER],
        **({} if order_input is None else {"order_by": Annotated[order_input | None, ORDER_BY]}),
        "return": Connection[node],  # type: ignore[valid-type]
    }
    return strawberry.field(resolver=resolve, **field)
