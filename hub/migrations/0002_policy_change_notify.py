"""On PostgreSQL, every change to the rules notifies the ``hub_policy`` channel, whoever
makes it (a server, the CLI or plain SQL), so that every server process reloads at once."""

from __future__ import annotations

from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

CHANNEL = "hub_policy"

FORWARD = f"""
CREATE OR REPLACE FUNCTION hub_notify_policy_change() RETURNS trigger AS $$
BEGIN
    PERFORM pg_notify('{CHANNEL}', TG_OP);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;
CREATE TRIGGER casbin_rule_notify
    AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON casbin_rule
    FOR EACH STATEMENT EXECUTE FUNCTION hub_notify_policy_change();
"""

BACKWARD = """
DROP TRIGGER IF EXISTS casbin_rule_notify ON casbin_rule;
DROP FUNCTION IF EXISTS hub_notify_policy_change();
"""


def _on_postgres(sql: str) -> Any:
    async def run(apps: Any, schema_editor: Any) -> None:
        if schema_editor.DIALECT == "postgres":
            await schema_editor.client.execute_script(sql)

    return run


class Migration(migrations.Migration):
    dependencies = [("hub", "0001_initial")]

    operations = [ops.RunPython(_on_postgres(FORWARD), _on_postgres(BACKWARD))]
