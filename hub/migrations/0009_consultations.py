from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.consultations.models import ConsultationKind, ConsultationStatus, ParticipantRole
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0008_fund')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Consultation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='consultations', on_delete=OnDelete.RESTRICT)),
                ('title', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('title_index', fields.CharField(max_length=300)),
                ('summary', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('search_text', fields.TextField(default='', unique=False)),
                ('kind', fields.CharEnumField(description='MULTI_STAKEHOLDER: multi_stakeholder\nREGIONAL: regional\nNATIONAL: national\nLOCAL: local\nTHEMATIC: thematic\nMEETING: meeting\nWEBINAR: webinar', enum_type=ConsultationKind, max_length=24)),
                ('status', fields.CharEnumField(default=ConsultationStatus.PLANNED, description='PLANNED: planned\nANNOUNCED: announced\nHELD: held\nCANCELLED: cancelled', enum_type=ConsultationStatus, max_length=16)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('venue', fields.CharField(default='', max_length=300)),
                ('online', fields.BooleanField(default=False)),
                ('advance_notice_on', fields.DateField(null=True)),
                ('recording_url', fields.CharField(default='', max_length=2000)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consultation', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'starts_on']), Index(fields=['tenant_id', 'title_index']), Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Participant',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='participants', on_delete=OnDelete.RESTRICT)),
                ('consultation', fields.ForeignKeyField('hub.Consultation', source_field='consultation_id', db_constraint=True, to_field='id', related_name='participants', on_delete=OnDelete.RESTRICT)),
                ('organisation', fields.ForeignKeyField('hub.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='participations', on_delete=OnDelete.RESTRICT)),
                ('contact', fields.ForeignKeyField('hub.Contact', source_field='contact_id', null=True, db_constraint=True, to_field='id', related_name='participations', on_delete=OnDelete.RESTRICT)),
                ('role', fields.CharEnumField(default=ParticipantRole.PARTICIPANT, description='PARTICIPANT: participant\nSPEAKER: speaker\nOBSERVER: observer', enum_type=ParticipantRole, max_length=16)),
                ('attended', fields.BooleanField(null=True)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'consultation_participant', 'app': 'hub', 'indexes': [Index(fields=['consultation_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'An organisation at a consultation, through one of its people or as a whole.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkingSession',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='working_sessions', on_delete=OnDelete.RESTRICT)),
                ('consultation', fields.ForeignKeyField('hub.Consultation', source_field='consultation_id', db_constraint=True, to_field='id', related_name='sessions', on_delete=OnDelete.RESTRICT)),
                ('number', fields.SmallIntField()),
                ('title', fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('framing_questions', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('key_recommendations', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
            ],
            options={'table': 'consultation_session', 'app': 'hub', 'unique_together': (('consultation_id', 'number'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        row_level_security('consultation', 'consultation_session', 'consultation_participant'),
    ]
