"""The knowledge platform: listing, translations, filters, ordering, sharing, changes,
archiving."""

from __future__ import annotations

from typing import Any

import pytest

from hub.demo.knowledge import DEMO_RESOURCES, GCM, SUMMARY_REPORT
from hub.directory.models import Organisation
from hub.knowledge.models import KnowledgeResource
from tests.conftest import Client, relay_id
from tests.knowledge.queries import (
    ARCHIVE,
    COORDINATOR,
    FOCAL_EUROPE,
    PARTNER,
    RESOURCES,
    SHARE,
    UPDATE,
    titles,
)

MEMBER_ORGANISATION = "Migrant workers' rights network (demo)"
RECORDING = "Audio recording of the consultation of 4 April 2019"
TERMS = "Terms of reference of the UN Network on Migration"
RECRUITMENT = "Fair recruitment: a guide for migrant workers (demo)"
SPAIN_GUIDE = "Guide to services for migrants (demo)"


async def _organisation_id(name: str) -> str:
    return relay_id("Organisation", (await Organisation.get(name=name)).id)


async def _row(title: str) -> KnowledgeResource:
    return next(r for r in await KnowledgeResource.all() if r.title.get("en") == title)


async def _id(title: str) -> str:
    return relay_id("KnowledgeResource", (await _row(title)).id)


async def _list(client: Client, user: str = COORDINATOR, **variables: Any) -> Any:
    reply = await client.gql(RESOURCES, {"first": 50, **variables}, user=user)
    assert not reply.errors, reply.errors
    return reply.data


async def test_the_demo_resources_are_listed_latest_published_first(client: Client) -> None:
    data = await _list(client)
    listed = titles(data)
    assert data["knowledgeResources"]["totalCount"] == len(DEMO_RESOURCES)
    assert listed[:4] == [RECORDING, RECRUITMENT, SPAIN_GUIDE, GCM]
    # then those without a date
    assert set(listed[4:]) == {SUMMARY_REPORT, TERMS}
    gcm = data["knowledgeResources"]["edges"][3]["node"]
    assert gcm["url"] == "https://undocs.org/A/RES/73/195"
    assert gcm["publishedOn"] == "2019-01-11"
    assert gcm["languages"] == ["AR", "EN", "ES", "FR", "RU", "ZH"]
    assert gcm["classification"] == "PUBLIC"


@pytest.mark.parametrize(
    ("lang", "header", "expected"),
    [
        ("FR", None, "FR"),  # the argument first
        (None, "es-ES, fr;q=0.5", "ES"),  # then Accept-Language
        (None, "de", "EN"),  # then the tenant's default
        ("ZH", None, "EN"),  # not held in Chinese: the tenant's default
    ],
)
async def test_titles_resolve_to_the_language_wanted_and_say_which(
    client: Client, lang: str | None, header: str | None, expected: str
) -> None:
    reply = await client.gql(
        RESOURCES,
        {"filter": {"search": "A/RES/73/195"}, "lang": lang},
        user=COORDINATOR,
        headers={"Accept-Language": header} if header else None,
    )
    [edge] = reply.data["knowledgeResources"]["edges"]
    assert edge["node"]["title"]["language"] == expected
    assert edge["node"]["title"]["available"] == ["EN", "ES", "FR"]


async def test_a_title_held_in_one_language_falls_back_to_it(client: Client) -> None:
    data = await _list(client, filter={"kind": ["LINK"]}, lang="RU")
    [edge] = data["knowledgeResources"]["edges"]
    assert edge["node"]["title"] == {"text": RECORDING, "language": "EN", "available": ["EN"]}


async def test_without_a_language_asked_the_tenants_default_is_used(client: Client) -> None:
    reply = await client.gql(RESOURCES, {}, user=FOCAL_EUROPE, tenant="spain")
    [edge] = reply.data["knowledgeResources"]["edges"]
    assert edge["node"]["title"]["text"] == "Guía de recursos para personas migrantes (demo)"
    assert edge["node"]["title"]["language"] == "ES"


