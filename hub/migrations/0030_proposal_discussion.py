from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from hub.migrations._revisions import (
    by_dialect,
    pg_drop_tenant_triggers,
    pg_tenant_triggers,
    sqlite_drop_triggers,
    sqlite_tenant_triggers,
)
from hub.migrations._row_security import on_postgres, row_level_security
from hub.migrations._tables import classification, foreign_key, insert_time, tenant_table

# Organisations endorse proposals, and proposals are discussed in comments with their own
# classification. Endorsements travel with their proposals; comments as their own
# classification lets them (resource proposal.comment).
_REACH = {"proposal_endorsement": "proposal", "proposal_comment": "proposal.comment"}
FORWARD = [
    f"CREATE POLICY network_reach ON {table} FOR SELECT "
    f"USING (hub_reaches('{resource}', tenant_id, classification))"
    for table, resource in _REACH.items()
]
BACKWARD = [f"DROP POLICY IF EXISTS network_reach ON {table}" for table in _REACH]


class Migration(migrations.Migration):
    dependencies = [('hub', '0029_mail_outbox')]

    initial = False

    operations = [
        tenant_table('Endorsement', 'proposal_endorsement', 'proposal_endorsements', [
            foreign_key('proposal', 'hub.Proposal', 'endorsements'),
            foreign_key('organisation', 'hub.Organisation', 'endorsements'),
            ('endorsed_by', fields.CharField(max_length=254)),
            classification(),
            insert_time('created_at'),
        ], unique_together=(('proposal_id', 'organisation_id'),), description="An organisation's support for a proposal, given by one of its members."),
        tenant_table('ProposalComment', 'proposal_comment', 'proposal_comments', [
            foreign_key('proposal', 'hub.Proposal', 'comments'),
            ('author', fields.CharField(max_length=254)),
            ('body', fields.TextField()),
            classification(),
            insert_time('created_at'),
        ], indexes=[('proposal_id', 'created_at')], description='A comment on a proposal, with a classification of its own.'),
        row_level_security(*_REACH),
        ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD)),
        ops.RunPython(
            by_dialect(pg_tenant_triggers(tuple(_REACH)), sqlite_tenant_triggers(tuple(_REACH))),
            by_dialect(pg_drop_tenant_triggers(tuple(_REACH)), sqlite_drop_triggers(tuple(_REACH))),
        ),
    ]
