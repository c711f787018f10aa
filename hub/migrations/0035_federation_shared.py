from tortoise import migrations
from tortoise.migrations import operations as ops

from hub.migrations._federation import TABLES, identity, index
from hub.migrations._row_security import on_postgres, protect, unprotect

# What travels is the policy's decision per table, tenant and classification: the hub keeps
# it in federation_travel and marks each row it shares with its own name, so that a change
# of policy is a change of rows, which PostgreSQL sends to the other hubs as copies
# arriving or leaving. A copy arrives marked with its owner's name, which keeps it from
# being published back. The mark joins each replica identity: the row filter names it.
FORWARD = [
    "CREATE TABLE IF NOT EXISTS federation_travel ("
    "table_name text NOT NULL, tenant_id uuid NOT NULL, classification text NOT NULL, "
    "PRIMARY KEY (table_name, tenant_id, classification))",
    # Requests read it (the flag's trigger runs as them); only the hub's administration
    # decides what travels.
    "REVOKE INSERT, UPDATE, DELETE ON federation_travel FROM hub_app",
    *protect(["federation_travel"]),
] + [
    statement
    for table in TABLES
    for statement in (
        f"ALTER TABLE {table} ADD COLUMN shared_by text NOT NULL DEFAULT ''",
        f"CREATE UNIQUE INDEX {index(table)}_by ON {table} ({identity(table, 'shared_by')})",
        f"ALTER TABLE {table} REPLICA IDENTITY USING INDEX {index(table)}_by",
        f"DROP INDEX {index(table)}",
    )
]
BACKWARD = [
    statement
    for table in TABLES
    for statement in (
        f"CREATE UNIQUE INDEX {index(table)} ON {table} ({identity(table)})",
        f"ALTER TABLE {table} REPLICA IDENTITY USING INDEX {index(table)}",
        f"ALTER TABLE {table} DROP COLUMN shared_by",
    )
] + [*unprotect(["federation_travel"]), "DROP TABLE IF EXISTS federation_travel"]


class Migration(migrations.Migration):
    dependencies = [('hub', '0034_federation_identity')]

    initial = False

    operations = [ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD))]
