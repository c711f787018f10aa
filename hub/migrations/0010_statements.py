from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.advocacy.models import StatementStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0009_consultations')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Statement',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='statements', on_delete=OnDelete.RESTRICT)),
                ('title', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('title_index', fields.CharField(max_length=300)),
                ('body', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('search_text', fields.TextField(default='', unique=False)),
                ('note_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('status', fields.CharEnumField(default=StatementStatus.DRAFT, description='DRAFT: draft\nIN_REVIEW: in_review\nAPPROVED: approved\nPUBLISHED: published', enum_type=StatementStatus, max_length=16)),
                ('published_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'statement', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at']), Index(fields=['tenant_id', 'title_index'])], 'pk_attr': 'id', 'table_description': 'A statement of the network, often prompted by advocacy notes.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StatementTransition',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='statement_transitions', on_delete=OnDelete.RESTRICT)),
                ('statement', fields.ForeignKeyField('hub.Statement', source_field='statement_id', db_constraint=True, to_field='id', related_name='transitions', on_delete=OnDelete.RESTRICT)),
                ('from_status', fields.CharEnumField(null=True, description='DRAFT: draft\nIN_REVIEW: in_review\nAPPROVED: approved\nPUBLISHED: published', enum_type=StatementStatus, max_length=16)),
                ('to_status', fields.CharEnumField(description='DRAFT: draft\nIN_REVIEW: in_review\nAPPROVED: approved\nPUBLISHED: published', enum_type=StatementStatus, max_length=16)),
                ('actor', fields.CharField(max_length=254)),
                ('note', fields.TextField(default='', unique=False)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'statement_transition', 'app': 'hub', 'indexes': [Index(fields=['statement_id', 'at'])], 'pk_attr': 'id', 'table_description': 'One step of a statement towards publication: who, when, from where to where.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='AdvocacyNote',
            name='archived_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        row_level_security('statement', 'statement_transition'),
    ]
