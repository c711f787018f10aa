from typing import Any
from uuid import uuid4

from tortoise import fields, migrations
from tortoise.migrations import operations as ops

from hub.fund.models import MouStatus
from hub.migrations._revisions import (
    by_dialect,
    pg_drop_tenant_triggers,
    pg_tenant_triggers,
    sqlite_drop_triggers,
    sqlite_tenant_triggers,
)
from hub.migrations._row_security import on_postgres, row_level_security
from hub.migrations._tables import (
    add_column,
    filled,
    classification,
    foreign_key,
    insert_time,
    json_value,
    text,
    tenant_table,
)

# The fund is set up through the API: its MoUs go from drafted to signed, its committee
# seats end, projects split their budget over thematic areas, and the fund's managers
# record exchange rates. Allocations and rates travel with the fund, as its other parts.
_NEW = ("fund_allocation", "fund_exchange_rate")
FORWARD = [
    f"CREATE POLICY network_reach ON {table} FOR SELECT "
    "USING (hub_reaches('fund', tenant_id, classification))"
    for table in _NEW
]
BACKWARD = [f"DROP POLICY IF EXISTS network_reach ON {table}" for table in _NEW]


async def _signed_and_allocated(apps: Any, schema_editor: Any) -> None:
    """An MoU with a date of signature was signed; a project's budget went to its thematic
    area."""
    client = schema_editor.client
    await client.execute_script("UPDATE fund_mou SET status = 'signed' WHERE signed_on IS NOT NULL")
    projects = await client.execute_query_dict(
        "SELECT id, tenant_id, thematic_area_id, budget, currency, classification "
        "FROM fund_project"
    )
    insert = (
        "INSERT INTO fund_allocation "
        "(id, tenant_id, project_id, thematic_area_id, amount, currency, classification) "
        + (
            "VALUES ($1, $2, $3, $4, $5, $6, $7)"
            if schema_editor.DIALECT == "postgres"
            else "VALUES (?, ?, ?, ?, ?, ?, ?)"
        )
    )
    for p in projects:
        await client.execute_query(
            insert,
            [
                str(uuid4()),
                p["tenant_id"],
                p["id"],
                p["thematic_area_id"],
                p["budget"],
                p["currency"],
                p["classification"],
            ],
        )


async def _nothing(apps: Any, schema_editor: Any) -> None:
    """The new tables and columns go, and what they held with them."""


class Migration(migrations.Migration):
    dependencies = [('hub', '0024_listed_counts')]

    initial = False

    operations = [
        tenant_table('Allocation', 'fund_allocation', 'fund_allocations', [
            foreign_key('project', 'hub.FundProject', 'allocations'),
            foreign_key('thematic_area', 'hub.ThematicArea', 'allocations'),
            ('amount', fields.DecimalField(max_digits=18, decimal_places=2)),
            ('currency', fields.CharField(max_length=3)),
            classification(),
        ], unique_together=(('project_id', 'thematic_area_id'),), description="The part of a project's budget that goes to one thematic area."),
        tenant_table('ExchangeRate', 'fund_exchange_rate', 'fund_exchange_rates', [
            foreign_key('fund', 'hub.Fund', 'exchange_rates'),
            ('currency', fields.CharField(max_length=3)),
            ('rate', fields.DecimalField(max_digits=18, decimal_places=8)),
            ('as_of', fields.DateField()),
            ('source', fields.CharField(max_length=300)),
            ('recorded_by', fields.CharField(max_length=254)),
            classification(),
            insert_time('created_at'),
        ], indexes=[('fund_id', 'currency', 'as_of')], description='A rate recorded by the fund\'s managers from a source they name.'),
        add_column('Mou', ('drafted_on', fields.DateField(null=True))),
        filled(add_column('Mou', json_value('parties', list)), []),
        filled(add_column('Mou', ('status', fields.CharEnumField(default=MouStatus.DRAFTED, description='DRAFTED: drafted\nSIGNED: signed', enum_type=MouStatus, max_length=16))), MouStatus.DRAFTED),
        filled(add_column('SteeringCommitteeMember', text('selection')), ''),
        add_column('SteeringCommitteeMember', ('until', fields.DateField(null=True))),
        ops.RunPython(_signed_and_allocated, _nothing),
        row_level_security(*_NEW),
        ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD)),
        # Writes are counted for the result cache, as on the other tables (0019).
        ops.RunPython(
            by_dialect(pg_tenant_triggers(_NEW), sqlite_tenant_triggers(_NEW)),
            by_dialect(pg_drop_tenant_triggers(_NEW), sqlite_drop_triggers(_NEW)),
        ),
    ]
