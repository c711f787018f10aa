from tortoise import migrations

from hub.migrations._tables import add_index

# A caller whose subtree holds many tenants filters on tenant_id=ANY(...): the indexes on
# (tenant_id, sort key) cannot return those rows in order, so PostgreSQL read and sorted
# every visible row for one page (3,409 buffers for the first 20 proposals of the global
# tenant of the benchmark network). Walking the sort key in order and stopping after a page
# reads about a page (24 buffers); one tenant keeps its (tenant_id, sort key) index.

class Migration(migrations.Migration):
    dependencies = [('hub', '0022_network_reach')]

    initial = False

    operations = [
        add_index('Proposal', 'submitted_at', 'id'),
        add_index('WorkStream', 'created_at', 'id'),
    ]
