from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.directory.models import EcosocStatus, OrganisationKind
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, tenant, foreign_key, classification, insert_time, update_time, json_value
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0004_audit_log')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Organisation',
            fields=[
                uuid_id(),
                tenant('organisations'),
                ('name', fields.CharField(max_length=300)),
                ('kind', fields.CharEnumField(description='CIVIL_SOCIETY: civil_society\nTRADE_UNION: trade_union\nPRIVATE_SECTOR: private_sector\nNATIONAL_HUMAN_RIGHTS_INSTITUTION: national_human_rights_institution\nRED_CROSS_RED_CRESCENT: red_cross_red_crescent\nUN_AGENCY: un_agency\nUN_SPECIAL_PROCEDURE: un_special_procedure\nLOCAL_AUTHORITY: local_authority\nACADEMIA: academia\nMIGRANT_OR_DIASPORA: migrant_or_diaspora\nDONOR_GOVERNMENT: donor_government\nMEMBER_STATE: member_state', enum_type=OrganisationKind, max_length=40)),
                ('ecosoc_status', fields.CharEnumField(default=EcosocStatus.NONE, description='NONE: none\nGENERAL: general\nSPECIAL: special\nROSTER: roster', enum_type=EcosocStatus, max_length=16)),
                ('country', fields.CharField(default='', max_length=2)),
                ('region', fields.CharField(default='', max_length=100)),
                json_value('themes', list),
                classification(),
                insert_time('created_at'),
                update_time(),
            ],
            options={'table': 'organisation', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'name']), Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Contact',
            fields=[
                uuid_id(),
                tenant('contacts'),
                foreign_key('organisation', 'hub.Organisation', 'contacts'),
                ('name', fields.CharField(max_length=200)),
                ('position', fields.CharField(default='', max_length=200)),
                ('email', fields.CharField(default='', max_length=254)),
                ('phone', fields.CharField(default='', max_length=50)),
                ('consent_to_contact', fields.BooleanField(default=False)),
                ('consent_given_on', fields.DateField(null=True)),
                classification(),
                insert_time('created_at'),
                update_time(),
            ],
            options={'table': 'contact', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'name']), Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A person at an organisation. Without consent, only admins see how to reach them.'},
            bases=['Model'],
        ),
        row_level_security('organisation', 'contact'),
    ]
