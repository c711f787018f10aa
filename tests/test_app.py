from __future__ import annotations

from tests.conftest import Client


async def test_healthz_answers_without_a_token(client: Client) -> None:
    # when
    reply = await client.http.get("/healthz")
    # then
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok"}


async def test_readyz_checks_database_pool_and_policies(client: Client) -> None:
    # when
    reply = await client.http.get("/readyz")
    # then
    assert reply.status_code == 200
    assert reply.json()["checks"] == {"database": True, "pool": True, "policies": True}


async def test_viewer_shows_email_tenant_and_roles(client: Client) -> None:
    # when
    reply = await client.gql(
        "{ viewer { email tenant { slug name path level } roles } }",
        user="focal.asia-pacific@network.example.org",
        tenant="bangladesh",
    )
    # then
    assert reply.status == 200, reply.body
    assert reply.data["viewer"] == {
        "email": "focal.asia-pacific@network.example.org",
        "tenant": {
            "slug": "bangladesh",
            "name": "UN Network on Migration in Bangladesh",
            "path": "/global/asia-pacific/bangladesh",
            "level": "NATIONAL",
        },
        "roles": ["regional_focal_point"],
    }
