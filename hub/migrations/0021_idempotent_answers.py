from tortoise import migrations
from orjson import loads
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

from hub.migrations._tables import serial_id, insert_time, create_table


class Migration(migrations.Migration):
    dependencies = [('hub', '0020_api_token_prefix')]

    initial = False

    operations = [
        create_table('IdempotentAnswer', 'idempotent_answer', [
            serial_id(),
            ('user_id', fields.UUIDField()),
            ('key', fields.CharField(max_length=210)),
            ('fingerprint', fields.CharField(max_length=64)),
            ('answer', fields.JSONField(null=True, encoder=JSON_DUMPS, decoder=loads)),
            insert_time('created_at'),
        ], unique_together=(('user_id', 'key'),), description="A caller's key, the request it was first sent with, and that request's answer."),
    ]
