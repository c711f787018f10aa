from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

from hub.migrations._tables import add_archived_at


class Migration(migrations.Migration):
    dependencies = [('hub', '0011_work_plan')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Contact',
            name='erased_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        add_archived_at('Organisation'),
    ]
