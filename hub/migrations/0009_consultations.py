from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.consultations.models import ConsultationKind, ConsultationStatus, ParticipantRole
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, tenant, foreign_key, classification, insert_time, update_time, optional_time, text, json_value
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0008_fund')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Consultation',
            fields=[
                uuid_id(),
                tenant('consultations'),
                json_value('title', dict),
                ('title_index', fields.CharField(max_length=300)),
                json_value('summary', dict),
                text('search_text'),
                ('kind', fields.CharEnumField(description='MULTI_STAKEHOLDER: multi_stakeholder\nREGIONAL: regional\nNATIONAL: national\nLOCAL: local\nTHEMATIC: thematic\nMEETING: meeting\nWEBINAR: webinar', enum_type=ConsultationKind, max_length=24)),
                ('status', fields.CharEnumField(default=ConsultationStatus.PLANNED, description='PLANNED: planned\nANNOUNCED: announced\nHELD: held\nCANCELLED: cancelled', enum_type=ConsultationStatus, max_length=16)),
                ('starts_on', fields.DateField()),
                ('ends_on', fields.DateField()),
                ('venue', fields.CharField(default='', max_length=300)),
                ('online', fields.BooleanField(default=False)),
                ('advance_notice_on', fields.DateField(null=True)),
                ('recording_url', fields.CharField(default='', max_length=2000)),
                classification(),
                insert_time('created_at'),
                update_time(),
                optional_time('archived_at'),
            ],
            options={'table': 'consultation', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'starts_on']), Index(fields=['tenant_id', 'title_index']), Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Participant',
            fields=[
                uuid_id(),
                tenant('participants'),
                foreign_key('consultation', 'hub.Consultation', 'participants'),
                foreign_key('organisation', 'hub.Organisation', 'participations'),
                foreign_key('contact', 'hub.Contact', 'participations', null=True),
                ('role', fields.CharEnumField(default=ParticipantRole.PARTICIPANT, description='PARTICIPANT: participant\nSPEAKER: speaker\nOBSERVER: observer', enum_type=ParticipantRole, max_length=16)),
                ('attended', fields.BooleanField(null=True)),
                classification(),
                insert_time('created_at'),
            ],
            options={'table': 'consultation_participant', 'app': 'hub', 'indexes': [Index(fields=['consultation_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'An organisation at a consultation, through one of its people or as a whole.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkingSession',
            fields=[
                uuid_id(),
                tenant('working_sessions'),
                foreign_key('consultation', 'hub.Consultation', 'sessions'),
                ('number', fields.SmallIntField()),
                json_value('title', dict),
                json_value('framing_questions', list),
                json_value('key_recommendations', list),
                classification(),
            ],
            options={'table': 'consultation_session', 'app': 'hub', 'unique_together': (('consultation_id', 'number'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        row_level_security('consultation', 'consultation_session', 'consultation_participant'),
    ]
