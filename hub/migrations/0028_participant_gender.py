from tortoise import fields, migrations

from hub.consultations.models import Gender
from hub.migrations._tables import add_column

# The gender balance of a consultation's participants, where recorded.


class Migration(migrations.Migration):
    dependencies = [('hub', '0027_proposal_origin')]

    initial = False

    operations = [
        add_column('Participant', ('gender', fields.CharEnumField(null=True, description='WOMAN: woman\nMAN: man\nANOTHER: another', enum_type=Gender, max_length=8))),
    ]
