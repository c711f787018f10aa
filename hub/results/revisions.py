"""Reading the revisions that cached results and lookups depend on."""

from __future__ import annotations

from tortoise import Tortoise

from hub.results.models import GLOBAL_SCOPE

# A tenant reads its own rows, its descendants' and, for what is shared down the tree, its
# ancestors': a write to any of them, or to a global table, changes the sum. LIKE's `_`
# matches any character, which can only add scopes: more invalidation, never less.
_RELATED = (
    "SELECT COALESCE(SUM(revision), 0) FROM revision WHERE scope = '{global_scope}' "
    "OR scope IN (SELECT CAST(id AS TEXT) FROM tenant "
    "WHERE path = {p} OR path LIKE {p} || '/%' OR {p} LIKE path || '/%')"
)
_GLOBAL = "SELECT COALESCE(SUM(revision), 0) FROM revision WHERE scope = {p}"
_PARAMETER = {"postgres": "$1", "sqlite": "?1"}


async def _read(statement: str, parameter: str) -> int:
    connection = Tortoise.get_connection("default")
    sql = statement.format(global_scope=GLOBAL_SCOPE, p=_PARAMETER[connection.capabilities.dialect])
    _, rows = await connection.execute_query(sql, [parameter])
    return int(next(iter(dict(rows[0]).values())))


async def revision_for(tenant_path: str) -> int:
    """The count of writes that could change what a caller in ``tenant_path`` reads."""
    return await _read(_RELATED, tenant_path)


async def revision_of_global_tables() -> int:
    """The count of writes to the tables without a tenant (users, tenants)."""
    return await _read(_GLOBAL, GLOBAL_SCOPE)
