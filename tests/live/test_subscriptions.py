"""Subscriptions over real WebSockets (uvicorn in this process): who receives which event.

On SQLite events travel through the in-process bus, on PostgreSQL through NOTIFY and the
app's listening connection. To prove that a subscriber received nothing it must not, a
later event it may see is sent, and it must be the first it gets.
"""

from __future__ import annotations

import asyncio
import base64
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from starlette.applications import Starlette

from hub.access.service import revoke_role
from hub.api.trusted_documents import read_documents
from hub.app import create_app
from hub.auth.models import User
from hub.consultations.models import Consultation
from hub.core.config import Environment, Settings, TrustedDocumentsMode
from hub.directory.models import Organisation
from hub.proposals.models import Proposal
from hub.tenancy.models import Tenant
from hub.trusted.service import register_documents
from tests.conftest import BACKEND, Client, relay_id
from tests.live.wsclient import eventually, opened, serving

COORDINATOR = "coordinator@network.example.org"
PARTNER = "partner@civil-society.example.org"  # civil_society_partner in bangladesh
FOCAL_EUROPE = "focal.europe@network.example.org"
BANGLADESH_ORGANISATION = "Migrant workers' rights network (demo)"
SPAIN_ORGANISATION = "Federación de asociaciones de personas migrantes (demo)"

SUBMITTED = "subscription Submitted { proposalSubmitted { id title classification } }"
STATUS_CHANGED = "subscription Changed { proposalStatusChanged { title status } }"
ANNOUNCED = "subscription Announced { consultationAnnounced { title { text } status } }"

SUBMIT = """
mutation Submit($input: SubmitProposalInput!) {
  submitProposal(input: $input) { proposal { id } errors { code message } }
}
"""
REVIEW = """
mutation Review($input: ReviewProposalInput!) {
  reviewProposal(input: $input) { proposal { status } errors { code } }
}
"""
CREATE_CONSULTATION = """
mutation Create($input: CreateConsultationInput!) {
  createConsultation(input: $input) { consultation { id } errors { code message } }
}
"""
UPDATE_CONSULTATION = """
mutation Update($input: UpdateConsultationInput!) {
  updateConsultation(input: $input) { consultation { status } errors { code } }
}
"""


@pytest.fixture
async def base(app: Starlette) -> AsyncIterator[str]:
    async with serving(app) as url:
        if app.state.live.listener is not None:
            await asyncio.wait_for(app.state.live.listener.connected.wait(), 20)
        yield url


async def subscribed(app: Starlette, count: int) -> None:
    """Wait until ``count`` subscriptions listen: an event sent earlier reaches nobody."""
    await eventually(lambda: app.state.live.fanout.subscribers >= count, "subscribed")


async def submit(client: Client, tenant: str, organisation: str, title: str, level: str) -> str:
    org = await Organisation.get(name=organisation)
    reply = await client.gql(
        SUBMIT,
        {
            "input": {
                "organisation": relay_id("Organisation", org.id),
                "target": "WORK_PLAN",
                "title": title,
                "classification": level,
            }
        },
        user=COORDINATOR,
        tenant=tenant,
    )
    assert reply.data["submitProposal"]["errors"] == [], reply.body
    return str(reply.data["submitProposal"]["proposal"]["id"])


def node(message: dict[str, Any], field: str) -> Any:
    assert message["type"] == "next", message
    assert "errors" not in message["payload"], message
    return message["payload"]["data"][field]


async def test_a_subscriber_receives_only_proposals_it_may_read(
    app: Starlette, base: str, client: Client
) -> None:
    # given a partner in Bangladesh (PUBLIC and NETWORK) and the Europe focal point
    async with (
        opened(base, "/t/bangladesh/graphql", token=client.token(PARTNER)) as partner,
        opened(base, token=client.token(FOCAL_EUROPE)) as europe,
    ):
        await partner.subscribe(SUBMITTED)
        await europe.subscribe(SUBMITTED)
        await subscribed(app, 2)
        # when a RESTRICTED proposal arrives in Bangladesh, then NETWORK ones in Spain and
        # in Bangladesh
        await submit(client, "bangladesh", BANGLADESH_ORGANISATION, "Restricted", "RESTRICTED")
        spain = await submit(client, "spain", SPAIN_ORGANISATION, "In Spain", "NETWORK")
        bangladesh = await submit(
            client, "bangladesh", BANGLADESH_ORGANISATION, "In Bangladesh", "NETWORK"
        )
        # then each receives first the one it may read in its own tenant
        assert node(await partner.next_payload(), "proposalSubmitted") == {
            "id": bangladesh,
            "title": "In Bangladesh",
            "classification": "NETWORK",
        }
        assert node(await europe.next_payload(), "proposalSubmitted")["id"] == spain


