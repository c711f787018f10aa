from __future__ import annotations

from tests.conftest import Client

VIEWER = "{ viewer { tenant { slug } roles } }"
FOCAL_ASIA = "focal.asia-pacific@network.example.org"


async def test_home_tenant_is_the_default(client: Client) -> None:
    reply = await client.gql(VIEWER, user=FOCAL_ASIA)
    assert reply.data["viewer"] == {
        "tenant": {"slug": "asia-pacific"},
        "roles": ["regional_focal_point"],
    }


async def test_header_selects_a_tenant_in_the_callers_subtree(client: Client) -> None:
    reply = await client.gql(VIEWER, user=FOCAL_ASIA, tenant="dhaka")
    assert reply.data["viewer"]["tenant"] == {"slug": "dhaka"}


async def test_token_may_name_the_default_tenant(client: Client) -> None:
    token = client.token(FOCAL_ASIA, tenant="bangladesh")
    reply = await client.gql(VIEWER, token=token)
    assert reply.data["viewer"]["tenant"] == {"slug": "bangladesh"}


async def test_unknown_tenant_is_not_found(client: Client) -> None:
    reply = await client.gql(VIEWER, user=FOCAL_ASIA, tenant="atlantis")
    assert (reply.status, reply.codes) == (404, ["NOT_FOUND"])
    assert "data" not in reply.body


async def test_tenant_without_a_role_is_forbidden(client: Client) -> None:
    reply = await client.gql(VIEWER, user=FOCAL_ASIA, tenant="europe-central-asia")
    assert (reply.status, reply.codes) == (403, ["FORBIDDEN"])


async def test_roles_from_several_tenants_apply_together(client: Client) -> None:
    # given a partner who also leads a work stream in Dhaka
    from hub.access.service import grant_role

    await grant_role("partner@civil-society.example.org", "work_stream_lead", "dhaka", actor="test")
    await client.reload_policies()
    # when
    in_dhaka = await client.gql(VIEWER, user="partner@civil-society.example.org", tenant="dhaka")
    in_bangladesh = await client.gql(VIEWER, user="partner@civil-society.example.org")
    # then
    assert in_dhaka.data["viewer"]["roles"] == ["civil_society_partner", "work_stream_lead"]
    assert in_bangladesh.data["viewer"]["roles"] == ["civil_society_partner"]


async def test_tenant_may_be_named_in_the_path(client: Client) -> None:
    # when
    reply = await client.http.post(
        "/t/dhaka/graphql",
        json={"query": VIEWER},
        headers={"Authorization": f"Bearer {client.token(FOCAL_ASIA)}"},
    )
    foreign = await client.http.post(
        "/t/spain/graphql",
        json={"query": VIEWER},
        headers={"Authorization": f"Bearer {client.token(FOCAL_ASIA)}"},
    )
    # then
    assert reply.json()["data"]["viewer"]["tenant"] == {"slug": "dhaka"}
    assert foreign.status_code == 403


async def test_path_and_header_must_agree(client: Client) -> None:
    reply = await client.http.post(
        "/t/dhaka/graphql",
        json={"query": VIEWER},
        headers={
            "Authorization": f"Bearer {client.token(FOCAL_ASIA)}",
            "X-Hub-Tenant": "bangladesh",
        },
    )
    assert reply.status_code == 400
    assert reply.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
