from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

# Tokens created before this keep a null prefix: only their secrets' hashes were stored.

class Migration(migrations.Migration):
    dependencies = [('hub', '0019_revisions')]

    initial = False

    operations = [
        ops.AddField(
            model_name='ApiToken',
            name='prefix',
            field=fields.CharField(null=True, max_length=16),
        ),
    ]
