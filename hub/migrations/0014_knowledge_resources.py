from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.knowledge.models import KnowledgeKind
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0013_initiatives')]

    initial = False

    operations = [
        ops.CreateModel(
            name='KnowledgeResource',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='knowledge_resources', on_delete=OnDelete.RESTRICT)),
                ('shared_by', fields.ForeignKeyField('hub.Organisation', source_field='shared_by_id', null=True, db_constraint=True, to_field='id', related_name='knowledge_resources', on_delete=OnDelete.RESTRICT)),
                ('title', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('title_index', fields.CharField(max_length=300)),
                ('description', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('search_text', fields.TextField(default='', unique=False)),
                ('kind', fields.CharEnumField(description='DOCUMENT: document\nLINK: link\nDATASET: dataset\nVIDEO: video\nTRAINING: training', enum_type=KnowledgeKind, max_length=16)),
                ('url', fields.CharField(max_length=2000)),
                ('languages', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('language_codes', fields.CharField(default='', max_length=32)),
                ('themes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('published_on', fields.DateField(null=True)),
                ('published_order', fields.DateField()),
                ('classification', fields.CharEnumField(default=Classification.PUBLIC, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'knowledge_resource', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'title_index']), Index(fields=['tenant_id', 'published_order']), Index(fields=['tenant_id', 'created_at']), Index(fields=['shared_by_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A document or link shared with the network, tagged by theme and language.'},
            bases=['Model'],
        ),
        row_level_security('knowledge_resource'),
    ]
