"""People who call the hub and the API tokens that scripts use."""

from __future__ import annotations

from tortoise import fields

from hub.core.model_mixins import Created
from hub.tenancy.models import Tenant


class User(Created):
    id = fields.UUIDField(primary_key=True)
    email = fields.CharField(max_length=254, unique=True)
    name = fields.CharField(max_length=200, default="")
    home_tenant: fields.ForeignKeyNullableRelation[Tenant] = fields.ForeignKeyField(
        "hub.Tenant", related_name="home_users", null=True, on_delete=fields.SET_NULL
    )
    is_active = fields.BooleanField(default=True)

    home_tenant_id: str | None

    class Meta:
        table = "hub_user"


class ApiToken(Created):
    """A long-lived token for scripts. Only a hash of its secret is stored."""

    id = fields.UUIDField(primary_key=True)
    user: fields.ForeignKeyRelation[User] = fields.ForeignKeyField(
        "hub.User", related_name="api_tokens", on_delete=fields.CASCADE
    )
    name = fields.CharField(max_length=200)
    secret_hash = fields.CharField(max_length=64, unique=True)
    # The secret's first characters, not enough to use it: enough to recognise a leaked
    # secret among the tokens listed. Null for tokens created before it was kept.
    prefix = fields.CharField(max_length=16, null=True)
    expires_at = fields.DatetimeField(null=True)
    revoked_at = fields.DatetimeField(null=True)

    user_id: str

    class Meta:
        table = "api_token"
