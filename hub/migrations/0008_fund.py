from tortoise import migrations
from hub.core.classification import Classification
from hub.fund.models import PledgeStatus, ProjectStatus, Seat
from tortoise import fields

from hub.migrations._tables import foreign_key, classification, insert_time, text, tenant_table, record_times
from hub.migrations._row_security import row_level_security


class Migration(migrations.Migration):
    dependencies = [('hub', '0007_proposals')]

    initial = False

    operations = [
        tenant_table('Fund', 'fund', 'funds', [
            ('name', fields.CharField(max_length=300)),
            text('description'),
            ('currency', fields.CharField(max_length=3)),
            ('target_amount', fields.DecimalField(max_digits=18, decimal_places=2)),
            ('target_year', fields.IntField(null=True)),
            ('administrative_agent', fields.CharField(default='', max_length=300)),
            classification(),
            *record_times(),
        ], indexes=[('tenant_id', 'created_at')]),
        tenant_table('Mou', 'fund_mou', 'fund_mous', [
            foreign_key('fund', 'hub.Fund', 'mous'),
            ('signatory', fields.CharField(max_length=300)),
            ('signed_on', fields.DateField(null=True)),
            classification(),
        ], indexes=[('fund_id', 'signatory')], description='A memorandum of understanding by which an agency joins the fund.'),
        tenant_table('Pledge', 'fund_pledge', 'fund_pledges', [
            foreign_key('fund', 'hub.Fund', 'pledges'),
            foreign_key('donor', 'hub.Organisation', 'pledges'),
            ('amount', fields.DecimalField(max_digits=18, decimal_places=2)),
            ('currency', fields.CharField(max_length=3)),
            ('status', fields.CharEnumField(default=PledgeStatus.OUTREACH, description='OUTREACH: outreach\nPLEDGED: pledged\nSIGNED: signed\nRECEIVED: received', enum_type=PledgeStatus, max_length=16)),
            text('note'),
            classification(Classification.RESTRICTED),
            *record_times(),
        ], indexes=[('fund_id', 'created_at')]),
        tenant_table('SteeringCommitteeMember', 'fund_steering_committee_member', 'steering_committee_members', [
            foreign_key('fund', 'hub.Fund', 'steering_committee'),
            ('seat', fields.CharEnumField(description='CHAIR: chair\nUN_AGENCY: un_agency\nDONOR: donor\nMEMBER_STATE: member_state\nCIVIL_SOCIETY: civil_society\nOTHER_STAKEHOLDER: other_stakeholder', enum_type=Seat, max_length=24)),
            ('name', fields.CharField(max_length=300)),
            foreign_key('organisation', 'hub.Organisation', 'committee_seats', null=True),
            ('since', fields.DateField(null=True)),
            classification(),
        ], indexes=[('fund_id', 'seat')]),
        tenant_table('ThematicArea', 'fund_thematic_area', 'thematic_areas', [
            foreign_key('fund', 'hub.Fund', 'thematic_areas'),
            ('number', fields.SmallIntField()),
            ('title', fields.CharField(max_length=300)),
            text('description'),
            classification(),
        ], unique_together=(('fund_id', 'number'),)),
        tenant_table('FundProject', 'fund_project', 'fund_projects', [
            foreign_key('fund', 'hub.Fund', 'projects'),
            foreign_key('thematic_area', 'hub.ThematicArea', 'projects'),
            ('title', fields.CharField(max_length=300)),
            ('budget', fields.DecimalField(max_digits=18, decimal_places=2)),
            ('currency', fields.CharField(max_length=3)),
            ('status', fields.CharEnumField(default=ProjectStatus.PROPOSED, description='PROPOSED: proposed\nAPPROVED: approved\nACTIVE: active\nCOMPLETED: completed', enum_type=ProjectStatus, max_length=16)),
            classification(),
            insert_time('created_at'),
        ], indexes=[('fund_id', 'created_at'), ('thematic_area_id', 'created_at')]),
        row_level_security('fund', 'fund_thematic_area', 'fund_mou', 'fund_pledge', 'fund_project', 'fund_steering_committee_member'),
    ]
