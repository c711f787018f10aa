from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.core.classification import Classification
from hub.knowledge.models import KnowledgeKind
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, tenant, foreign_key, classification, insert_time, update_time, optional_time, text, json_value
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0013_initiatives')]

    initial = False

    operations = [
        ops.CreateModel(
            name='KnowledgeResource',
            fields=[
                uuid_id(),
                tenant('knowledge_resources'),
                foreign_key('shared_by', 'hub.Organisation', 'knowledge_resources', null=True),
                json_value('title', dict),
                ('title_index', fields.CharField(max_length=300)),
                json_value('description', dict),
                text('search_text'),
                ('kind', fields.CharEnumField(description='DOCUMENT: document\nLINK: link\nDATASET: dataset\nVIDEO: video\nTRAINING: training', enum_type=KnowledgeKind, max_length=16)),
                ('url', fields.CharField(max_length=2000)),
                json_value('languages', list),
                ('language_codes', fields.CharField(default='', max_length=32)),
                json_value('themes', list),
                ('published_on', fields.DateField(null=True)),
                ('published_order', fields.DateField()),
                classification(Classification.PUBLIC),
                insert_time('created_at'),
                update_time(),
                optional_time('archived_at'),
            ],
            options={'table': 'knowledge_resource', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'title_index']), Index(fields=['tenant_id', 'published_order']), Index(fields=['tenant_id', 'created_at']), Index(fields=['shared_by_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A document or link shared with the network, tagged by theme and language.'},
            bases=['Model'],
        ),
        row_level_security('knowledge_resource'),
    ]
