from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.workplan.models import Horizon, MemberRole, PriorityStatus
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, tenant, foreign_key, classification, insert_time, update_time, optional_time, text, json_value
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0010_statements')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Priority',
            fields=[
                uuid_id(),
                tenant('priorities'),
                json_value('title', dict),
                ('title_index', fields.CharField(max_length=300)),
                json_value('summary', dict),
                text('search_text'),
                ('horizon', fields.CharEnumField(description='IMMEDIATE: immediate\nSHORT_TO_MEDIUM: short_to_medium\nLONG_TERM: long_term', enum_type=Horizon, max_length=24)),
                ('status', fields.CharEnumField(default=PriorityStatus.PROPOSED, description='PROPOSED: proposed\nAGREED: agreed\nIN_PROGRESS: in_progress\nDONE: done\nDROPPED: dropped', enum_type=PriorityStatus, max_length=16)),
                json_value('themes', list),
                json_value('work_stream_ids', list),
                text('work_stream_keys'),
                classification(),
                insert_time('created_at'),
                update_time(),
                optional_time('archived_at'),
            ],
            options={'table': 'work_plan_priority', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at']), Index(fields=['tenant_id', 'title_index'])], 'pk_attr': 'id', 'table_description': 'A priority of the work plan, linked to the work streams that carry it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkStreamMembership',
            fields=[
                uuid_id(),
                tenant('work_stream_memberships'),
                foreign_key('work_stream', 'hub.WorkStream', 'memberships'),
                foreign_key('organisation', 'hub.Organisation', 'work_stream_memberships'),
                ('role', fields.CharEnumField(default=MemberRole.MEMBER, description='LEAD: lead\nMEMBER: member\nOBSERVER: observer', enum_type=MemberRole, max_length=16)),
                ('since', fields.DateField()),
                ('until', fields.DateField(null=True)),
                classification(),
            ],
            options={'table': 'work_stream_membership', 'app': 'hub', 'indexes': [Index(fields=['work_stream_id', 'since']), Index(fields=['organisation_id', 'since'])], 'pk_attr': 'id', 'table_description': 'An organisation taking part in a work stream, from one day to another. Ending it'},
            bases=['Model'],
        ),
        row_level_security('work_plan_priority', 'work_stream_membership'),
    ]
