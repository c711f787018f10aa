from tortoise import migrations
from hub.workplan.models import Horizon, MemberRole, PriorityStatus
from tortoise import fields

from hub.migrations._tables import foreign_key, classification, optional_time, text, json_value, tenant_table, record_times, translated_texts
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0010_statements')]

    initial = False

    operations = [
        tenant_table('Priority', 'work_plan_priority', 'priorities', [
            *translated_texts('summary'),
            ('horizon', fields.CharEnumField(description='IMMEDIATE: immediate\nSHORT_TO_MEDIUM: short_to_medium\nLONG_TERM: long_term', enum_type=Horizon, max_length=24)),
            ('status', fields.CharEnumField(default=PriorityStatus.PROPOSED, description='PROPOSED: proposed\nAGREED: agreed\nIN_PROGRESS: in_progress\nDONE: done\nDROPPED: dropped', enum_type=PriorityStatus, max_length=16)),
            json_value('themes', list),
            json_value('work_stream_ids', list),
            text('work_stream_keys'),
            classification(),
            *record_times(),
            optional_time('archived_at'),
        ], indexes=[('tenant_id', 'created_at'), ('tenant_id', 'title_index')], description='A priority of the work plan, linked to the work streams that carry it.'),
        tenant_table('WorkStreamMembership', 'work_stream_membership', 'work_stream_memberships', [
            foreign_key('work_stream', 'hub.WorkStream', 'memberships'),
            foreign_key('organisation', 'hub.Organisation', 'work_stream_memberships'),
            ('role', fields.CharEnumField(default=MemberRole.MEMBER, description='LEAD: lead\nMEMBER: member\nOBSERVER: observer', enum_type=MemberRole, max_length=16)),
            ('since', fields.DateField()),
            ('until', fields.DateField(null=True)),
            classification(),
        ], indexes=[('work_stream_id', 'since'), ('organisation_id', 'since')], description='An organisation taking part in a work stream, from one day to another. Ending it'),
        row_level_security('work_plan_priority', 'work_stream_membership'),
    ]
