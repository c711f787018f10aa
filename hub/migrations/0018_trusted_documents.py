from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.core.config import TrustedDocumentsMode
from tortoise import fields

from hub.migrations._tables import serial_id, foreign_key, insert_time, json_value, create_table
from hub.migrations._row_security import on_postgres, visible

# Global documents (no tenant) are readable in every tenant; a tenant's own documents only
# inside its subtree, as in 0003. Requests find documents with an exact tenant filter on
# top of this; only the CLI, as the table owner, writes global rows.
_SUBTREE = visible("trusted_document")
FORWARD = [
    "ALTER TABLE trusted_document ENABLE ROW LEVEL SECURITY",
    "CREATE POLICY tenant_subtree ON trusted_document "
    f"USING (trusted_document.tenant_id IS NULL OR {_SUBTREE}) WITH CHECK ({_SUBTREE})",
]
BACKWARD = [
    "DROP POLICY IF EXISTS tenant_subtree ON trusted_document",
    "ALTER TABLE trusted_document DISABLE ROW LEVEL SECURITY",
]


class Migration(migrations.Migration):
    dependencies = [('hub', '0017_proposal_languages')]

    initial = False

    operations = [
        create_table('TrustedDocument', 'trusted_document', [
            serial_id(),
            ('hash', fields.CharField(max_length=71)),
            ('text', fields.TextField(unique=False)),
            json_value('operation_names', list),
            ('source', fields.CharField(description='The file it was registered from.', max_length=255)),
            foreign_key('tenant', 'hub.Tenant', 'registered_documents', null=True),
            insert_time('registered_at'),
        ], indexes=[('hash', 'tenant_id')], description='A GraphQL document that may run when trusted documents are required.'),
        ops.AddField(
            model_name='Tenant',
            name='trusted_documents',
            field=fields.CharEnumField(null=True, description='OFF: off\nREQUIRED: required', enum_type=TrustedDocumentsMode, max_length=16),
        ),
        ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD)),
    ]
