from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.core.classification import Classification
from hub.fund.models import PledgeStatus, ProjectStatus, Seat
from tortoise import fields
from tortoise.indexes import Index

from hub.migrations._tables import uuid_id, tenant, foreign_key, classification, insert_time, update_time, text
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0007_proposals')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Fund',
            fields=[
                uuid_id(),
                tenant('funds'),
                ('name', fields.CharField(max_length=300)),
                text('description'),
                ('currency', fields.CharField(max_length=3)),
                ('target_amount', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('target_year', fields.IntField(null=True)),
                ('administrative_agent', fields.CharField(default='', max_length=300)),
                classification(),
                insert_time('created_at'),
                update_time(),
            ],
            options={'table': 'fund', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Mou',
            fields=[
                uuid_id(),
                tenant('fund_mous'),
                foreign_key('fund', 'hub.Fund', 'mous'),
                ('signatory', fields.CharField(max_length=300)),
                ('signed_on', fields.DateField(null=True)),
                classification(),
            ],
            options={'table': 'fund_mou', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'signatory'])], 'pk_attr': 'id', 'table_description': 'A memorandum of understanding by which an agency joins the fund.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Pledge',
            fields=[
                uuid_id(),
                tenant('fund_pledges'),
                foreign_key('fund', 'hub.Fund', 'pledges'),
                foreign_key('donor', 'hub.Organisation', 'pledges'),
                ('amount', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('currency', fields.CharField(max_length=3)),
                ('status', fields.CharEnumField(default=PledgeStatus.OUTREACH, description='OUTREACH: outreach\nPLEDGED: pledged\nSIGNED: signed\nRECEIVED: received', enum_type=PledgeStatus, max_length=16)),
                text('note'),
                classification(Classification.RESTRICTED),
                insert_time('created_at'),
                update_time(),
            ],
            options={'table': 'fund_pledge', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SteeringCommitteeMember',
            fields=[
                uuid_id(),
                tenant('steering_committee_members'),
                foreign_key('fund', 'hub.Fund', 'steering_committee'),
                ('seat', fields.CharEnumField(description='CHAIR: chair\nUN_AGENCY: un_agency\nDONOR: donor\nMEMBER_STATE: member_state\nCIVIL_SOCIETY: civil_society\nOTHER_STAKEHOLDER: other_stakeholder', enum_type=Seat, max_length=24)),
                ('name', fields.CharField(max_length=300)),
                foreign_key('organisation', 'hub.Organisation', 'committee_seats', null=True),
                ('since', fields.DateField(null=True)),
                classification(),
            ],
            options={'table': 'fund_steering_committee_member', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'seat'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ThematicArea',
            fields=[
                uuid_id(),
                tenant('thematic_areas'),
                foreign_key('fund', 'hub.Fund', 'thematic_areas'),
                ('number', fields.SmallIntField()),
                ('title', fields.CharField(max_length=300)),
                text('description'),
                classification(),
            ],
            options={'table': 'fund_thematic_area', 'app': 'hub', 'unique_together': (('fund_id', 'number'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='FundProject',
            fields=[
                uuid_id(),
                tenant('fund_projects'),
                foreign_key('fund', 'hub.Fund', 'projects'),
                foreign_key('thematic_area', 'hub.ThematicArea', 'projects'),
                ('title', fields.CharField(max_length=300)),
                ('budget', fields.DecimalField(max_digits=18, decimal_places=2)),
                ('currency', fields.CharField(max_length=3)),
                ('status', fields.CharEnumField(default=ProjectStatus.PROPOSED, description='PROPOSED: proposed\nAPPROVED: approved\nACTIVE: active\nCOMPLETED: completed', enum_type=ProjectStatus, max_length=16)),
                classification(),
                insert_time('created_at'),
            ],
            options={'table': 'fund_project', 'app': 'hub', 'indexes': [Index(fields=['fund_id', 'created_at']), Index(fields=['thematic_area_id', 'created_at'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
        row_level_security('fund', 'fund_thematic_area', 'fund_mou', 'fund_pledge', 'fund_project', 'fund_steering_committee_member'),
    ]