async def test_a_review_step_is_delivered_with_the_new_status(
    app: Starlette, base: str, client: Client
) -> None:
    # given
    proposal = await Proposal.get(title="Address racism and xenophobia")
    async with opened(base, token=client.token(COORDINATOR)) as coordinator:
        await coordinator.subscribe(STATUS_CHANGED)
        await subscribed(app, 1)
        # when
        reply = await client.gql(
            REVIEW,
            {"input": {"id": relay_id("Proposal", proposal.id), "status": "UNDER_REVIEW"}},
            user=COORDINATOR,
        )
        assert reply.data["reviewProposal"]["errors"] == []
        # then
        assert node(await coordinator.next_payload(), "proposalStatusChanged") == {
            "title": "Address racism and xenophobia",
            "status": "UNDER_REVIEW",
        }


async def test_a_consultation_is_delivered_when_it_is_announced(
    app: Starlette, base: str, client: Client
) -> None:
    # given
    def values(title: str, status: str) -> dict[str, Any]:
        return {
            "title": [{"language": "EN", "text": title}],
            "kind": "NATIONAL",
            "startsOn": "2026-12-10",
            "endsOn": "2026-12-11",
            "venue": "Dhaka",
            "status": status,
        }

    async def create(title: str, status: str) -> str:
        reply = await client.gql(
            CREATE_CONSULTATION, {"input": values(title, status)}, user=COORDINATOR
        )
        assert reply.data["createConsultation"]["errors"] == [], reply.body
        return str(reply.data["createConsultation"]["consultation"]["id"])

    async with opened(base, token=client.token(COORDINATOR)) as coordinator:
        await coordinator.subscribe(ANNOUNCED)
        await subscribed(app, 1)
        # when one is created PLANNED, another ANNOUNCED, then the first announced
        planned = await create("Planned first", "PLANNED")
        await create("Announced at once", "ANNOUNCED")
        reply = await client.gql(
            UPDATE_CONSULTATION, {"input": {"id": planned, "status": "ANNOUNCED"}}, user=COORDINATOR
        )
        assert reply.data["updateConsultation"]["errors"] == []
        # then the two announcements arrive, in order, and nothing for the planning
        first = node(await coordinator.next_payload(), "consultationAnnounced")
        second = node(await coordinator.next_payload(), "consultationAnnounced")
        assert [first["title"]["text"], second["title"]["text"]] == [
            "Announced at once",
            "Planned first",
        ]
        assert first["status"] == second["status"] == "ANNOUNCED"
    assert await Consultation.filter(status="announced").count() >= 2


@pytest.mark.parametrize(
    ("path", "token", "code"),
    [
        ("/graphql", None, 4401),
        ("/graphql", "not-a-token", 4401),
        ("/t/bangladesh/graphql", FOCAL_EUROPE, 4403),
        ("/t/atlantis/graphql", COORDINATOR, 4403),
    ],
)
async def test_a_socket_that_may_not_open_is_closed_at_init(
    base: str, client: Client, path: str, token: str | None, code: int
) -> None:
    bearer = client.token(token) if token and "@" in token else token
    async with opened(base, path, token=bearer, acknowledged=False) as live:
        closed_code, reason = await live.closed_with()
    assert closed_code == code
    assert reason


async def test_the_token_may_come_in_the_upgrade_request(
    app: Starlette, base: str, client: Client
) -> None:
    headers = {"Authorization": f"Bearer {client.token(COORDINATOR)}", "X-Hub-Tenant": "spain"}
    async with opened(base, headers=headers) as coordinator:
        await coordinator.subscribe(SUBMITTED)
        await subscribed(app, 1)
        await submit(client, "bangladesh", BANGLADESH_ORGANISATION, "Not in Spain", "NETWORK")
        spain = await submit(client, "spain", SPAIN_ORGANISATION, "In Spain", "NETWORK")
        assert node(await coordinator.next_payload(), "proposalSubmitted")["id"] == spain


async def test_a_subscription_ends_when_the_rights_are_removed(
    app: Starlette, base: str, client: Client
) -> None:
    # given a subscribed partner
    async with opened(base, "/t/bangladesh/graphql", token=client.token(PARTNER)) as partner:
        await partner.subscribe(SUBMITTED)
        await subscribed(app, 1)
        # when its role is revoked and the policies reloaded
        await revoke_role(PARTNER, "civil_society_partner", "bangladesh", actor="test")
        await client.reload_policies()
        await submit(client, "bangladesh", BANGLADESH_ORGANISATION, "After revocation", "PUBLIC")
        # then the next message is an error, not the proposal, and the operation completes
        message = await partner.next_payload()
        assert message["type"] == "next"
        assert message["payload"]["data"] is None
        assert [e["extensions"]["code"] for e in message["payload"]["errors"]] == ["FORBIDDEN"]
        assert (await partner.receive())["type"] == "complete"


