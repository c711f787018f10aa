from tortoise import migrations
from hub.tenancy.models import TenantLevel
from hub.workplan.models import WorkStreamStatus
from tortoise.fields.base import OnDelete
from tortoise import fields

from hub.migrations._tables import uuid_id, foreign_key, classification, insert_time, optional_time, text, json_value, create_table, tenant_table, record_times


class Migration(migrations.Migration):
    initial = True

    operations = [
        create_table('CasbinRule', 'casbin_rule', [
            ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
            ('ptype', fields.CharField(max_length=8)),
            ('v0', fields.CharField(default='', max_length=255)),
            ('v1', fields.CharField(default='', max_length=255)),
            ('v2', fields.CharField(default='', max_length=255)),
            ('v3', fields.CharField(default='', max_length=255)),
            ('v4', fields.CharField(default='', max_length=255)),
            ('v5', fields.CharField(default='', max_length=255)),
        ], unique_together=(('ptype', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5'),)),
        create_table('Tenant', 'tenant', [
            uuid_id(),
            ('slug', fields.CharField(unique=True, max_length=63)),
            ('name', fields.CharField(max_length=200)),
            ('level', fields.CharEnumField(description='GLOBAL: global\nREGIONAL: regional\nNATIONAL: national\nLOCAL: local', enum_type=TenantLevel, max_length=16)),
            foreign_key('parent', 'hub.Tenant', 'children', null=True),
            ('path', fields.CharField(unique=True, max_length=500)),
            ('default_language', fields.CharField(default='en', max_length=8)),
            json_value('languages', list),
            *record_times(),
        ]),
        create_table('User', 'hub_user', [
            uuid_id(),
            ('email', fields.CharField(unique=True, max_length=254)),
            ('name', fields.CharField(default='', max_length=200)),
            foreign_key('home_tenant', 'hub.Tenant', 'home_users', null=True, on_delete=OnDelete.SET_NULL),
            ('is_active', fields.BooleanField(default=True)),
            insert_time('created_at'),
        ]),
        create_table('ApiToken', 'api_token', [
            uuid_id(),
            foreign_key('user', 'hub.User', 'api_tokens', on_delete=OnDelete.CASCADE),
            ('name', fields.CharField(max_length=200)),
            ('secret_hash', fields.CharField(unique=True, max_length=64)),
            insert_time('created_at'),
            optional_time('expires_at'),
            optional_time('revoked_at'),
        ], description='A long-lived token for scripts. Only a hash of its secret is stored.'),
        tenant_table('WorkStream', 'work_stream', 'work_streams', [
            ('title', fields.CharField(max_length=300)),
            text('description'),
            ('status', fields.CharEnumField(default=WorkStreamStatus.PROPOSED, description='PROPOSED: proposed\nACTIVE: active\nPAUSED: paused\nCLOSED: closed', enum_type=WorkStreamStatus, max_length=16)),
            classification(),
            *record_times(),
        ], indexes=[('tenant_id', 'created_at'), ('tenant_id', 'title')]),
    ]