@pytest.mark.parametrize(
    ("flt", "expected"),
    [
        ({"kind": ["TRAINING"]}, {RECRUITMENT}),
        ({"kind": ["LINK", "VIDEO", "DATASET"]}, {RECORDING}),
        ({"theme": ["CIVIC_SPACE"]}, {SUMMARY_REPORT, TERMS}),
        ({"theme": ["HEALTH", "DECENT_WORK"]}, {SPAIN_GUIDE, RECRUITMENT}),
        ({"language": ["FR"]}, {GCM, TERMS}),
        ({"language": ["ES"]}, {GCM, SPAIN_GUIDE}),
        ({"language": ["AR", "RU"]}, {GCM}),
        ({"search": "pacte mondial"}, {GCM}),  # a title in French
        ({"search": "PARAGRAPH 53"}, {GCM}),  # the description
        ({"search": "guía"}, {SPAIN_GUIDE}),
        ({"tenant": "spain"}, {SPAIN_GUIDE}),
        ({"classification": ["NETWORK"]}, {TERMS, RECRUITMENT}),
        (
            {"kind": ["DOCUMENT"], "language": ["EN"], "theme": ["HUMAN_RIGHTS"]},
            {
                SUMMARY_REPORT,
                GCM,
            },
        ),
    ],
)
async def test_filters_narrow_the_list(
    client: Client, flt: dict[str, Any], expected: set[str]
) -> None:
    data = await _list(client, filter=flt)
    assert set(titles(data)) == expected
    assert data["knowledgeResources"]["totalCount"] == len(expected)


async def test_pages_by_title_follow_each_other_without_overlap(client: Client) -> None:
    # given: TITLE sorts by the title in the record's tenant's language (Spanish in Spain)
    order = {"field": "TITLE", "direction": "ASC"}
    first = await _list(client, first=4, orderBy=order)
    cursor = first["knowledgeResources"]["pageInfo"]["endCursor"]
    # when
    rest = await _list(client, after=cursor, orderBy=order)
    # then
    assert titles(first) + titles(rest) == [
        RECORDING,
        RECRUITMENT,
        GCM,
        SPAIN_GUIDE,  # "Guía de recursos ..."
        SUMMARY_REPORT,
        TERMS,
    ]
    assert first["knowledgeResources"]["pageInfo"]["hasNextPage"] is True
    assert rest["knowledgeResources"]["pageInfo"]["hasNextPage"] is False


async def test_pages_by_publication_date_cross_the_undated_ones(client: Client) -> None:
    order = {"field": "PUBLISHED_ON", "direction": "ASC"}
    seen: list[str] = []
    cursor = None
    for _ in range(len(DEMO_RESOURCES)):
        page = await _list(client, first=1, after=cursor, orderBy=order)
        seen += titles(page)
        cursor = page["knowledgeResources"]["pageInfo"]["endCursor"]
        if not page["knowledgeResources"]["pageInfo"]["hasNextPage"]:
            break
    assert set(seen[:2]) == {SUMMARY_REPORT, TERMS}
    assert seen[2:] == [GCM, SPAIN_GUIDE, RECRUITMENT, RECORDING]


async def test_a_cursor_of_another_ordering_is_bad_input(client: Client) -> None:
    first = await _list(client, first=1)
    reply = await client.gql(
        RESOURCES,
        {
            "after": first["knowledgeResources"]["pageInfo"]["endCursor"],
            "orderBy": {"field": "CREATED_AT"},
        },
        user=COORDINATOR,
    )
    assert reply.errors[0]["extensions"]["code"] == "BAD_USER_INPUT"


