from tortoise import migrations
from hub.core.classification import Classification
from hub.knowledge.models import KnowledgeKind
from tortoise import fields

from hub.migrations._tables import foreign_key, classification, optional_time, json_value, tenant_table, record_times, translated_texts
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0013_initiatives')]

    initial = False

    operations = [
        tenant_table('KnowledgeResource', 'knowledge_resource', 'knowledge_resources', [
            foreign_key('shared_by', 'hub.Organisation', 'knowledge_resources', null=True),
            *translated_texts('description'),
            ('kind', fields.CharEnumField(description='DOCUMENT: document\nLINK: link\nDATASET: dataset\nVIDEO: video\nTRAINING: training', enum_type=KnowledgeKind, max_length=16)),
            ('url', fields.CharField(max_length=2000)),
            json_value('languages', list),
            ('language_codes', fields.CharField(default='', max_length=32)),
            json_value('themes', list),
            ('published_on', fields.DateField(null=True)),
            ('published_order', fields.DateField()),
            classification(Classification.PUBLIC),
            *record_times(),
            optional_time('archived_at'),
        ], indexes=[('tenant_id', 'title_index'), ('tenant_id', 'published_order'), ('tenant_id', 'created_at'), ('shared_by_id', 'created_at')], description='A document or link shared with the network, tagged by theme and language.'),
        row_level_security('knowledge_resource'),
    ]
