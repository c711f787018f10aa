from tortoise import fields, migrations

from hub.migrations._row_security import row_level_security
from hub.migrations._tables import insert_time, optional_time, tenant_table, text

# E-mail notifications, written with the change they tell about and sent by a worker with
# retries. Only the worker (the tables' owner) reads across tenants; requests write their
# tenant's, as for every tenant-owned table.


class Migration(migrations.Migration):
    dependencies = [('hub', '0028_participant_gender')]

    initial = False

    operations = [
        tenant_table('MailMessage', 'mail_message', 'mail_messages', [
            insert_time('created_at'),
            ('recipient', fields.CharField(max_length=254)),
            ('subject', fields.CharField(max_length=300)),
            ('body', fields.TextField()),
            ('about', fields.CharField(max_length=64)),
            ('object_id', fields.UUIDField()),
            ('attempts', fields.SmallIntField(default=0)),
            ('next_attempt_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            optional_time('sent_at'),
            optional_time('given_up_at'),
            text('last_error'),
        ], indexes=[('sent_at', 'given_up_at', 'next_attempt_at')], description='One e-mail to one recipient, kept after it is sent.'),
        row_level_security('mail_message'),
    ]
