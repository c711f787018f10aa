from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

from hub.migrations._tables import serial_id, create_table
from hub.migrations._row_security import on_postgres

# On PostgreSQL the log is append-only for everyone: a trigger refuses changes, and the
# request role may only insert and read. The hash chain still reveals any edit made by
# someone who first disables the trigger.
PROTECT = [
    """CREATE OR REPLACE FUNCTION hub_audit_append_only() RETURNS trigger AS $$
    BEGIN
        RAISE EXCEPTION 'the audit log is append-only';
    END
    $$ LANGUAGE plpgsql""",
    """CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
        FOR EACH STATEMENT EXECUTE FUNCTION hub_audit_append_only()""",
    "REVOKE UPDATE, DELETE, TRUNCATE ON audit_log FROM hub_app",
]
UNPROTECT = [
    "DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log",
    "DROP FUNCTION IF EXISTS hub_audit_append_only()",
]


class Migration(migrations.Migration):
    dependencies = [('hub', '0003_row_level_security')]

    initial = False

    operations = [
        create_table('AuditEntry', 'audit_log', [
            serial_id(),
            ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ('actor', fields.CharField(max_length=254)),
            ('tenant_path', fields.CharField(default='', max_length=500)),
            ('action', fields.CharField(max_length=64)),
            ('object', fields.TextField()),
            ('decision', fields.CharField(max_length=16)),
            ('request_id', fields.CharField(default='', max_length=64)),
            ('prev_hash', fields.CharField(max_length=64)),
            ('hash', fields.CharField(unique=True, max_length=64)),
        ], indexes=[('tenant_path', 'at')], description='One line of the append-only, hash-chained audit log.'),
        ops.RunPython(on_postgres(PROTECT), on_postgres(UNPROTECT)),
    ]
