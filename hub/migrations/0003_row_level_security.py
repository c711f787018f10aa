"""Row-Level Security on PostgreSQL: tenant-owned rows are visible only inside the tenant
subtree named by the transaction-local setting ``hub.tenant_path``.

Requests run as the role ``hub_app`` (``SET LOCAL ROLE``), which does not own the tables and
is not a superuser, so the policies hold for it even when the application's own filters are
missing. Administration (migrations, the CLI) runs as the owner, which they do not bind.
"""

from __future__ import annotations

from tortoise import migrations
from tortoise.migrations import operations as ops

from hub.migrations._row_security import on_postgres, protect, unprotect

APP_ROLE = "hub_app"
TENANT_OWNED = ("work_stream",)

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
FORWARD += protect(TENANT_OWNED)
BACKWARD = unprotect(TENANT_OWNED)


class Migration(migrations.Migration):
    dependencies = [("hub", "0002_policy_change_notify")]

    operations = [ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD))]
