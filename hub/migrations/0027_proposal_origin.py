from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from hub.migrations._revisions import by_dialect, sqlite_restored_triggers
from hub.migrations._tables import add_column, foreign_key
from hub.proposals.models import ProposalStatus

# A proposal names the consultation and working session it came from, and its authors may
# withdraw it before review.
_STATUSES = (
    'SUBMITTED: submitted\nUNDER_REVIEW: under_review\nACCEPTED: accepted\n'
    'REFLECTED: reflected\nDECLINED: declined\nWITHDRAWN: withdrawn'
)
# SQLite changes a column by copying its table, which loses the table's triggers that
# count writes for the result cache (0019): they are made again after the change, either way.
_RESTORED = by_dialect([], sqlite_restored_triggers(("proposal", "proposal_transition")))
_KEPT = by_dialect([], [])


class Migration(migrations.Migration):
    dependencies = [('hub', '0026_consultation_registration')]

    initial = False

    operations = [
        ops.RunPython(_KEPT, _RESTORED),
        ops.AlterField(model_name='Proposal', name='status', field=fields.CharEnumField(default=ProposalStatus.SUBMITTED, description=_STATUSES, enum_type=ProposalStatus, max_length=16)),
        add_column('Proposal', foreign_key('consultation', 'hub.Consultation', 'proposals', null=True)),
        add_column('Proposal', foreign_key('session', 'hub.WorkingSession', 'proposals', null=True, on_delete=OnDelete.SET_NULL)),
        ops.AlterField(model_name='ProposalTransition', name='from_status', field=fields.CharEnumField(null=True, description=_STATUSES, enum_type=ProposalStatus, max_length=16)),
        ops.AlterField(model_name='ProposalTransition', name='to_status', field=fields.CharEnumField(description=_STATUSES, enum_type=ProposalStatus, max_length=16)),
        ops.RunPython(_RESTORED, _KEPT),
    ]
