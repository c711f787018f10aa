from tortoise import migrations

from hub.migrations._tables import add_translations


class Migration(migrations.Migration):
    dependencies = [('hub', '0016_work_stream_languages')]

    initial = False

    operations = [
        *add_translations('Proposal'),
    ]
