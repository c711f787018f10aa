from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

from hub.migrations._tables import serial_id, insert_time


class Migration(migrations.Migration):
    dependencies = [('hub', '0020_api_token_prefix')]

    initial = False

    operations = [
        ops.CreateModel(
            name='IdempotentAnswer',
            fields=[
                serial_id(),
                ('user_id', fields.UUIDField()),
                ('key', fields.CharField(max_length=210)),
                ('fingerprint', fields.CharField(max_length=64)),
                ('answer', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
                insert_time('created_at'),
            ],
            options={'table': 'idempotent_answer', 'app': 'hub', 'unique_together': (('user_id', 'key'),), 'pk_attr': 'id', 'table_description': "A caller's key, the request it was first sent with, and that request's answer."},
            bases=['Model'],
        ),
    ]
