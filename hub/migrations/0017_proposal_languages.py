from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from json import dumps, loads
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('hub', '0016_work_stream_languages')]

    initial = False

    operations = [
        ops.AddField(
            model_name='Proposal',
            name='language',
            field=fields.CharField(default='en', max_length=2),
        ),
        ops.AddField(
            model_name='Proposal',
            name='search_text',
            field=fields.TextField(default='', unique=False),
        ),
        ops.AddField(
            model_name='Proposal',
            name='translations',
            field=fields.JSONField(default=dict, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads),
        ),
    ]
