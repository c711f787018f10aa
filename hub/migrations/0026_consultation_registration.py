from tortoise import fields, migrations

from hub.migrations._tables import add_column, filled

# Partners register their organisations for an open consultation themselves, until its
# deadline and while places are left.


class Migration(migrations.Migration):
    dependencies = [('hub', '0025_fund_management')]

    initial = False

    operations = [
        filled(add_column('Consultation', ('open_for_registration', fields.BooleanField(default=False))), False),
        add_column('Consultation', ('registration_deadline', fields.DateField(null=True))),
        add_column('Consultation', ('capacity', fields.IntField(null=True))),
        filled(add_column('Participant', ('registered_by', fields.CharField(default='', max_length=254))), ''),
    ]
