from __future__ import annotations

from typing import Any

from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id
from tests.workplan.queries import (
    AUDITOR,
    COORDINATOR,
    CREATE,
    FOCAL_ASIA,
    FOCAL_EUROPE,
    LEAD_DHAKA,
    NODE,
    PARTNER,
    TEAM_BANGLADESH,
    UPDATE,
    WORK_STREAMS,
    titles,
)

SESSION_FOUR = {
    "The voice of the Network",
    "The International Migration Review Forum (IMRF): models to consider",
    "Connection hub and knowledge platform",
    "Implementation, follow-up and review of the GCM",
}


async def test_coordinator_sees_the_whole_network(client: Client) -> None:
    # when
    reply = await client.gql(WORK_STREAMS, {"first": 100}, user=COORDINATOR)
    # then
    assert reply.status == 200, reply.body
    assert reply.data["workStreams"]["totalCount"] == await WorkStream.all().count()
    assert set(titles(reply.data)) >= SESSION_FOUR


async def test_classification_limits_what_a_national_member_sees(client: Client) -> None:
    # given a confidential stream in the member's own tenant
    await client.gql(
        CREATE,
        {"input": {"title": "Named human-rights defenders", "classification": "CONFIDENTIAL"}},
        user=COORDINATOR,
        tenant="bangladesh",
    )
    # when
    reply = await client.gql(WORK_STREAMS, {"first": 100}, user=TEAM_BANGLADESH)
    # then
    classes = {e["node"]["classification"] for e in reply.data["workStreams"]["edges"]}
    assert "CONFIDENTIAL" not in classes
    assert "Named human-rights defenders" not in titles(reply.data)
    assert reply.data["workStreams"]["totalCount"] == 3


async def test_partner_sees_public_and_network_rows_only(client: Client) -> None:
    # given
    await client.gql(
        CREATE,
        {"input": {"title": "Restricted planning", "classification": "RESTRICTED"}},
        user=COORDINATOR,
        tenant="bangladesh",
    )
    # when
    reply = await client.gql(WORK_STREAMS, {"first": 100}, user=PARTNER)
    # then
    classes = {e["node"]["classification"] for e in reply.data["workStreams"]["edges"]}
    assert classes <= {"PUBLIC", "NETWORK"}
    assert "Restricted planning" not in titles(reply.data)


async def test_pages_follow_cursors_without_gaps_or_repeats(client: Client) -> None:
    # given
    seen: list[str] = []
    after = None
    # when
    while True:
        reply = await client.gql(
            WORK_STREAMS,
            {"first": 5, "after": after, "orderBy": {"field": "TITLE", "direction": "DESC"}},
            user=COORDINATOR,
        )
        page = reply.data["workStreams"]
        seen += titles(reply.data)
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    # then
    everything = [str(t) for t in await WorkStream.all().values_list("title", flat=True)]
    assert seen == sorted(everything, reverse=True)
    assert len(seen) == page["totalCount"]


async def test_filter_by_status_classification_search_and_tenant(client: Client) -> None:
    # when
    reply = await client.gql(
        WORK_STREAMS,
        {
            "filter": {
                "status": ["ACTIVE"],
                "classification": ["PUBLIC"],
                "search": "imrf",
                "tenant": "global",
            }
        },
        user=COORDINATOR,
    )
    # then
    assert titles(reply.data) == [
        "The International Migration Review Forum (IMRF): models to consider"
    ]
    assert reply.data["workStreams"]["totalCount"] == 1


async def test_bad_page_size_and_cursor_are_refused(client: Client) -> None:
    # when
    too_many = await client.gql(WORK_STREAMS, {"first": 1000}, user=COORDINATOR)
    negative = await client.gql(WORK_STREAMS, {"first": -1}, user=COORDINATOR)
    bad_cursor = await client.gql(WORK_STREAMS, {"after": "not-a-cursor"}, user=COORDINATOR)
    # then
    assert too_many.codes == ["LIMIT_EXCEEDED"]
    assert too_many.errors[0]["extensions"]["limit"] == "first"
    assert "data" not in too_many.body
    assert negative.codes == ["BAD_USER_INPUT"]
    assert bad_cursor.codes == ["BAD_USER_INPUT"]


