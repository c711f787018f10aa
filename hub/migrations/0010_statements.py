from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.advocacy.models import StatementStatus
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, serial_id, tenant, foreign_key, classification, insert_time, update_time, optional_time, text, json_value, transition_steps, add_archived_at
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0009_consultations')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Statement',
            fields=[
                uuid_id(),
                tenant('statements'),
                json_value('title', dict),
                ('title_index', fields.CharField(max_length=300)),
                json_value('body', dict),
                text('search_text'),
                json_value('note_ids', list),
                ('status', fields.CharEnumField(default=StatementStatus.DRAFT, description='DRAFT: draft\nIN_REVIEW: in_review\nAPPROVED: approved\nPUBLISHED: published', enum_type=StatementStatus, max_length=16)),
                optional_time('published_at'),
                classification(),
                insert_time('created_at'),
                update_time(),
                optional_time('archived_at'),
            ],
            options={'table': 'statement', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at']), Index(fields=['tenant_id', 'title_index'])], 'pk_attr': 'id', 'table_description': 'A statement of the network, often prompted by advocacy notes.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='StatementTransition',
            fields=[
                serial_id(),
                tenant('statement_transitions'),
                foreign_key('statement', 'hub.Statement', 'transitions'),
                *transition_steps(StatementStatus, 'DRAFT: draft\nIN_REVIEW: in_review\nAPPROVED: approved\nPUBLISHED: published'),
            ],
            options={'table': 'statement_transition', 'app': 'hub', 'indexes': [Index(fields=['statement_id', 'at'])], 'pk_attr': 'id', 'table_description': 'One step of a statement towards publication: who, when, from where to where.'},
            bases=['Model'],
        ),
        add_archived_at('AdvocacyNote'),
        row_level_security('statement', 'statement_transition'),
    ]
