from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from hub.migrations._tables import add_column, foreign_key
from hub.proposals.models import ProposalStatus

# A proposal names the consultation and working session it came from, and its authors may
# withdraw it before review.
_STATUSES = (
    'SUBMITTED: submitted\nUNDER_REVIEW: under_review\nACCEPTED: accepted\n'
    'REFLECTED: reflected\nDECLINED: declined\nWITHDRAWN: withdrawn'
)


class Migration(migrations.Migration):
    dependencies = [('hub', '0026_consultation_registration')]

    initial = False

    operations = [
        ops.AlterField(model_name='Proposal', name='status', field=fields.CharEnumField(default=ProposalStatus.SUBMITTED, description=_STATUSES, enum_type=ProposalStatus, max_length=16)),
        add_column('Proposal', foreign_key('consultation', 'hub.Consultation', 'proposals', null=True)),
        add_column('Proposal', foreign_key('session', 'hub.WorkingSession', 'proposals', null=True, on_delete=OnDelete.SET_NULL)),
        ops.AlterField(model_name='ProposalTransition', name='from_status', field=fields.CharEnumField(null=True, description=_STATUSES, enum_type=ProposalStatus, max_length=16)),
        ops.AlterField(model_name='ProposalTransition', name='to_status', field=fields.CharEnumField(description=_STATUSES, enum_type=ProposalStatus, max_length=16)),
    ]
