"""GraphQL types for tenants."""

from __future__ import annotations

from typing import Any

import strawberry

from hub.core.classification import Classification
from hub.core.context import Context
from hub.graphql.enums import described_enum
from hub.graphql.model_types import FieldGroup, ModelMap, ModelType, column
from hub.tenancy.models import Language, TenantLevel
from hub.tenancy.models import Tenant as TenantModel
from hub.tenancy.ownership import owner_of
from hub.tenancy.service import tenant_by_id

described_enum(
    TenantLevel,
    "Tier of a tenant.",
    {
        TenantLevel.GLOBAL: "The network as a whole: the root of the tree.",
        TenantLevel.REGIONAL: "A regional office, under the global tenant.",
        TenantLevel.NATIONAL: "A national team, under a region.",
        TenantLevel.LOCAL: "A local team, under a national one.",
    },
)


def _languages(codes: list[str]) -> list[Language]:
    return [Language(code) for code in codes]


@strawberry.type(description="A team of the network: global, regional, national or local.")
class Tenant(ModelType[TenantModel]):
    slug: str = strawberry.field(description="Short name, used in the X-Hub-Tenant header.")
    name: str = strawberry.field(description="Display name.")
    path: str = strawberry.field(description="Place in the tree, e.g. /global/asia-pacific.")
    level: TenantLevel = strawberry.field(description="Tier in the network.")
    default_language: str = strawberry.field(
        description="Language used when none is asked, as a code (`en`).",
        deprecation_reason="Use `primaryLanguage`: a Language, as every language field.",
    )
    languages: list[str] = strawberry.field(
        description="UN languages the tenant works in, as codes.",
        deprecation_reason="Use `workingLanguages`: Languages, as every language field.",
    )
    primary_language: Language = strawberry.field(description="Language used when none is asked.")
    working_languages: list[Language] = strawberry.field(
        description="UN languages the tenant works in."
    )

    model_map = ModelMap(
        TenantModel,
        languages=column("languages", convert=list),
        primary_language=column("default_language", convert=Language),
        working_languages=column("languages", convert=_languages),
    )


LIVES_IN = (
    "The tenant the record lives in; one above or beside the request's when it reached the "
    "caller from there (see `scope` on lists)."
)


def lives_in() -> Any:
    """The field ``tenant`` of a type whose ``row`` belongs to a tenant."""

    async def resolve(self: Any) -> Tenant:
        tenant = await tenant_by_id(self.row.tenant_id)
        if tenant is None:  # a foreign key holds it: only a tenant deleted meanwhile
            raise LookupError(f"no tenant has the id {self.row.tenant_id}")
        return Tenant.from_model(tenant)

    return strawberry.field(resolver=resolve, description=LIVES_IN)


@strawberry.type(
    description="Where a record comes from: the hub that owns its tenant, where it is "
    "written, and the tenant. Elsewhere it is a read-only copy."
)
class Origin:
    hub: str = strawberry.field(description="The hub that owns the record and writes it.")
    tenant: Tenant = strawberry.field(description="The tenant it lives in.")


def comes_from() -> Any:
    """The field ``origin`` of a type whose ``row`` belongs to a tenant."""

    async def resolve(self: Any, info: strawberry.Info[Context, None]) -> Origin:
        tenant = await tenant_by_id(self.row.tenant_id)
        if tenant is None:  # a foreign key holds it: only a tenant deleted meanwhile
            raise LookupError(f"no tenant has the id {self.row.tenant_id}")
        hub = owner_of(tenant, info.context.settings.federation_name)
        return Origin(hub=hub, tenant=Tenant.from_model(tenant))

    return strawberry.field(
        resolver=resolve,
        description="Where it comes from: the hub that owns and writes it, and its tenant.",
    )


@strawberry.type
class TenantRecord(FieldGroup):
    """What every record of a tenant shows: the tenant it lives in, where it comes from and
    how sensitive it is."""

    tenant = lives_in()
    origin = comes_from()
    classification: Classification = strawberry.field(description="Sensitivity.")
