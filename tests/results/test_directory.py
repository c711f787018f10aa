"""Users and tenants come from the process's cache until a write changes them."""

from __future__ import annotations

from tortoise import Tortoise

from hub.auth.models import User
from hub.tenancy.models import Tenant
from tests.conftest import Client

VIEWER = "{ viewer { email } }"
TEAM = "team.bangladesh@network.example.org"


async def test_steady_requests_look_neither_user_nor_tenant_up(
    client: Client, sql_log: list[str]
) -> None:
    # given
    await client.warm(TEAM)
    sql_log.clear()
    # when
    reply = await client.gql(VIEWER, user=TEAM)
    # then
    assert reply.errors == []
    assert not [s for s in sql_log if '"hub_user"' in s or 'FROM "tenant"' in s], sql_log


async def test_a_deactivated_user_is_refused_at_the_next_request(client: Client) -> None:
    # given
    await client.warm(TEAM)
    # when
    await User.filter(email=TEAM).update(is_active=False)
    reply = await client.gql(VIEWER, user=TEAM)
    # then
    assert reply.status == 401
    assert reply.codes == ["UNAUTHENTICATED"]


async def test_a_user_deactivated_by_plain_sql_is_refused_too(client: Client) -> None:
    # given
    await client.warm(TEAM)
    # when another process (or an operator) changes the table
    await Tortoise.get_connection("default").execute_script(
        f"UPDATE hub_user SET is_active = false WHERE email = '{TEAM}'"
    )
    reply = await client.gql(VIEWER, user=TEAM)
    # then
    assert reply.status == 401


async def test_a_renamed_tenant_answers_by_its_new_slug_only(client: Client) -> None:
    # given
    await client.warm(TEAM, tenant="bangladesh")
    # when
    await Tenant.filter(slug="bangladesh").update(slug="bangladesh-office")
    old = await client.gql(VIEWER, user=TEAM, tenant="bangladesh")
    new = await client.gql(VIEWER, user=TEAM, tenant="bangladesh-office")
    # then
    assert old.codes == ["NOT_FOUND"]
    assert new.errors == []