async def _share(client: Client, user: str = PARTNER, **changes: Any) -> Any:
    values = {
        "title": [{"language": "EN", "text": "  Know your rights abroad  "}],
        "kind": "DOCUMENT",
        "url": " https://rights-network.example.org/know-your-rights ",
        **changes,
    }
    reply = await client.gql(SHARE, {"input": values}, user=user)
    return (
        reply.data["shareKnowledgeResource"]
        if reply.data and reply.data["shareKnowledgeResource"]
        else reply
    )


async def test_a_member_shares_a_resource_in_their_organisations_name(client: Client) -> None:
    # when
    payload = await _share(
        client,
        sharedBy=await _organisation_id(MEMBER_ORGANISATION),
        description=[{"language": "AR", "text": "دليل الحقوق"}],
        languages=["FR", "EN", "FR"],
        themes=["ACCESS_TO_JUSTICE"],
        publishedOn="2019-05-02",
    )
    # then
    assert payload["errors"] == []
    resource = payload["knowledgeResource"]
    assert resource["title"] == {
        "text": "Know your rights abroad",
        "language": "EN",
        "available": ["EN"],
    }
    assert resource["url"] == "https://rights-network.example.org/know-your-rights"
    assert resource["languages"] == ["EN", "FR"]
    assert resource["themes"] == ["ACCESS_TO_JUSTICE"]
    assert resource["classification"] == "PUBLIC"  # the platform is open
    assert resource["sharedBy"] == {"name": MEMBER_ORGANISATION}
    assert resource["description"] == {"text": "دليل الحقوق"}
    # and the filters find it
    by_language = await _list(client, user=PARTNER, filter={"language": ["FR"]})
    by_theme = await _list(client, user=PARTNER, filter={"theme": ["ACCESS_TO_JUSTICE"]})
    by_text = await _list(client, user=PARTNER, filter={"search": "دليل"})
    assert titles(by_language) == titles(by_theme) == titles(by_text)
    assert titles(by_text) == ["Know your rights abroad"]


async def test_anyone_who_may_share_shares_in_no_organisations_name(client: Client) -> None:
    payload = await _share(client)
    assert payload["errors"] == []
    assert payload["knowledgeResource"]["sharedBy"] is None
    assert payload["knowledgeResource"]["languages"] == []
    assert payload["knowledgeResource"]["publishedOn"] is None


async def test_a_partner_shares_only_in_their_own_organisations_name(client: Client) -> None:
    before = await KnowledgeResource.all().count()
    reply = await _share(
        client, sharedBy=await _organisation_id("National Human Rights Commission, Bangladesh")
    )
    assert reply.data == {"shareKnowledgeResource": None}
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert await KnowledgeResource.all().count() == before


