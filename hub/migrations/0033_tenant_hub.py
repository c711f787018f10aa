from tortoise import fields, migrations

from hub.migrations._tables import add_column

# Federation: each tenant names the hub that owns it. Every existing tenant names none, and
# so stays the own of the hub whose database holds it; so does a tenant written by a tool
# that does not know the column (a bulk COPY), through the database's default.


class Migration(migrations.Migration):
    dependencies = [('hub', '0032_one_participation')]

    initial = False

    operations = [
        add_column('Tenant', ('hub', fields.CharField(default='', db_default='', max_length=63))),
    ]
