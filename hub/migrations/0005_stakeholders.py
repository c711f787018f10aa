from tortoise import migrations
from hub.directory.models import EcosocStatus, OrganisationKind
from tortoise import fields

from hub.migrations._tables import foreign_key, classification, json_value, tenant_table, record_times
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0004_audit_log')]

    initial = False

    operations = [
        tenant_table('Organisation', 'organisation', 'organisations', [
            ('name', fields.CharField(max_length=300)),
            ('kind', fields.CharEnumField(description='CIVIL_SOCIETY: civil_society\nTRADE_UNION: trade_union\nPRIVATE_SECTOR: private_sector\nNATIONAL_HUMAN_RIGHTS_INSTITUTION: national_human_rights_institution\nRED_CROSS_RED_CRESCENT: red_cross_red_crescent\nUN_AGENCY: un_agency\nUN_SPECIAL_PROCEDURE: un_special_procedure\nLOCAL_AUTHORITY: local_authority\nACADEMIA: academia\nMIGRANT_OR_DIASPORA: migrant_or_diaspora\nDONOR_GOVERNMENT: donor_government\nMEMBER_STATE: member_state', enum_type=OrganisationKind, max_length=40)),
            ('ecosoc_status', fields.CharEnumField(default=EcosocStatus.NONE, description='NONE: none\nGENERAL: general\nSPECIAL: special\nROSTER: roster', enum_type=EcosocStatus, max_length=16)),
            ('country', fields.CharField(default='', max_length=2)),
            ('region', fields.CharField(default='', max_length=100)),
            json_value('themes', list),
            classification(),
            *record_times(),
        ], indexes=[('tenant_id', 'name'), ('tenant_id', 'created_at')]),
        tenant_table('Contact', 'contact', 'contacts', [
            foreign_key('organisation', 'hub.Organisation', 'contacts'),
            ('name', fields.CharField(max_length=200)),
            ('position', fields.CharField(default='', max_length=200)),
            ('email', fields.CharField(default='', max_length=254)),
            ('phone', fields.CharField(default='', max_length=50)),
            ('consent_to_contact', fields.BooleanField(default=False)),
            ('consent_given_on', fields.DateField(null=True)),
            classification(),
            *record_times(),
        ], indexes=[('tenant_id', 'name'), ('tenant_id', 'created_at')], description='A person at an organisation. Without consent, only admins see how to reach them.'),
        row_level_security('organisation', 'contact'),
    ]
