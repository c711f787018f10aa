"""Knowledge platform queries."""

from __future__ import annotations

import strawberry

from hub.access.permissions import guarded
from hub.access.resources import Action, Resource
from hub.graphql.list_fields import list_field, service_pages
from hub.knowledge.service import KnowledgeService
from hub.knowledge.types import KNOWLEDGE_RESOURCES


@strawberry.type
class KnowledgeQuery:
    knowledge_resources = list_field(
        KNOWLEDGE_RESOURCES,
        service_pages(KnowledgeService),
        **guarded(
            Resource.KNOWLEDGE_RESOURCE,
            Action.READ,
            "Knowledge resources of this tenant and the tenants below it that you may see, "
            "latest published first unless ordered otherwise; archived ones only when asked "
            "for.",
        ),
    )
