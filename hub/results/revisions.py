"""Reading the revisions that cached results and lookups depend on."""

from __future__ import annotations

from tortoise import Tortoise

from hub.results.models import GLOBAL_SCOPE

# A tenant reads its own rows, its descendants' and, for what is shared down the tree, its
# ancestors': a write to any of them, or to a global table, changes the sum. LIKE's `_`
# matches any character, which can only add scopes: more invalidation, never less.
# With it, the revision of the whole network, which records reaching the tenant from
# across the tree depend on.
_RELATED = (
    "SELECT COALESCE(SUM(CASE WHEN scope = '{global_scope}' "
    "OR scope IN (SELECT CAST(id AS TEXT) FROM tenant "
    "WHERE path = {p} OR path LIKE {p} || '/%' OR {p} LIKE path || '/%') "
    "THEN revision ELSE 0 END), 0) AS related_revision, "
    "COALESCE(SUM(revision), 0) AS network_revision FROM revision"
)
_GLOBAL = "SELECT COALESCE(SUM(revision), 0) FROM revision WHERE scope = {p}"
# All three at once for the tenant a request names by its slug: the global revision, the
# revision of what a caller in that tenant reads (``_RELATED``, found by the tenant's path)
# and that of the whole network, which records reaching it from across the tree depend on.
_ALL_BY_SLUG = (
    "SELECT COALESCE(SUM(CASE WHEN scope = '{global_scope}' THEN revision ELSE 0 END), 0) "
    "AS global_revision, "
    "COALESCE(SUM(CASE WHEN scope = '{global_scope}' "
    "OR scope IN (SELECT CAST(t.id AS TEXT) FROM tenant t JOIN tenant named "
    "ON named.slug = {p} WHERE t.path = named.path OR t.path LIKE named.path || '/%' "
    "OR named.path LIKE t.path || '/%') THEN revision ELSE 0 END), 0) AS related_revision, "
    "COALESCE(SUM(revision), 0) AS network_revision FROM revision"
)
_PARAMETER = {"postgres": "$1", "sqlite": "?1"}


async def _read_row(statement: str, parameter: str) -> list[int]:
    # Columns in order, each named apart: a row reads as a mapping of its column names.
    connection = Tortoise.get_connection("default")
    sql = statement.format(global_scope=GLOBAL_SCOPE, p=_PARAMETER[connection.capabilities.dialect])
    _, rows = await connection.execute_query(sql, [parameter])
    return [int(value) for value in dict(rows[0]).values()]


async def _read(statement: str, parameter: str) -> int:
    return (await _read_row(statement, parameter))[0]


async def revisions_for(tenant_path: str) -> tuple[int, int]:
    """The count of writes that could change what a caller in ``tenant_path`` reads of
    its branch of the tree, and the count of writes anywhere in the network."""
    related, network = await _read_row(_RELATED, tenant_path)
    return related, network


async def revision_of_global_tables() -> int:
    """The count of writes to the tables without a tenant (users, tenants)."""
    return await _read(_GLOBAL, GLOBAL_SCOPE)


async def revisions_by_slug(tenant_slug: str) -> tuple[int, int, int]:
    """``revision_of_global_tables()`` and ``revisions_for`` the path of the tenant named
    ``tenant_slug``, in one statement. For a slug that names
    no tenant the second is the global revision alone."""
    global_revision, related, network = await _read_row(_ALL_BY_SLUG, tenant_slug)
    return global_revision, related, network
