from tortoise import migrations

from hub.migrations._tables import add_archived_at, add_column, optional_time


class Migration(migrations.Migration):
    dependencies = [('hub', '0011_work_plan')]

    initial = False

    operations = [
        add_column('Contact', optional_time('erased_at')),
        add_archived_at('Organisation'),
    ]
