from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.workplan.models import Horizon, MemberRole, PriorityStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0010_statements')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Priority',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='priorities', on_delete=OnDelete.RESTRICT)),
                ('title', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('title_index', fields.CharField(max_length=300)),
                ('summary', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('search_text', fields.TextField(default='', unique=False)),
                ('horizon', fields.CharEnumField(description='IMMEDIATE: immediate\nSHORT_TO_MEDIUM: short_to_medium\nLONG_TERM: long_term', enum_type=Horizon, max_length=24)),
                ('status', fields.CharEnumField(default=PriorityStatus.PROPOSED, description='PROPOSED: proposed\nAGREED: agreed\nIN_PROGRESS: in_progress\nDONE: done\nDROPPED: dropped', enum_type=PriorityStatus, max_length=16)),
                ('themes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('work_stream_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('work_stream_keys', fields.TextField(default='', unique=False)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'work_plan_priority', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at']), Index(fields=['tenant_id', 'title_index'])], 'pk_attr': 'id', 'table_description': 'A priority of the work plan, linked to the work streams that carry it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkStreamMembership',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='work_stream_memberships', on_delete=OnDelete.RESTRICT)),
                ('work_stream', fields.ForeignKeyField('hub.WorkStream', source_field='work_stream_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.RESTRICT)),
                ('organisation', fields.ForeignKeyField('hub.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='work_stream_memberships', on_delete=OnDelete.RESTRICT)),
                ('role', fields.CharEnumField(default=MemberRole.MEMBER, description='LEAD: lead\nMEMBER: member\nOBSERVER: observer', enum_type=MemberRole, max_length=16)),
                ('since', fields.DateField()),
                ('until', fields.DateField(null=True)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
            ],
            options={'table': 'work_stream_membership', 'app': 'hub', 'indexes': [Index(fields=['work_stream_id', 'since']), Index(fields=['organisation_id', 'since'])], 'pk_attr': 'id', 'table_description': 'An organisation taking part in a work stream, from one day to another. Ending it'},
            bases=['Model'],
        ),
        row_level_security('work_plan_priority', 'work_stream_membership'),
    ]
