from tortoise import fields, migrations

from hub.migrations._tables import add_column

# Federation: each tenant names the hub that owns it. Every existing tenant names none, and
# so stays the own of the hub whose database holds it.


class Migration(migrations.Migration):
    dependencies = [('hub', '0032_one_participation')]

    initial = False

    operations = [
        add_column('Tenant', ('hub', fields.CharField(default='', max_length=63))),
    ]
