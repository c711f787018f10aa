from tortoise import migrations
from hub.consultations.models import ConsultationKind, ConsultationStatus, ParticipantRole
from tortoise import fields

from hub.migrations._tables import foreign_key, classification, insert_time, optional_time, json_value, tenant_table, record_times, translated_texts
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0008_fund')]

    initial = False

    operations = [
        tenant_table('Consultation', 'consultation', 'consultations', [
            *translated_texts('summary'),
            ('kind', fields.CharEnumField(description='MULTI_STAKEHOLDER: multi_stakeholder\nREGIONAL: regional\nNATIONAL: national\nLOCAL: local\nTHEMATIC: thematic\nMEETING: meeting\nWEBINAR: webinar', enum_type=ConsultationKind, max_length=24)),
            ('status', fields.CharEnumField(default=ConsultationStatus.PLANNED, description='PLANNED: planned\nANNOUNCED: announced\nHELD: held\nCANCELLED: cancelled', enum_type=ConsultationStatus, max_length=16)),
            ('starts_on', fields.DateField()),
            ('ends_on', fields.DateField()),
            ('venue', fields.CharField(default='', max_length=300)),
            ('online', fields.BooleanField(default=False)),
            ('advance_notice_on', fields.DateField(null=True)),
            ('recording_url', fields.CharField(default='', max_length=2000)),
            classification(),
            *record_times(),
            optional_time('archived_at'),
        ], indexes=[('tenant_id', 'starts_on'), ('tenant_id', 'title_index'), ('tenant_id', 'created_at')]),
        tenant_table('Participant', 'consultation_participant', 'participants', [
            foreign_key('consultation', 'hub.Consultation', 'participants'),
            foreign_key('organisation', 'hub.Organisation', 'participations'),
            foreign_key('contact', 'hub.Contact', 'participations', null=True),
            ('role', fields.CharEnumField(default=ParticipantRole.PARTICIPANT, description='PARTICIPANT: participant\nSPEAKER: speaker\nOBSERVER: observer', enum_type=ParticipantRole, max_length=16)),
            ('attended', fields.BooleanField(null=True)),
            classification(),
            insert_time('created_at'),
        ], indexes=[('consultation_id', 'created_at')], description='An organisation at a consultation, through one of its people or as a whole.'),
        tenant_table('WorkingSession', 'consultation_session', 'working_sessions', [
            foreign_key('consultation', 'hub.Consultation', 'sessions'),
            ('number', fields.SmallIntField()),
            json_value('title', dict),
            json_value('framing_questions', list),
            json_value('key_recommendations', list),
            classification(),
        ], unique_together=(('consultation_id', 'number'),)),
        row_level_security('consultation', 'consultation_session', 'consultation_participant'),
    ]
