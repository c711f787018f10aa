"""Reading the revision that a tenant's cached results depend on."""

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
_SQL = {
    "postgres": _RELATED.format(global_scope=GLOBAL_SCOPE, p="$1"),
    "sqlite": _RELATED.format(global_scope=GLOBAL_SCOPE, p="?1"),
}


async def revision_for(tenant_path: str) -> int:
    """The count of writes that could change what a caller in ``tenant_path`` reads."""
    connection = Tortoise.get_connection("default")
    sql = _SQL[connection.capabilities.dialect]
    _, rows = await connection.execute_query(sql, [tenant_path])
    return int(next(iter(dict(rows[0]).values())))
