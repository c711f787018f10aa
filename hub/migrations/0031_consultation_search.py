import json
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops

# A consultation's search finds a word of its summary as well as of its title, in any
# language, as an initiative's and a knowledge resource's do.
_LANGUAGES = ("ar", "en", "es", "fr", "ru", "zh")


def _texts(raw: Any) -> str:
    values = json.loads(raw) if isinstance(raw, str) else (raw or {})
    return "\n".join(values[code] for code in _LANGUAGES if values.get(code))


async def _with_summaries(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = schema_editor.DIALECT == "postgres"
    rows = await client.execute_query_dict("SELECT id, title, summary FROM consultation")
    update = (
        "UPDATE consultation SET search_text = $1 WHERE id = $2"
        if postgres
        else "UPDATE consultation SET search_text = ? WHERE id = ?"
    )
    for row in rows:
        text = "\n".join(t for t in (_texts(row["title"]), _texts(row["summary"])) if t)
        await client.execute_query(update, [text, row["id"]])


async def _titles_only(apps: Any, schema_editor: Any) -> None:
    client = schema_editor.client
    postgres = schema_editor.DIALECT == "postgres"
    rows = await client.execute_query_dict("SELECT id, title FROM consultation")
    update = (
        "UPDATE consultation SET search_text = $1 WHERE id = $2"
        if postgres
        else "UPDATE consultation SET search_text = ? WHERE id = ?"
    )
    for row in rows:
        await client.execute_query(update, [_texts(row["title"]), row["id"]])


class Migration(migrations.Migration):
    dependencies = [('hub', '0030_proposal_discussion')]

    initial = False

    operations = [ops.RunPython(_with_summaries, _titles_only)]
