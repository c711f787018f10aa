from tortoise import fields, migrations
from tortoise.fields.base import OnDelete
from tortoise.migrations import operations as ops

from hub.migrations._row_security import on_postgres, protect, unprotect
from hub.core.classification import Classification
from hub.migrations._tables import create_table, model_only

# A list's totalCount counted every visible row (3,319 buffers for the proposals of the
# global tenant of the benchmark network). Where a list's rows are its scope and
# "archived_at IS NULL" alone, the scope depends on a row's tenant and classification
# only, so the total is the sum of these counters over the pairs the same scope selects
# (docs/total-counts.md). PostgreSQL only: SQLite counts its few rows.

# The counted tables, by the resource that reach rules (0022) name their rows by.
_COUNTED = {"proposal": "proposal", "work_stream": "work_stream"}
_TABLES = ", ".join(_COUNTED)
_RESOURCE = " ".join(f"WHEN '{table}' THEN '{resource}'" for table, resource in _COUNTED.items())

_TABLE = """CREATE TABLE listed_count (
    table_name VARCHAR(63) NOT NULL,
    tenant_id UUID NOT NULL REFERENCES tenant (id) ON DELETE CASCADE,
    classification VARCHAR(16) NOT NULL,
    rows BIGINT NOT NULL,
    PRIMARY KEY (table_name, tenant_id, classification)
)"""

# The deltas of one statement, summed by key and applied in key order: one upsert per key
# keeps a COPY of many rows cheap, and the order keeps two writers from deadlocking.
_UPSERT = """INSERT INTO listed_count AS c (table_name, tenant_id, classification, rows)
        SELECT TG_TABLE_NAME, d.tenant_id, d.classification, sum(d.delta)
        FROM ({deltas}) AS d
        GROUP BY d.tenant_id, d.classification
        HAVING sum(d.delta) <> 0
        ORDER BY d.tenant_id, d.classification
        ON CONFLICT (table_name, tenant_id, classification)
        DO UPDATE SET rows = c.rows + EXCLUDED.rows"""
_ADDED = "SELECT tenant_id, classification, 1 AS delta FROM new_rows WHERE archived_at IS NULL"
_REMOVED = "SELECT tenant_id, classification, -1 AS delta FROM old_rows WHERE archived_at IS NULL"

# SECURITY DEFINER: requests write as the restricted application role, which may only read
# the counters; the function runs as their owner. A transition table exists only for the
# events that have it, so each event reads its own.
_COUNT = f"""CREATE FUNCTION hub_count_listed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        {_UPSERT.format(deltas=_ADDED)};
    ELSIF TG_OP = 'DELETE' THEN
        {_UPSERT.format(deltas=_REMOVED)};
    ELSE
        {_UPSERT.format(deltas=f"{_REMOVED} UNION ALL {_ADDED}")};
    END IF;
    RETURN NULL;
END $$"""
_FORGET = """CREATE FUNCTION hub_forget_listed() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path FROM CURRENT AS $$
BEGIN
    DELETE FROM listed_count WHERE table_name = TG_TABLE_NAME;
    RETURN NULL;
END $$"""

_REFERENCING = {
    "INSERT": "NEW TABLE AS new_rows",
    "UPDATE": "OLD TABLE AS old_rows NEW TABLE AS new_rows",
    "DELETE": "OLD TABLE AS old_rows",
}

FORWARD = [
    _TABLE,
    "REVOKE INSERT, UPDATE, DELETE ON listed_count FROM hub_app",
    *protect(["listed_count"]),
    "CREATE POLICY network_reach ON listed_count FOR SELECT "
    f"USING (hub_reaches(CASE table_name {_RESOURCE} END, tenant_id, classification))",
    _COUNT,
    _FORGET,
    # No write may fall between the count and the triggers: the lock (the one CREATE
    # TRIGGER takes, so that it need not be raised) holds writers until the commit.
    f"LOCK TABLE {_TABLES} IN SHARE ROW EXCLUSIVE MODE",
    *(
        "INSERT INTO listed_count (table_name, tenant_id, classification, rows) "
        f"SELECT '{table}', tenant_id, classification, count(*) FROM {table} "
        "WHERE archived_at IS NULL GROUP BY tenant_id, classification"
        for table in _COUNTED
    ),
    *(
        f"CREATE TRIGGER listed_{event.lower()} AFTER {event} ON {table} "
        f"REFERENCING {referencing} FOR EACH STATEMENT EXECUTE FUNCTION hub_count_listed()"
        for table in _COUNTED
        for event, referencing in _REFERENCING.items()
    ),
    *(
        f"CREATE TRIGGER listed_truncate AFTER TRUNCATE ON {table} "
        "FOR EACH STATEMENT EXECUTE FUNCTION hub_forget_listed()"
        for table in _COUNTED
    ),
]
BACKWARD = [
    *(
        f"DROP TRIGGER IF EXISTS listed_{event} ON {table}"
        for table in _COUNTED
        for event in ("insert", "update", "delete", "truncate")
    ),
    "DROP FUNCTION IF EXISTS hub_count_listed()",
    "DROP FUNCTION IF EXISTS hub_forget_listed()",
    "DROP POLICY IF EXISTS network_reach ON listed_count",
    *unprotect(["listed_count"]),
    "DROP TABLE IF EXISTS listed_count",
]


class Migration(migrations.Migration):
    dependencies = [("hub", "0023_sort_key_indexes")]

    initial = False

    operations = [
        model_only(
            create_table(
                "ListedCount",
                "listed_count",
                [
                    (
                        "table_name",
                        fields.CharField(
                            primary_key=True, unique=True, db_index=True, max_length=63
                        ),
                    ),
                    (
                        "tenant",
                        fields.ForeignKeyField(
                            "hub.Tenant",
                            source_field="tenant_id",
                            db_constraint=True,
                            to_field="id",
                            related_name=False,
                            on_delete=OnDelete.CASCADE,
                        ),
                    ),
                    (
                        "classification",
                        fields.CharEnumField(
                            description=(
                                "PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\n"
                                "CONFIDENTIAL: confidential"
                            ),
                            enum_type=Classification,
                            max_length=16,
                        ),
                    ),
                    ("rows", fields.BigIntField()),
                ],
                primary_key="table_name",
                description=(
                    "Unarchived rows of a listed table by tenant and classification "
                    "(PostgreSQL only)."
                ),
            )
        ),
        ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD)),
    ]