async def test_create_records_in_the_request_tenant(client: Client) -> None:
    # when
    reply = await client.gql(
        CREATE,
        {"input": {"title": "  Decent work in Bangladesh  ", "description": "Labour rights."}},
        user=TEAM_BANGLADESH,
    )
    # then
    payload = reply.data["createWorkStream"]
    assert payload["errors"] == []
    assert payload["workStream"]["title"] == "Decent work in Bangladesh"
    assert payload["workStream"]["status"] == "PROPOSED"
    assert payload["workStream"]["classification"] == "NETWORK"
    row = await WorkStream.get(title="Decent work in Bangladesh").select_related("tenant")
    assert row.tenant.slug == "bangladesh"


async def test_create_reports_invalid_input_and_writes_nothing(client: Client) -> None:
    # given
    before = await WorkStream.all().count()
    # when
    reply = await client.gql(
        CREATE, {"input": {"title": "   ", "description": "x" * 10_001}}, user=COORDINATOR
    )
    # then
    payload = reply.data["createWorkStream"]
    assert payload["workStream"] is None
    assert {(e["field"], e["code"]) for e in payload["errors"]} == {
        ("title", "REQUIRED"),
        ("description", "TOO_LONG"),
    }
    assert await WorkStream.all().count() == before


async def test_read_only_roles_may_not_create(client: Client) -> None:
    for user in (AUDITOR, PARTNER):
        # when
        reply = await client.gql(CREATE, {"input": {"title": "Not allowed"}}, user=user)
        # then
        assert reply.data == {"createWorkStream": None}
        assert reply.codes == ["FORBIDDEN"]
    assert not await WorkStream.exists(title="Not allowed")


async def test_create_above_the_callers_classification_is_forbidden(client: Client) -> None:
    # when
    reply = await client.gql(
        CREATE,
        {"input": {"title": "Too sensitive", "classification": "RESTRICTED"}},
        user=TEAM_BANGLADESH,
    )
    # then
    assert reply.codes == ["FORBIDDEN"]
    assert reply.errors[0]["path"] == ["createWorkStream"]
    assert not await WorkStream.exists(title="Too sensitive")


async def test_update_changes_given_fields_only(client: Client) -> None:
    # given
    row = await WorkStream.get(title="Local consultations with migrant and diaspora organisations")
    # when
    reply = await client.gql(
        UPDATE,
        {"input": {"id": relay_id("WorkStream", row.id), "status": "PAUSED"}},
        user=LEAD_DHAKA,
    )
    # then
    payload = reply.data["updateWorkStream"]
    assert payload["errors"] == []
    assert payload["workStream"]["status"] == "PAUSED"
    assert payload["workStream"]["title"] == row.title
    await row.refresh_from_db()
    assert row.status == "paused"


async def test_update_reports_invalid_input(client: Client) -> None:
    # given
    row = await WorkStream.get(title="Connection hub and knowledge platform")
    # when
    reply = await client.gql(
        UPDATE,
        {"input": {"id": relay_id("WorkStream", row.id), "title": "", "status": "ACTIVE"}},
        user=COORDINATOR,
    )
    # then
    payload = reply.data["updateWorkStream"]
    assert payload["workStream"] is None
    assert [e["code"] for e in payload["errors"]] == ["REQUIRED"]
    await row.refresh_from_db()
    assert row.status == "proposed"


async def test_regional_role_reaches_national_rows_by_node(client: Client) -> None:
    # given
    row = await WorkStream.get(title="National GCM implementation with civil society")
    # when
    reply = await client.gql(NODE, {"id": relay_id("WorkStream", row.id)}, user=FOCAL_ASIA)
    # then
    assert reply.data["node"]["title"] == row.title


async def test_node_with_a_malformed_id_is_a_user_input_error(client: Client) -> None:
    # when
    reply = await client.gql(NODE, {"id": "%%%"}, user=COORDINATOR)
    # then
    assert reply.codes == ["BAD_USER_INPUT"]


ARCHIVE = "mutation($id: ID!) { archiveWorkStream(id: $id) { workStream { archivedAt } } }"


