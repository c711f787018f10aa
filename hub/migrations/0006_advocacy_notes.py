from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.core.classification import Classification
from hub.advocacy.models import NoteStatus, RecommendedAction, RiskLevel
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, tenant, classification, insert_time, update_time, json_value
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0005_stakeholders')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdvocacyNote',
            fields=[
                uuid_id(),
                tenant('advocacy_notes'),
                ('title', fields.CharField(max_length=300)),
                ('country', fields.CharField(default='', max_length=2)),
                ('body_encrypted', fields.TextField(unique=False)),
                json_value('organisation_ids', list),
                ('risk_level', fields.CharEnumField(default=RiskLevel.MEDIUM, description='LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical', enum_type=RiskLevel, max_length=16)),
                ('recommended_action', fields.CharEnumField(default=RecommendedAction.MONITOR, description='PUBLIC_STATEMENT: public_statement\nPRIVATE_REPRESENTATION: private_representation\nMONITOR: monitor', enum_type=RecommendedAction, max_length=32)),
                ('status', fields.CharEnumField(default=NoteStatus.OPEN, description='OPEN: open\nIN_REVIEW: in_review\nACTIONED: actioned\nCLOSED: closed', enum_type=NoteStatus, max_length=16)),
                classification(Classification.CONFIDENTIAL),
                insert_time('created_at'),
                update_time(),
            ],
            options={'table': 'advocacy_note', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id', 'table_description': "The body names people and is stored encrypted with the tenant's key."},
            bases=['Model'],
        ),
        row_level_security('advocacy_note'),
    ]
