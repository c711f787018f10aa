from tortoise import migrations
from tortoise.migrations import operations as ops

from hub.migrations._federation import TABLES, WITHHELD, identity, index
from hub.migrations._row_security import on_postgres

# Federation (docs/federation.md): a publication's row filter may name only columns of the
# replica identity, and REPLICA IDENTITY FULL would forbid the column lists that keep
# contact details and note bodies at home. Each shared table is identified by a unique
# index over the columns its filter names; the columns that never travel get a default,
# which the copies hold instead. The tenant table is identified with its owning hub.
FORWARD = [
    statement
    for table in TABLES
    for statement in (
        f"CREATE UNIQUE INDEX {index(table)} ON {table} ({identity(table)})",
        f"ALTER TABLE {table} REPLICA IDENTITY USING INDEX {index(table)}",
        *(f"ALTER TABLE {table} ALTER COLUMN {c} SET DEFAULT ''" for c in WITHHELD.get(table, ())),
    )
] + [
    "CREATE UNIQUE INDEX tenant_federation_identity ON tenant (id, hub)",
    "ALTER TABLE tenant REPLICA IDENTITY USING INDEX tenant_federation_identity",
]
BACKWARD = [
    "ALTER TABLE tenant REPLICA IDENTITY DEFAULT",
    "DROP INDEX IF EXISTS tenant_federation_identity",
] + [
    statement
    for table in TABLES
    for statement in (
        f"ALTER TABLE {table} REPLICA IDENTITY DEFAULT",
        f"DROP INDEX IF EXISTS {index(table)}",
        *(f"ALTER TABLE {table} ALTER COLUMN {c} DROP DEFAULT" for c in WITHHELD.get(table, ())),
    )
]


class Migration(migrations.Migration):
    dependencies = [('hub', '0033_tenant_hub')]

    initial = False

    operations = [ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD))]