async def test_an_archived_work_stream_leaves_lists_but_keeps_its_proposals(
    client: Client,
) -> None:
    # given
    stream = await WorkStream.get(title="The voice of the Network")
    stream_id = relay_id("WorkStream", stream.id)
    # when
    refused = await client.gql(ARCHIVE, {"id": stream_id}, user=FOCAL_ASIA)
    archived = await client.gql(ARCHIVE, {"id": stream_id}, user=COORDINATOR)
    # then
    assert refused.errors[0]["extensions"]["code"] == "FORBIDDEN"  # no archive in its roles
    assert archived.data["archiveWorkStream"]["workStream"]["archivedAt"] is not None
    listed = await client.gql(WORK_STREAMS, {"first": 100}, user=COORDINATOR)
    everything = await client.gql(
        WORK_STREAMS, {"first": 100, "filter": {"includeArchived": True}}, user=COORDINATOR
    )
    assert stream.title not in titles(listed.data)
    assert stream.title in titles(everything.data)
    proposals = await client.gql(
        "query($id: ID!) { proposals(filter: {workStream: $id}) { totalCount } }",
        {"id": stream_id},
        user=COORDINATOR,
    )
    assert proposals.data["proposals"]["totalCount"] == 1


TRANSLATED = """
query($lang: Language, $search: String) {
  workStreams(first: 50, filter: {search: $search}) { edges { node {
    title(lang: $lang) language
    localizedTitle(lang: $lang) { text language available }
    description(lang: $lang)
  } } }
}
"""


async def _translated(
    client: Client,
    user: str,
    tenant: str | None = None,
    headers: dict[str, str] | None = None,
    **variables: Any,
) -> list[dict[str, Any]]:
    reply = await client.gql(TRANSLATED, variables, user=user, tenant=tenant, headers=headers)
    assert not reply.errors, reply.errors
    return [e["node"] for e in reply.data["workStreams"]["edges"]]


async def test_titles_answer_in_the_language_wanted_with_fallback(client: Client) -> None:
    [voice] = await _translated(client, COORDINATOR, search="voice of the Network", lang="FR")
    assert voice["title"] == "La voix du Réseau"
    assert voice["localizedTitle"] == {
        "text": "La voix du Réseau",
        "language": "FR",
        "available": ["EN", "ES", "FR"],
    }
    assert voice["language"] == "EN"
    # no Russian: the tenant's default (English) answers, and says so
    [russian] = await _translated(client, COORDINATOR, search="voice of the Network", lang="RU")
    assert russian["localizedTitle"]["language"] == "EN"
    # a description held only in English falls back to it
    assert russian["description"].startswith("When and how the Network speaks")


async def test_accept_language_and_the_tenants_language_choose_when_lang_is_absent(
    client: Client,
) -> None:
    # Spain's tenant speaks Spanish by default; its work stream was written in English
    by_tenant = await _translated(client, FOCAL_EUROPE, tenant="spain")
    by_header = await _translated(
        client, FOCAL_EUROPE, tenant="spain", headers={"Accept-Language": "fr, en;q=0.5"}
    )
    assert [n["title"] for n in by_tenant] == [
        "Cofacilitación del Foro de Examen de la Migración Internacional"
    ]
    assert by_tenant[0]["description"].startswith("Apoyo a España")
    assert [n["localizedTitle"]["language"] for n in by_header] == ["EN"]


async def test_search_finds_a_title_in_another_language(client: Client) -> None:
    found = await _translated(client, COORDINATOR, search="voz de la Red")
    assert [n["localizedTitle"]["text"] for n in found] == ["The voice of the Network"]


async def test_a_work_stream_is_created_with_translations(client: Client) -> None:
    reply = await client.gql(
        CREATE,
        {
            "input": {
                "title": "Migrant children and youth",
                "translations": [
                    {"language": "FR", "title": "Enfants et jeunes migrants"},
                    {"language": "AR", "title": "الأطفال والشباب المهاجرون"},
                ],
            }
        },
        user=COORDINATOR,
    )
    assert reply.data["createWorkStream"]["errors"] == []
    [created] = await _translated(client, COORDINATOR, search="Enfants", lang="AR")
    assert created["localizedTitle"] == {
        "text": "الأطفال والشباب المهاجرون",
        "language": "AR",
        "available": ["AR", "EN", "FR"],
    }


async def test_translations_are_checked(client: Client) -> None:
    before = await WorkStream.all().count()
    reply = await client.gql(
        CREATE,
        {
            "input": {
                "title": "Decent work",
                "language": "EN",
                "translations": [
                    {"language": "EN", "title": "Again"},
                    {"language": "FR", "title": "  "},
                ],
            }
        },
        user=COORDINATOR,
    )
    errors = reply.data["createWorkStream"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("translations.en", "DUPLICATE"),
        ("translations.fr.title", "REQUIRED"),
    ]
    assert await WorkStream.all().count() == before
