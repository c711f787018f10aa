from tortoise import migrations
from hub.core.classification import Classification
from hub.advocacy.models import NoteStatus, RecommendedAction, RiskLevel
from tortoise import fields

from hub.migrations._tables import classification, json_value, tenant_table, record_times
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0005_stakeholders')]

    initial = False

    operations = [
        tenant_table('AdvocacyNote', 'advocacy_note', 'advocacy_notes', [
            ('title', fields.CharField(max_length=300)),
            ('country', fields.CharField(default='', max_length=2)),
            ('body_encrypted', fields.TextField(unique=False)),
            json_value('organisation_ids', list),
            ('risk_level', fields.CharEnumField(default=RiskLevel.MEDIUM, description='LOW: low\nMEDIUM: medium\nHIGH: high\nCRITICAL: critical', enum_type=RiskLevel, max_length=16)),
            ('recommended_action', fields.CharEnumField(default=RecommendedAction.MONITOR, description='PUBLIC_STATEMENT: public_statement\nPRIVATE_REPRESENTATION: private_representation\nMONITOR: monitor', enum_type=RecommendedAction, max_length=32)),
            ('status', fields.CharEnumField(default=NoteStatus.OPEN, description='OPEN: open\nIN_REVIEW: in_review\nACTIONED: actioned\nCLOSED: closed', enum_type=NoteStatus, max_length=16)),
            classification(Classification.CONFIDENTIAL),
            *record_times(),
        ], indexes=[('tenant_id', 'created_at')], description="The body names people and is stored encrypted with the tenant's key."),
        row_level_security('advocacy_note'),
    ]