async def test_a_subscription_ends_when_its_user_is_deactivated(
    app: Starlette, base: str, client: Client
) -> None:
    # given
    async with opened(base, "/t/bangladesh/graphql", token=client.token(PARTNER)) as partner:
        await partner.subscribe(SUBMITTED)
        await subscribed(app, 1)
        # when
        await User.filter(email=PARTNER).update(is_active=False)
        await submit(client, "bangladesh", BANGLADESH_ORGANISATION, "After deactivation", "PUBLIC")
        # then
        message = await partner.next_payload()
        assert message["payload"]["data"] is None
        codes = [e["extensions"]["code"] for e in message["payload"]["errors"]]
        assert codes == ["UNAUTHENTICATED"]


async def test_queries_and_mutations_are_refused_over_the_socket(base: str, client: Client) -> None:
    async with opened(base, token=client.token(COORDINATOR)) as coordinator:
        await coordinator.subscribe("{ viewer { email } }")
        message = await coordinator.next_payload()
    assert message["type"] == "error"
    assert message["payload"][0]["extensions"] == {"code": "BAD_REQUEST"}
    assert "send the others over HTTP" in message["payload"][0]["message"]


async def test_several_operations_without_a_name_are_refused_over_the_socket(
    base: str, client: Client
) -> None:
    async with opened(base, token=client.token(COORDINATOR)) as coordinator:
        await coordinator.subscribe(f"{SUBMITTED} {STATUS_CHANGED}")
        message = await coordinator.next_payload()
    assert message["type"] == "error"
    assert message["payload"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert message["payload"][0]["message"] == (
        "Must provide operation name if query contains multiple operations."
    )


async def test_text_holding_a_nul_is_refused_over_the_socket(base: str, client: Client) -> None:
    async with opened(base, token=client.token(COORDINATOR)) as coordinator:
        await coordinator.subscribe(SUBMITTED, variables={"note": "a\u0000"})
        message = await coordinator.next_payload()
    assert message["type"] == "error"
    assert message["payload"][0]["extensions"] == {"code": "BAD_USER_INPUT"}
    assert "NUL" in message["payload"][0]["message"]


async def test_a_socket_holds_25_subscriptions_at_most(
    app: Starlette, base: str, client: Client
) -> None:
    # given a socket with 25 subscriptions, and another socket
    token = client.token(COORDINATOR)
    async with opened(base, token=token) as full, opened(base, token=token) as other:
        for number in range(1, 26):
            await full.subscribe(STATUS_CHANGED, id=str(number))
        await subscribed(app, 25)
        # when the first subscribes once more, and the other subscribes
        await full.subscribe(SUBMITTED, id="26")
        await other.subscribe(SUBMITTED, id="1")
        await subscribed(app, 26)
        first = await submit(client, "global", BANGLADESH_ORGANISATION, "First", "NETWORK")
        # then the 26th is refused, whereas the other socket receives the event
        refused = await full.next_message()
        elsewhere = node(await other.next_payload(), "proposalSubmitted")["id"]
        # and once one subscription completes, its slot is free again
        await full.complete("1")
        await eventually(lambda: app.state.live.fanout.subscribers == 25, "a slot freed")
        await full.subscribe(SUBMITTED, id="27")
        await subscribed(app, 26)
        second = await submit(client, "global", BANGLADESH_ORGANISATION, "Second", "NETWORK")
        delivered = await full.next_message()
    assert (refused["id"], refused["type"]) == ("26", "error")
    assert refused["payload"][0]["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "subscriptionsPerSocket",
        "value": 25,
    }
    assert elsewhere == first
    assert delivered["id"] == "27"
    assert node(delivered, "proposalSubmitted")["id"] == second


@pytest.fixture
async def production_app(settings: Settings, network: None) -> AsyncIterator[Starlette]:
    production = settings.model_copy(
        update={
            "environment": Environment.PRODUCTION,
            "master_key": base64.b64encode(b"k" * 32).decode(),
        }
    )
    application = create_app(production, manage_orm=False)
    async with application.router.lifespan_context(application):
        yield application


async def test_production_limits_apply_to_subscription_documents(
    production_app: Starlette, client: Client
) -> None:
    aliases = " ".join(f"a{n}: id" for n in range(31))
    async with (
        serving(production_app) as url,
        opened(url, token=client.token(COORDINATOR)) as coordinator,
    ):
        await coordinator.subscribe(f"subscription {{ proposalSubmitted {{ {aliases} }} }}")
        too_many = await coordinator.next_payload()
        await coordinator.subscribe(
            "subscription { proposalSubmitted { __typename } __schema { types { name } } }",
            id="2",
        )
        introspection = await coordinator.next_payload()
    assert too_many["type"] == "error"
    assert too_many["payload"][0]["extensions"] == {
        "code": "LIMIT_EXCEEDED",
        "limit": "aliases",
        "value": 30,
    }
    assert introspection["type"] == "error"


@pytest.mark.skipif(BACKEND != "postgres", reason="the listening connection is PostgreSQL's")
async def test_the_listener_listens_again_after_losing_its_connection(
    app: Starlette, base: str, client: Client
) -> None:
    listener = app.state.live.listener
    async with opened(base, token=client.token(COORDINATOR)) as coordinator:
        await coordinator.subscribe(SUBMITTED)
        await subscribed(app, 1)
        # when the database ends the listening connection, as a restart would
        await client.gql("{ viewer { email } }", user=COORDINATOR)
        await _terminate_listeners(app)
        await eventually(
            lambda: listener.connections >= 2 and listener.connected.is_set(), "listening again"
        )
        # then events reach the subscriber again
        again = await submit(client, "global", BANGLADESH_ORGANISATION, "Again", "NETWORK")
        assert node(await coordinator.next_payload(), "proposalSubmitted")["id"] == again


async def _terminate_listeners(app: Starlette) -> None:
    import asyncpg

    from hub.access.watcher import listen_dsn

    dsn = listen_dsn(app.state.settings.database_url)
    connection = await asyncpg.connect(dsn)
    try:
        await connection.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE pid <> pg_backend_pid() AND datname = current_database() "
            "AND query LIKE 'LISTEN %hub_live%'"
        )
    finally:
        await connection.close()


