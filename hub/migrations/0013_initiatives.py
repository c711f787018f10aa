from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.initiatives.models import InitiativeKind, InitiativeStatus
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, tenant, foreign_key, classification, insert_time, update_time, optional_time, text, json_value
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0012_stakeholder_history')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Initiative',
            fields=[
                uuid_id(),
                tenant('initiatives'),
                foreign_key('organisation', 'hub.Organisation', 'initiatives', null=True),
                json_value('title', dict),
                ('title_index', fields.CharField(max_length=300)),
                json_value('summary', dict),
                text('search_text'),
                ('kind', fields.CharEnumField(description='ACTION: action\nEVENT: event', enum_type=InitiativeKind, max_length=8)),
                ('status', fields.CharEnumField(default=InitiativeStatus.PLANNED, description='PLANNED: planned\nONGOING: ongoing\nCOMPLETED: completed\nDISCONTINUED: discontinued', enum_type=InitiativeStatus, max_length=16)),
                ('country', fields.CharField(default='', max_length=2)),
                json_value('themes', list),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField(null=True)),
                ('event_on', fields.DateField(null=True)),
                ('venue', fields.CharField(default='', max_length=300)),
                ('online', fields.BooleanField(default=False)),
                ('advance_notice_on', fields.DateField(null=True)),
                classification(),
                insert_time('created_at'),
                update_time(),
                optional_time('archived_at'),
            ],
            options={'table': 'initiative', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'starts_on']), Index(fields=['tenant_id', 'title_index']), Index(fields=['tenant_id', 'created_at']), Index(fields=['organisation_id', 'starts_on'])], 'pk_attr': 'id', 'table_description': 'An action or event that an organisation, or the network itself, reports.'},
            bases=['Model'],
        ),
        row_level_security('initiative'),
    ]
