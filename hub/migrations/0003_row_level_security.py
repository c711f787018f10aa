"""Row-Level Security on PostgreSQL: tenant-owned rows are visible only inside the tenant
subtree named by the transaction-local setting ``hub.tenant_path``.

Requests run as the role ``hub_app`` (``SET LOCAL ROLE``), which does not own the tables and
is not a superuser, so the policies hold for it even when the application's own filters are
missing. Administration (migrations, the CLI) runs as the owner, which they do not bind.
"""

from __future__ import annotations

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

APP_ROLE = "hub_app"
TENANT_OWNED = ("work_stream",)

# Once set in a session, the setting reads '' (not NULL) after its transaction ends:
# NULLIF makes "no tenant" match no row rather than every row.
_VISIBLE = """EXISTS (
    SELECT 1 FROM tenant t
    WHERE t.id = {table}.tenant_id
      AND (t.path = NULLIF(current_setting('hub.tenant_path', true), '')
           OR t.path LIKE NULLIF(current_setting('hub.tenant_path', true), '') || '/%')
)"""

FORWARD = [
    f"""DO $$ BEGIN
        IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{APP_ROLE}') THEN
            CREATE ROLE {APP_ROLE} NOLOGIN;
        END IF;
    END $$""",
    f"GRANT {APP_ROLE} TO CURRENT_USER",
    f"GRANT USAGE ON SCHEMA public TO {APP_ROLE}",
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {APP_ROLE}",
    f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {APP_ROLE}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public "
    f"GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {APP_ROLE}",
    f"ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO {APP_ROLE}",
]
for _table in TENANT_OWNED:
    _check = _VISIBLE.format(table=_table)
    FORWARD += [
        f"ALTER TABLE {_table} ENABLE ROW LEVEL SECURITY",
        f"CREATE POLICY tenant_subtree ON {_table} USING ({_check}) WITH CHECK ({_check})",
    ]

BACKWARD = [
    stmt
    for _table in TENANT_OWNED
    for stmt in (
        f"DROP POLICY IF EXISTS tenant_subtree ON {_table}",
        f"ALTER TABLE {_table} DISABLE ROW LEVEL SECURITY",
    )
]


def _on_postgres(statements: list[str]) -> Any:
    async def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.DIALECT == "postgres":
            for statement in statements:
                await schema_editor.client.execute_script(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("hub", "0002_policy_change_notify")]

    operations = [ops.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
