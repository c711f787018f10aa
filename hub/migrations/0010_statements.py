from tortoise import migrations
from hub.advocacy.models import StatementStatus
from tortoise import fields

from hub.migrations._tables import serial_id, tenant, foreign_key, classification, optional_time, json_value, transition_steps, add_archived_at, create_table, tenant_table, record_times, translated_texts
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0009_consultations')]

    initial = False

    operations = [
        tenant_table('Statement', 'statement', 'statements', [
            *translated_texts('body'),
            json_value('note_ids', list),
            ('status', fields.CharEnumField(default=StatementStatus.DRAFT, description='DRAFT: draft\nIN_REVIEW: in_review\nAPPROVED: approved\nPUBLISHED: published', enum_type=StatementStatus, max_length=16)),
            optional_time('published_at'),
            classification(),
            *record_times(),
            optional_time('archived_at'),
        ], indexes=[('tenant_id', 'created_at'), ('tenant_id', 'title_index')], description='A statement of the network, often prompted by advocacy notes.'),
        create_table('StatementTransition', 'statement_transition', [
            serial_id(),
            tenant('statement_transitions'),
            foreign_key('statement', 'hub.Statement', 'transitions'),
            *transition_steps(StatementStatus, 'DRAFT: draft\nIN_REVIEW: in_review\nAPPROVED: approved\nPUBLISHED: published'),
        ], indexes=[('statement_id', 'at')], description='One step of a statement towards publication: who, when, from where to where.'),
        add_archived_at('AdvocacyNote'),
        row_level_security('statement', 'statement_transition'),
    ]
