from tortoise import migrations

from hub.migrations._tables import add_archived_at


class Migration(migrations.Migration):
    dependencies = [('hub', '0014_knowledge_resources')]

    initial = False

    operations = [
        add_archived_at('WorkStream'),
    ]
