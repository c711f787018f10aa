from tortoise import migrations
from hub.initiatives.models import InitiativeKind, InitiativeStatus
from tortoise import fields

from hub.migrations._tables import foreign_key, classification, optional_time, json_value, tenant_table, record_times, translated_texts
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0012_stakeholder_history')]

    initial = False

    operations = [
        tenant_table('Initiative', 'initiative', 'initiatives', [
            foreign_key('organisation', 'hub.Organisation', 'initiatives', null=True),
            *translated_texts('summary'),
            ('kind', fields.CharEnumField(description='ACTION: action\nEVENT: event', enum_type=InitiativeKind, max_length=8)),
            ('status', fields.CharEnumField(default=InitiativeStatus.PLANNED, description='PLANNED: planned\nONGOING: ongoing\nCOMPLETED: completed\nDISCONTINUED: discontinued', enum_type=InitiativeStatus, max_length=16)),
            ('country', fields.CharField(default='', max_length=2)),
            json_value('themes', list),
            ('starts_on', fields.DateField()),
            ('ends_on', fields.DateField(null=True)),
            ('event_on', fields.DateField(null=True)),
            ('venue', fields.CharField(default='', max_length=300)),
            ('online', fields.BooleanField(default=False)),
            ('advance_notice_on', fields.DateField(null=True)),
            classification(),
            *record_times(),
            optional_time('archived_at'),
        ], indexes=[('tenant_id', 'starts_on'), ('tenant_id', 'title_index'), ('tenant_id', 'created_at'), ('organisation_id', 'starts_on')], description='An action or event that an organisation, or the network itself, reports.'),
        row_level_security('initiative'),
    ]
