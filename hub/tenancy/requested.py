"""How a request names the tenant it acts in: ``/t/<slug>/graphql`` or ``X-Hub-Tenant``."""

from __future__ import annotations

from starlette.datastructures import Headers
from starlette.types import Scope

TENANT_HEADER = "x-hub-tenant"


def tenant_in_path(scope: Scope) -> str | None:
    return scope.get("path_params", {}).get("tenant") or None


def tenant_in_header(scope: Scope) -> str | None:
    return Headers(scope=scope).get(TENANT_HEADER) or None
