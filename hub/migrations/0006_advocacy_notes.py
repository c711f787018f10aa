from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.advocacy.models import NoteStatus, RecommendedAction, RiskLevel
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0005_stakeholders')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdvocacyNote',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='advocacy_notes', on_delete=OnDelete.RESTRICT)),
                ('title', fields.CharField(max_length=300)),
                ('country', fields.CharField(default='', max_length=2)),
                ('body_encrypted', fields.TextField(unique=False)),
                ('organisation_ids', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('risk_level', fields.CharEnumField(default=RiskLevel.MEDIUM, description='LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical', enum_type=RiskLevel, max_length=16)),
                ('recommended_action', fields.CharEnumField(default=RecommendedAction.MONITOR, description='PUBLIC_STATEMENT: public_statement\nPRIVATE_REPRESENTATION: private_representation\nMONITOR: monitor', enum_type=RecommendedAction, max_length=32)),
                ('status', fields.CharEnumField(default=NoteStatus.OPEN, description='OPEN: open\nIN_REVIEW: in_review\nACTIONED: actioned\nCLOSED: closed', enum_type=NoteStatus, max_length=16)),
                ('classification', fields.CharEnumField(default=Classification.CONFIDENTIAL, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'advocacy_note', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id', 'table_description': "The body names people and is stored encrypted with the tenant's key."},
            bases=['Model'],
        ),
        row_level_security('advocacy_note'),
    ]
