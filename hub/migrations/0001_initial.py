from tortoise import migrations
from tortoise.migrations import operations as ops
import functools
from hub.core.classification import Classification
from hub.tenancy.models import TenantLevel
from hub.workplan.models import WorkStreamStatus
from json import dumps, loads
from tortoise.fields.base import OnDelete
from uuid import uuid4
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='CasbinRule',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('ptype', fields.CharField(max_length=8)),
                ('v0', fields.CharField(default='', max_length=255)),
                ('v1', fields.CharField(default='', max_length=255)),
                ('v2', fields.CharField(default='', max_length=255)),
                ('v3', fields.CharField(default='', max_length=255)),
                ('v4', fields.CharField(default='', max_length=255)),
                ('v5', fields.CharField(default='', max_length=255)),
            ],
            options={'table': 'casbin_rule', 'app': 'hub', 'unique_together': (('ptype', 'v0', 'v1', 'v2', 'v3', 'v4', 'v5'),), 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Tenant',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('slug', fields.CharField(unique=True, max_length=63)),
                ('name', fields.CharField(max_length=200)),
                ('level', fields.CharEnumField(description='GLOBAL: global\nREGIONAL: regional\nNATIONAL: national\nLOCAL: local', enum_type=TenantLevel, max_length=16)),
                ('parent', fields.ForeignKeyField('hub.Tenant', source_field='parent_id', null=True, db_constraint=True, to_field='id', related_name='children', on_delete=OnDelete.RESTRICT)),
                ('path', fields.CharField(unique=True, max_length=500)),
                ('default_language', fields.CharField(default='en', max_length=8)),
                ('languages', fields.JSONField(default=list, encoder=functools.partial(dumps, separators=(',', ':')), decoder=loads)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'tenant', 'app': 'hub', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='User',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('email', fields.CharField(unique=True, max_length=254)),
                ('name', fields.CharField(default='', max_length=200)),
                ('home_tenant', fields.ForeignKeyField('hub.Tenant', source_field='home_tenant_id', null=True, db_constraint=True, to_field='id', related_name='home_users', on_delete=OnDelete.SET_NULL)),
                ('is_active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
            ],
            options={'table': 'hub_user', 'app': 'hub', 'pk_attr': 'id'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ApiToken',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('user', fields.ForeignKeyField('hub.User', source_field='user_id', db_constraint=True, to_field='id', related_name='api_tokens', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=200)),
                ('secret_hash', fields.CharField(unique=True, max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'api_token', 'app': 'hub', 'pk_attr': 'id', 'table_description': 'A long-lived token for scripts. Only a hash of its secret is stored.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WorkStream',
            fields=[
                ('id', fields.UUIDField(primary_key=True, default=uuid4, unique=True, db_index=True)),
                ('tenant', fields.ForeignKeyField('hub.Tenant', source_field='tenant_id', db_constraint=True, to_field='id', related_name='work_streams', on_delete=OnDelete.RESTRICT)),
                ('title', fields.CharField(max_length=300)),
                ('description', fields.TextField(default='', unique=False)),
                ('status', fields.CharEnumField(default=WorkStreamStatus.PROPOSED, description='PROPOSED: proposed\nACTIVE: active\nPAUSED: paused\nCLOSED: closed', enum_type=WorkStreamStatus, max_length=16)),
                ('classification', fields.CharEnumField(default=Classification.NETWORK, description='PUBLIC: public\nNETWORK: network\nRESTRICTED: restricted\nCONFIDENTIAL: confidential', enum_type=Classification, max_length=16)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('updated_at', fields.DatetimeField(auto_now=True, auto_now_add=False)),
            ],
            options={'table': 'work_stream', 'app': 'hub', 'indexes': [Index(fields=['tenant_id', 'created_at']), Index(fields=['tenant_id', 'title'])], 'pk_attr': 'id'},
            bases=['Model'],
        ),
    ]
