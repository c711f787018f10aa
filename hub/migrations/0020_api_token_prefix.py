from tortoise import migrations
from tortoise import fields

from hub.migrations._tables import add_column

# Tokens created before this keep a null prefix: only their secrets' hashes were stored.

class Migration(migrations.Migration):
    dependencies = [('hub', '0019_revisions')]

    initial = False

    operations = [
        add_column('ApiToken', ('prefix', fields.CharField(null=True, max_length=16))),
    ]