async def test_a_tenant_that_requires_trusted_documents_refuses_others_over_the_socket(
    base: str, client: Client, tmp_path: Path
) -> None:
    # given Bangladesh runs registered documents only, and one subscription is registered
    await Tenant.filter(slug="bangladesh").update(trusted_documents=TrustedDocumentsMode.REQUIRED)
    folder = tmp_path / "operations"
    folder.mkdir()
    (folder / "live.graphql").write_text(SUBMITTED, encoding="utf-8")
    (folder / "submit.graphql").write_text(SUBMIT, encoding="utf-8")
    await register_documents(read_documents(folder), None)
    # when
    async with opened(base, token=client.token(PARTNER)) as partner:
        await partner.subscribe(STATUS_CHANGED)
        refused = await partner.next_payload()
        await partner.subscribe(SUBMITTED, id="2")
        await subscribed(client.app, 1)
        await submit(client, "bangladesh", BANGLADESH_ORGANISATION, "Trusted", "NETWORK")
        delivered = await partner.next_payload()
    # then
    assert refused["type"] == "error"
    assert refused["payload"][0]["extensions"]["code"] == "UNTRUSTED_DOCUMENT"
    assert node(delivered, "proposalSubmitted")["title"] == "Trusted"


async def test_a_subscriber_receives_what_reaches_it_from_above_and_across_and_no_more(
    app: Starlette, base: str, client: Client
) -> None:
    # given a partner in Bangladesh, who reads PUBLIC and NETWORK consultations at home
    async def announce(title: str, tenant: str, classification: str) -> str:
        reply = await client.gql(
            CREATE_CONSULTATION,
            {
                "input": {
                    "title": [{"language": "EN", "text": title}],
                    "kind": "REGIONAL",
                    "startsOn": "2026-12-10",
                    "endsOn": "2026-12-11",
                    "online": True,
                    "status": "ANNOUNCED",
                    "classification": classification,
                }
            },
            user=COORDINATOR,
            tenant=tenant,
        )
        assert reply.data["createConsultation"]["errors"] == [], reply.body
        return str(reply.data["createConsultation"]["consultation"]["id"])

    async with opened(base, "/t/bangladesh/graphql", token=client.token(PARTNER)) as partner:
        await partner.subscribe(ANNOUNCED)
        await subscribed(app, 1)
        # when consultations are announced that must not reach it (RESTRICTED above, NETWORK
        # in another region), then one PUBLIC in another region and one NETWORK above
        await announce("Restricted, global", "global", "RESTRICTED")
        await announce("Network, Spain", "spain", "NETWORK")
        await announce("Public, Spain", "spain", "PUBLIC")
        await announce("Network, Asia-Pacific", "asia-pacific", "NETWORK")
        # then the first two never arrive; the last two do, in order
        first = node(await partner.next_payload(), "consultationAnnounced")
        second = node(await partner.next_payload(), "consultationAnnounced")
        assert [first["title"]["text"], second["title"]["text"]] == [
            "Public, Spain",
            "Network, Asia-Pacific",
        ]