async def test_a_coordinator_shares_in_any_organisations_name(client: Client) -> None:
    payload = await _share(
        client,
        user=COORDINATOR,
        sharedBy=await _organisation_id("National Human Rights Commission, Bangladesh"),
    )
    assert payload["errors"] == []
    assert payload["knowledgeResource"]["sharedBy"] == {
        "name": "National Human Rights Commission, Bangladesh"
    }


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"title": []}, [("title", "REQUIRED")]),
        ({"title": [{"language": "EN", "text": " "}]}, [("title.en", "REQUIRED")]),
        (
            {
                "description": [
                    {"language": "FR", "text": "Un"},
                    {"language": "FR", "text": "Deux"},
                ]
            },
            [("description.fr", "DUPLICATE")],
        ),
        ({"url": "   "}, [("url", "REQUIRED")]),
        ({"url": "javascript:alert(1)"}, [("url", "INVALID")]),
        ({"url": "ftp://files.example.org/guide.pdf"}, [("url", "INVALID")]),
        ({"sharedBy": relay_id("Organisation", "0" * 32)}, [("sharedBy", "NOT_FOUND")]),
    ],
)
async def test_invalid_resources_are_refused_and_nothing_is_written(
    client: Client, changes: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    before = await KnowledgeResource.all().count()
    payload = await _share(client, **changes)
    assert payload["knowledgeResource"] is None
    assert [(e["field"], e["code"]) for e in payload["errors"]] == expected
    assert await KnowledgeResource.all().count() == before


async def _update(client: Client, resource_id: str, user: str = PARTNER, **changes: Any) -> Any:
    reply = await client.gql(UPDATE, {"input": {"id": resource_id, **changes}}, user=user)
    return (
        reply.data["updateKnowledgeResource"]
        if reply.data and reply.data["updateKnowledgeResource"]
        else reply
    )


async def test_a_member_updates_what_their_organisation_shared(client: Client) -> None:
    # given
    resource_id = await _id(RECRUITMENT)
    # when
    payload = await _update(
        client,
        resource_id,
        url="https://rights-network.example.org/fair-recruitment-guide-2019",
        languages=["AR", "EN"],
        themes=["LABOUR_MOBILITY"],
        kind="DOCUMENT",
        publishedOn="2019-04-01",
        title=[{"language": "AR", "text": "التوظيف العادل"}],
    )
    # then
    assert payload["errors"] == []
    resource = payload["knowledgeResource"]
    assert resource["url"].endswith("-2019")
    assert (resource["languages"], resource["themes"], resource["kind"]) == (
        ["AR", "EN"],
        ["LABOUR_MOBILITY"],
        "DOCUMENT",
    )
    assert resource["publishedOn"] == "2019-04-01"
    assert resource["title"] == {"text": RECRUITMENT}  # English kept
    # and the filters follow the change
    by_arabic = await _list(client, filter={"language": ["AR"]})
    by_old_theme = await _list(client, filter={"theme": ["DECENT_WORK"]})
    by_arabic_title = await _list(client, filter={"search": "العادل"})
    assert set(titles(by_arabic)) == {GCM, RECRUITMENT}
    assert by_old_theme["knowledgeResources"]["totalCount"] == 0
    assert titles(by_arabic_title) == [RECRUITMENT]


async def test_an_invalid_update_changes_nothing(client: Client) -> None:
    resource_id = await _id(RECRUITMENT)
    payload = await _update(client, resource_id, url="not a link", languages=["FR"])
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [("url", "INVALID")]
    row = await _row(RECRUITMENT)
    assert (row.url, row.languages) == (
        "https://rights-network.example.org/fair-recruitment-guide",
        ["en"],
    )


async def test_only_curators_change_what_was_shared_in_no_ones_name(client: Client) -> None:
    # given a resource the partner shared in no organisation's name
    shared = await _share(client)
    resource_id = shared["knowledgeResource"]["id"]
    # when
    by_partner = await _update(client, resource_id, url="https://example.org/other")
    by_coordinator = await _update(
        client, resource_id, user=COORDINATOR, url="https://example.org/curated"
    )
    # then
    assert by_partner.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert by_coordinator["knowledgeResource"]["url"] == "https://example.org/curated"


async def test_archived_resources_leave_lists(client: Client) -> None:
    # given
    resource_id = await _id(GCM)
    # when
    reply = await client.gql(ARCHIVE, {"input": {"id": resource_id}}, user=COORDINATOR)
    # then
    assert reply.data["archiveKnowledgeResource"]["knowledgeResource"]["archivedAt"]
    listed = await _list(client)
    assert GCM not in titles(listed)
    assert listed["knowledgeResources"]["totalCount"] == len(DEMO_RESOURCES) - 1
    assert GCM in titles(await _list(client, filter={"includeArchived": True}))
    # and an archived resource is not changed any more
    refused = await _update(client, resource_id, user=COORDINATOR, kind="LINK")
    assert refused["errors"][0]["code"] == "ARCHIVED"


async def test_a_partner_cannot_archive(client: Client) -> None:
    reply = await client.gql(ARCHIVE, {"input": {"id": await _id(RECRUITMENT)}}, user=PARTNER)
    assert reply.errors[0]["extensions"]["code"] == "FORBIDDEN"
    assert (await _row(RECRUITMENT)).archived_at is None
