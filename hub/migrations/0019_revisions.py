from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields


from hub.migrations._revisions import (
    EVENTS,
    SQLITE_UPSERT,
    by_dialect,
    pg_drop_tenant_triggers,
    pg_tenant_triggers,
    sqlite_drop_triggers,
    sqlite_tenant_triggers,
)
from hub.migrations._tables import create_table

# Triggers count every writing statement per tenant (and, for the tables without a
# tenant, in the "global" scope), so cached read results know when they are stale, whoever
# wrote: this process, another one, the CLI or plain SQL. Audit entries, API tokens and
# Casbin rules are left out: reading confidential rows appends audit entries (such reads
# are never cached), tokens are checked before any cached result is used, and a change of
# rules reaches each process through its policy reload, which the cache keys on.
_TENANT_TABLES = (
    "advocacy_note", "consultation", "consultation_participant", "consultation_session",
    "contact", "fund", "fund_mou", "fund_pledge", "fund_project",
    "fund_steering_committee_member", "fund_thematic_area", "initiative",
    "knowledge_resource", "organisation", "proposal", "proposal_transition", "statement",
    "statement_transition", "theme_tag", "work_plan_priority", "work_stream",
    "work_stream_membership",
)
_GLOBAL_TABLES = ("hub_user", "tenant")

# SECURITY DEFINER: requests write as the restricted application role, which has no
# rights on the counters; the function runs as their owner instead.
_PG_FUNCTIONS = [
    """CREATE FUNCTION hub_count_tenant_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO revision (scope, revision)
    SELECT DISTINCT CAST(tenant_id AS TEXT), 1 FROM changed_rows
    ON CONFLICT (scope) DO UPDATE SET revision = revision.revision + 1;
    RETURN NULL;
END $$""",
    """CREATE FUNCTION hub_count_global_write() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    INSERT INTO revision (scope, revision) VALUES ('global', 1)
    ON CONFLICT (scope) DO UPDATE SET revision = revision.revision + 1;
    RETURN NULL;
END $$""",
]


def _pg_forward() -> list[str]:
    global_triggers = [
        f"CREATE TRIGGER count_write AFTER INSERT OR UPDATE OR DELETE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION hub_count_global_write()"
        for table in _GLOBAL_TABLES
    ]
    return _PG_FUNCTIONS + pg_tenant_triggers(_TENANT_TABLES) + global_triggers


def _pg_backward() -> list[str]:
    statements = pg_drop_tenant_triggers(_TENANT_TABLES)
    statements += [f"DROP TRIGGER count_write ON {table}" for table in _GLOBAL_TABLES]
    return statements + [
        "DROP FUNCTION hub_count_tenant_write()",
        "DROP FUNCTION hub_count_global_write()",
    ]


def _sqlite_forward() -> list[str]:
    global_triggers = [
        f"CREATE TRIGGER {table}_count_{event.lower()} AFTER {event} ON {table} "
        f"BEGIN {SQLITE_UPSERT.format(scope=chr(39) + 'global' + chr(39))}; END"
        for table in _GLOBAL_TABLES
        for event in EVENTS
    ]
    return sqlite_tenant_triggers(_TENANT_TABLES) + global_triggers


def _sqlite_backward() -> list[str]:
    return sqlite_drop_triggers(_TENANT_TABLES + _GLOBAL_TABLES)


class Migration(migrations.Migration):
    dependencies = [('hub', '0018_trusted_documents')]

    initial = False

    operations = [
        create_table('Revision', 'revision', [
            ('scope', fields.CharField(primary_key=True, unique=True, db_index=True, max_length=36)),
            ('revision', fields.BigIntField(default=0)),
        ], primary_key='scope', description="How many writing statements have touched a tenant's rows (or the global tables)."),
        ops.RunPython(
            by_dialect(_pg_forward(), _sqlite_forward()),
            by_dialect(_pg_backward(), _sqlite_backward()),
        ),
    ]
