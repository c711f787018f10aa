from tortoise import migrations
from tortoise.migrations import operations as ops
from hub.proposals.models import ProposalScope, ProposalStatus, ProposalTarget
from tortoise import fields

from hub.migrations._tables import serial_id, tenant, foreign_key, classification, insert_time, update_time, optional_time, text, json_value, transition_steps, create_table, tenant_table
from hub.migrations._row_security import row_level_security

import json
from typing import Any

# Organisations' themes were free text until the shared taxonomy; these are the names the
# demo and early users wrote. Anything else is dropped rather than guessed.
_THEMES = {
    "access_to_justice", "children_and_youth", "civic_space", "climate_change",
    "data_protection", "decent_work", "digital_technologies", "gender", "health",
    "human_rights", "labour_mobility", "mixed_migration", "non_discrimination",
    "racism_and_xenophobia", "refugee_compact_complementarity", "regular_pathways",
    "reintegration", "saving_lives", "security", "sustainable_development",
}
_ALIASES = {"labour_rights": "decent_work", "racism": "racism_and_xenophobia"}


def _theme(text: str) -> str | None:
    name = text.strip().lower().replace("-", "_").replace(" ", "_")
    name = _ALIASES.get(name, name)
    return name if name in _THEMES else None


async def _tag_organisations(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = schema_editor.DIALECT == "postgres"
    rows = await client.execute_query_dict("SELECT id, tenant_id, themes FROM organisation")
    for row in rows:
        raw = row["themes"]
        values = json.loads(raw) if isinstance(raw, str) else (raw or [])
        themes = sorted({t for v in values if isinstance(v, str) and (t := _theme(v))})
        if postgres:
            await client.execute_query(
                "UPDATE organisation SET themes = $1::jsonb WHERE id = $2",
                [json.dumps(themes), row["id"]],
            )
        else:
            await client.execute_query(
                "UPDATE organisation SET themes = ? WHERE id = ?", [json.dumps(themes), row["id"]]
            )
        for theme in themes:
            insert = (
                "INSERT INTO theme_tag (tenant_id, subject, record_id, theme) "
                + ("VALUES ($1, $2, $3, $4)" if postgres else "VALUES (?, ?, ?, ?)")
            )
            await client.execute_query(
                insert, [row["tenant_id"], "organisation", row["id"], theme]
            )


async def _nothing(apps: Any, schema_editor: Any) -> None:
    """Free-text themes are not restored; the taxonomy names remain valid text."""

class Migration(migrations.Migration):
    dependencies = [('hub', '0006_advocacy_notes')]

    initial = False

    operations = [
        tenant_table('Proposal', 'proposal', 'proposals', [
            foreign_key('organisation', 'hub.Organisation', 'proposals'),
            ('target', fields.CharEnumField(description='WORK_PLAN: work_plan\nWORK_STREAM: work_stream\nIMRF: imrf\nFUND: fund\nOPEN_CALL: open_call', enum_type=ProposalTarget, max_length=16)),
            foreign_key('work_stream', 'hub.WorkStream', 'proposals', null=True),
            ('scope', fields.CharEnumField(default=ProposalScope.THEMATIC, description='THEMATIC: thematic\nSITUATION_SPECIFIC: situation_specific', enum_type=ProposalScope, max_length=24)),
            ('title', fields.CharField(max_length=300)),
            text('body'),
            json_value('themes', list),
            ('status', fields.CharEnumField(default=ProposalStatus.SUBMITTED, description='SUBMITTED: submitted\nUNDER_REVIEW: under_review\nACCEPTED: accepted\nREFLECTED: reflected\nDECLINED: declined', enum_type=ProposalStatus, max_length=16)),
            text('response_note'),
            classification(),
            insert_time('submitted_at'),
            update_time(),
            optional_time('archived_at'),
        ], indexes=[('tenant_id', 'submitted_at'), ('tenant_id', 'title'), ('work_stream_id', 'submitted_at'), ('organisation_id', 'submitted_at')]),
        create_table('ProposalTransition', 'proposal_transition', [
            serial_id(),
            tenant('proposal_transitions'),
            foreign_key('proposal', 'hub.Proposal', 'transitions'),
            *transition_steps(ProposalStatus, 'SUBMITTED: submitted\nUNDER_REVIEW: under_review\nACCEPTED: accepted\nREFLECTED: reflected\nDECLINED: declined'),
        ], indexes=[('proposal_id', 'at')], description="One step of a proposal's review: who moved it, when, from where to where, and why."),
        create_table('ThemeTag', 'theme_tag', [
            serial_id(),
            tenant('theme_tags'),
            ('subject', fields.CharField(max_length=32)),
            ('record_id', fields.UUIDField()),
            ('theme', fields.CharField(max_length=40)),
        ], unique_together=(('subject', 'record_id', 'theme'),), indexes=[('subject', 'theme', 'record_id')], description='One theme on one record, so that "proposals on gender" is an indexed lookup.'),
        row_level_security('proposal', 'proposal_transition', 'theme_tag'),
        ops.RunPython(_tag_organisations, _nothing),
    ]
