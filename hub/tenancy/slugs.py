"""What a tenant's slug may be: checked when a tenant is made, and before a slug that a
request names is looked up (a malformed one names no tenant, and PostgreSQL refuses some
bytes, NUL among them, in any text it is sent)."""

from __future__ import annotations

import re

SLUG = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")


def is_slug(value: str) -> bool:
    return SLUG.fullmatch(value) is not None
