"""Permissions declared on GraphQL fields, decided by Casbin.

Example::

    @strawberry.field(**guarded(Resource.WORK_STREAM, Action.READ, "Work streams."))
    async def work_streams(self, info: Info) -> ...: ...
"""

from __future__ import annotations

from typing import Any

import strawberry
from strawberry.permission import BasePermission, PermissionExtension

from hub.access.resources import RECORD_WRITES, Action, Resource
from hub.core.errors import ErrorCode
from hub.tenancy.ownership import require_owned


class Can(BasePermission):
    """Allows the field when the caller may take ``action`` on ``resource`` in the tenant.

    Holding the permission at any classification is enough here: rows and classifications
    are narrowed further by the service, in SQL.
    """

    error_extensions = {"code": str(ErrorCode.FORBIDDEN)}

    def __init__(self, resource: Resource, action: Action) -> None:
        self.resource = resource
        self.action = action
        self.message = f"You may not {action} {resource} in this tenant."

    def has_permission(self, source: Any, info: strawberry.Info[Any, Any], **kwargs: Any) -> bool:
        context = info.context
        if self.action in RECORD_WRITES:
            # What a mutation creates lives in the request's tenant: only its owner writes.
            require_owned(context.tenant, context.settings.federation_name)
        return self.allows(context)

    def allows(self, context: Any) -> bool:
        """The decision for the request of ``context``: a compiled read (hub.compiled)
        asks it without a resolver's ``info``."""
        return bool(context.decisions.allows_any(self.resource, self.action))


def rule_text(resource: Resource, action: Action) -> str:
    return f"Requires permission `{action}` on `{resource}`."


def guarded(resource: Resource, action: Action, description: str) -> dict[str, Any]:
    """Keyword arguments for ``strawberry.field``/``mutation`` that declare a permission.

    The rule is appended to the description so front-end teams read it in the schema.
    """
    return {
        "description": f"{description} {rule_text(resource, action)}",
        "extensions": [
            PermissionExtension(permissions=[Can(resource, action)], use_directives=False)
        ],
    }
