from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.stakeholders.models import EcosocStatus, OrganisationKind
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0004_audit_log')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Organisation',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='organisations', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=300)),
                ('kind', fields.CharEnumField(description='CIVIL_SOCIETY: civil_society\nTRADE_UNION: trade_union\nPRIVATE_SECTOR: private_sector\nNATIONAL_HUMAN_RIGHTS_INSTITUTION: national_human_rights_institution\nRED_CROSS_RED_CRESCENT: red_cross_red_crescent\nUN_AGENCY: un_agency\nUN_SPECIAL_PROCEDURE: un_special_procedure\nLOCAL_AUTHORITY: local_authority\nACADEMIA: academia\nMIGRANT_OR_DIASPORA: migrant_or_diaspora\nDONOR_GOVERNMENT: donor_government\nMEMBER_STATE: member_state', enum_type=OrganisationKind, max_length=40)),
                ('ecosoc_status', fields.CharEnumField(default=EcosocStatus.NONE, description='NONE: none\nGENERAL: general\nSPECIAL: special\nROSTER: roster', enum_type=EcosocStatus, max_length=16)),
                ('country', fields.CharField(default='', max_length=2)),
                ('region', fields.CharField(default='', max_length=100)),
                ('themes', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'organisation', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'name']), Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Contact',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='contacts', on_delete=OnDelete.RESTRICT)),
                ('organisation', fields.ForeignKeyField('hub.Organisation', source_field='organisation_id', db_constraint=True, to_field='id', related_name='contacts', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=200)),
                ('position', fields.CharField(default='', max_length=200)),
                ('email', fields.CharField(default='', max_length=254)),
                ('phone', fields.CharField(default='', max_length=50)),
                ('consent_to_contact', fields.BooleanField(default=False)),
                ('consent_given_on', fields.DateField(null=True)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'contact', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'name']), Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A person at an organisation. Without consent, only admins see how to reach them.'},
            bases=['Model'],
        ),
        row_level_security('organisation', 'contact'),
    ]
