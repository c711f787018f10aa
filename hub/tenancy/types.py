"""GraphQL types for tenants."""

from __future__ import annotations

import strawberry

from hub.graphql.enums import described_enum
from hub.graphql.model_types import ModelMap, ModelType, column
from hub.tenancy.models import Tenant as TenantModel
from hub.tenancy.models import TenantLevel

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


@strawberry.type(description="A team of the network: global, regional, national or local.")
class Tenant(ModelType[TenantModel]):
    slug: str = strawberry.field(description="Short name, used in the X-Hub-Tenant header.")
    name: str = strawberry.field(description="Display name.")
    path: str = strawberry.field(description="Place in the tree, e.g. /global/asia-pacific.")
    level: TenantLevel = strawberry.field(description="Tier in the network.")
    default_language: str = strawberry.field(description="Language used when none is asked.")
    languages: list[str] = strawberry.field(description="UN languages the tenant works in.")

    model_map = ModelMap(
        TenantModel,
        "slug",
        "name",
        "path",
        "level",
        "default_language",
        languages=column("languages", convert=list),
    )
