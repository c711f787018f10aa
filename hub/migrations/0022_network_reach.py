from tortoise import migrations
from tortoise.migrations import operations as ops

from hub.migrations._row_security import on_postgres

# Row-Level Security widened for reads as far as the reach rules (p2) let records travel,
# and no further. A request's transaction names what reaches it in the setting hub.reach:
# entries "resource|tenant path|classification", or "resource|*|classification" for records
# of any tenant. The policies added here are for SELECT only and are OR-ed with the tenant
# subtree policy of 0003 and after: writes stay confined to the subtree.
_REACHES = """CREATE FUNCTION hub_reaches(resource text, row_tenant uuid, classification text)
RETURNS boolean LANGUAGE sql STABLE AS $$
    SELECT COALESCE(NULLIF(current_setting('hub.reach', true), ''), '') <> ''
       AND ((resource || '|*|' || classification)
                = ANY (string_to_array(current_setting('hub.reach', true), ','))
            OR EXISTS (
                SELECT 1 FROM tenant t
                WHERE t.id = row_tenant
                  AND (resource || '|' || t.path || '|' || classification)
                      = ANY (string_to_array(current_setting('hub.reach', true), ','))))
$$"""

# Tables with a classification, by the resource the policy names them by.
_CLASSIFIED = {
    "advocacy_note": "advocacy_note",
    "consultation": "consultation",
    "consultation_participant": "consultation",
    "consultation_session": "consultation",
    "contact": "contact",
    "fund": "fund",
    "fund_mou": "fund",
    "fund_pledge": "fund.pledge",
    "fund_project": "fund",
    "fund_steering_committee_member": "fund",
    "fund_thematic_area": "fund",
    "initiative": "initiative",
    "knowledge_resource": "knowledge_resource",
    "organisation": "organisation",
    "proposal": "proposal",
    "statement": "statement",
    "work_plan_priority": "work_plan",
    "work_stream": "work_stream",
    "work_stream_membership": "work_stream",
}
# Tables without one, whose rows belong to a record of another table: visible with it.
_PARTS = {
    "proposal_transition": ("proposal", "proposal_id"),
    "statement_transition": ("statement", "statement_id"),
}
# Theme tags name their record by kind and id.
_TAGGED = {
    "initiative": "initiative",
    "knowledge_resource": "knowledge_resource",
    "organisation": "organisation",
    "priority": "work_plan_priority",
    "proposal": "proposal",
}

_TAG_RECORD_VISIBLE = " ".join(
    f"WHEN '{kind}' THEN EXISTS (SELECT 1 FROM {table} r WHERE r.id = theme_tag.record_id)"
    for kind, table in _TAGGED.items()
)

# A fund's totals are shown wherever the fund is, though pledges by donor do not travel:
# the sums of the pledges of the funds the caller sees, computed as the tables' owner.
# Callers pass the ids through a query of their own, which their row security filters.
_PLEDGE_SUMS = """CREATE FUNCTION hub_fund_pledge_sums(funds uuid[])
RETURNS TABLE (fund_id uuid, currency text, status text, amount numeric)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path FROM CURRENT AS $$
    SELECT p.fund_id, p.currency::text, p.status::text, SUM(p.amount)::numeric
    FROM fund_pledge p WHERE p.fund_id = ANY (funds)
    GROUP BY p.fund_id, p.currency, p.status
$$"""

FORWARD = [
    _REACHES,
    _PLEDGE_SUMS,
    *(
        f"CREATE POLICY network_reach ON {table} FOR SELECT "
        f"USING (hub_reaches('{resource}', tenant_id, classification))"
        for table, resource in _CLASSIFIED.items()
    ),
    *(
        f"CREATE POLICY network_reach ON {table} FOR SELECT "
        f"USING (EXISTS (SELECT 1 FROM {parent} p WHERE p.id = {table}.{key}))"
        for table, (parent, key) in _PARTS.items()
    ),
    "CREATE POLICY network_reach ON theme_tag FOR SELECT "
    f"USING (CASE subject {_TAG_RECORD_VISIBLE} ELSE false END)",
]
BACKWARD = [
    *(
        f"DROP POLICY IF EXISTS network_reach ON {table}"
        for table in (*_CLASSIFIED, *_PARTS, "theme_tag")
    ),
    "DROP FUNCTION IF EXISTS hub_fund_pledge_sums(uuid[])",
    "DROP FUNCTION IF EXISTS hub_reaches(text, uuid, text)",
]


class Migration(migrations.Migration):
    dependencies = [("hub", "0021_idempotent_answers")]

    operations = [ops.RunPython(on_postgres(FORWARD), on_postgres(BACKWARD))]
