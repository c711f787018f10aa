from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.core.classification import Classification
from hub.fund.models import PledgeStatus, ProjectStatus, Seat
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0007_proposals')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Fund',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='funds', on_delete=OnDelete.RESTRICT)),
                ('name', fields.CharField(max_length=300)),
                ('description', fields.TextField(default='', unique=False)),
                ('currency', fields.CharField(max_length=3)),
                ('target_amount', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('target_year', fields.IntField(null=True)),
                ('administrative_agent', fields.CharField(default='', max_length=300)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'fund', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Mou',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='fund_mous', on_delete=OnDelete.RESTRICT)),
                ('fund', fields.ForeignKeyField('hub.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name='mous', on_delete=OnDelete.RESTRICT)),
                ('signatory', fields.CharField(max_length=300)),
                ('signed_on', fields.DateField(null=True)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
            ],
            options={'table': 'fund_mou', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'signatory'])], 'pk_attr': 'id', 'table_description': 'A memorandum of understanding by which an agency joins the fund.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Pledge',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='fund_pledges', on_delete=OnDelete.RESTRICT)),
                ('fund', fields.ForeignKeyField('hub.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name='pledges', on_delete=OnDelete.RESTRICT)),
                ('donor', fields.ForeignKeyField('hub.Organisation', source_field='donor_id', db_constraint=True, to_field='id', related_name='pledges', on_delete=OnDelete.RESTRICT)),
                ('amount', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('currency', fields.CharField(max_length=3)),
                ('status', fields.CharEnumField(default=PledgeStatus.OUTREACH, description='OUTREACH: outreach\nPLEDGED: pledged\nSIGNED: signed\nRECEIVED: received', enum_type=PledgeStatus, max_length=16)),
                ('note', fields.TextField(default='', unique=False)),
                ('classification', fields.CharEnumField(default=Classification.RESTRICTED, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'fund_pledge', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SteeringCommitteeMember',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='steering_committee_members', on_delete=OnDelete.RESTRICT)),
                ('fund', fields.ForeignKeyField('hub.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name='steering_committee', on_delete=OnDelete.RESTRICT)),
                ('seat', fields.CharEnumField(description='CHAIR: chair\nUN_AGENCY: un_agency\nDONOR: donor\nMEMBER_STATE: member_state\nCIVIL_SOCIETY: civil_society\nOTHER_STAKEHOLDER: other_stakeholder', enum_type=Seat, max_length=24)),
                ('name', fields.CharField(max_length=300)),
                ('organisation', fields.ForeignKeyField('hub.Organisation', source_field='organisation_id', null=True, db_constraint=True, to_field='id', related_name='committee_seats', on_delete=OnDelete.RESTRICT)),
                ('since', fields.DateField(null=True)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
            ],
            options={'table': 'fund_steering_committee_member', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'seat'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ThematicArea',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='thematic_areas', on_delete=OnDelete.RESTRICT)),
                ('fund', fields.ForeignKeyField('hub.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name='thematic_areas', on_delete=OnDelete.RESTRICT)),
                ('number', fields.SmallIntField()),
                ('title', fields.CharField(max_length=300)),
                ('description', fields.TextField(default='', unique=False)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
            ],
            options={'table': 'fund_thematic_area', 'app': 'hub', 'unique_together': (('fund_id', 'number'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FundProject',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='fund_projects', on_delete=OnDelete.RESTRICT)),
                ('fund', fields.ForeignKeyField('hub.Fund', source_field='fund_id', db_constraint=True, to_field='id', related_name='projects', on_delete=OnDelete.RESTRICT)),
                ('thematic_area', fields.ForeignKeyField('hub.ThematicArea', source_field='thematic_area_id', db_constraint=True, to_field='id', related_name='projects', on_delete=OnDelete.RESTRICT)),
                ('title', fields.CharField(max_length=300)),
                ('budget', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('currency', fields.CharField(max_length=3)),
                ('status', fields.CharEnumField(default=ProjectStatus.PROPOSED, description='PROPOSED: proposed\nAPPROVED: approved\nACTIVE: active\nCOMPLETED: completed', enum_type=ProjectStatus, max_length=16)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'fund_project', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'created_at']), Index(fields=['thematic_area_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        row_level_security('fund', 'fund_thematic_area', 'fund_mou', 'fund_pledge', 'fund_project', 'fund_steering_committee_member'),
    ]
