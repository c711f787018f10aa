"""How a request names the tenant it acts in (``/t/<slug>/graphql`` or ``X-Hub-Tenant``), and
what a tenant's slug may be: checked when a tenant is made, and before a slug that a request
names is looked up (a malformed one names no tenant, and PostgreSQL refuses some bytes, NUL
among them, in any text it is sent)."""

from __future__ import annotations

import re

from starlette.datastructures import Headers
from starlette.types import Scope

TENANT_HEADER = "x-hub-tenant"
SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def tenant_in_path(scope: Scope) -> str | None:
    return scope.get("path_params", {}).get("tenant") or None


def tenant_in_header(scope: Scope) -> str | None:
    return Headers(scope=scope).get(TENANT_HEADER) or None


def is_slug(value: str) -> bool:
    return SLUG.fullmatch(value) is not None
