from tortoise import migrations

from hub.migrations._tables import add_translations


class Migration(migrations.Migration):
    dependencies = [('hub', '0015_work_stream_archive')]

    initial = False

    operations = [
        *add_translations('WorkStream'),
    ]
