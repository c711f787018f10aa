from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.initiatives.models import InitiativeKind, InitiativeStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0012_stakeholder_history')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Initiative',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='initiatives', on_delete=OnDelete.RESTRICT)),
                ('organisation', fields.ForeignKeyField('hub.Organisation', source_field='organisation_id', null=True, db_constraint=True, to_field='id', related_name='initiatives', on_delete=OnDelete.RESTRICT)),
                ('title', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('title_index', fields.CharField(max_length=300)),
                ('summary', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('search_text', fields.TextField(default='', unique=False)),
                ('kind', fields.CharEnumField(description='ACTION: action\nEVENT: event', enum_type=InitiativeKind, max_length=8)),
                ('status', fields.CharEnumField(default=InitiativeStatus.PLANNED, description='PLANNED: planned\nONGOING: ongoing\nCOMPLETED: completed\nDISCONTINUED: discontinued', enum_type=InitiativeStatus, max_length=16)),
                ('country', fields.CharField(default='', max_length=2)),
                ('themes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField(null=True)),
                ('event_on', fields.DateField(null=True)),
                ('venue', fields.CharField(default='', max_length=300)),
                ('online', fields.BooleanField(default=False)),
                ('advance_notice_on', fields.DateField(null=True)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'initiative', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'starts_on']), Index(fields=['tenant_id', 'title_index']), Index(fields=['tenant_id', 'created_at']), Index(fields=['organisation_id', 'starts_on'])], 'pk_attr': 'id', 'table_description': 'An action or event that an organisation, or the network itself, reports.'},
            bases=['Model'],
        ),
        row_level_security('initiative'),
    ]
