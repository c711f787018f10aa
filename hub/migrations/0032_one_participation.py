from itertools import groupby
from typing import Any

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.migrations.constraints import UniqueConstraint

# An organisation takes part in a consultation once. The service refused a second
# participation under the consultation's lock; the database now refuses it too. Earlier
# versions let an organisation be added twice: its participations are merged first.

_COLUMNS = ("contact_id", "gender", "registered_by")


async def _merged(apps: Any, schema_editor: Any) -> None:
    """Each organisation's participations in a consultation, as its first one: attended if
    any of them was, a contact, gender and registration where the first had none."""
    client = schema_editor.client
    rows = await client.execute_query_dict(
        "SELECT id, consultation_id, organisation_id, contact_id, attended, gender, "
        "registered_by FROM consultation_participant "
        "ORDER BY consultation_id, organisation_id, created_at, id"
    )
    postgres = schema_editor.DIALECT == "postgres"
    mark = (lambda n: f"${n}") if postgres else (lambda n: "?")
    for _, group in groupby(rows, key=lambda r: (r["consultation_id"], r["organisation_id"])):
        first, *others = group
        if not others:
            continue
        every = [first, *others]
        known = [r["attended"] for r in every if r["attended"] is not None]
        merged = {c: next((r[c] for r in every if r[c]), first[c]) for c in _COLUMNS}
        merged["attended"] = any(known) if known else None
        await client.execute_query(
            "UPDATE consultation_participant SET "
            + ", ".join(f"{column} = {mark(n)}" for n, column in enumerate(merged, 1))
            + f" WHERE id = {mark(len(merged) + 1)}",
            [*merged.values(), first["id"]],
        )
        for other in others:
            await client.execute_query(
                f"DELETE FROM consultation_participant WHERE id = {mark(1)}", [other["id"]]
            )


async def _nothing(apps: Any, schema_editor: Any) -> None:
    """Merged participations stay merged."""


class Migration(migrations.Migration):
    dependencies = [('hub', '0031_consultation_search')]

    initial = False

    operations = [
        ops.RunPython(_merged, _nothing),
        ops.AddConstraint(
            model_name='Participant',
            constraint=UniqueConstraint(fields=('consultation_id', 'organisation_id'), name=None),
        ),
    ]
