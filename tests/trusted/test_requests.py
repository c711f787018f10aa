"""Requests that name a registered document by its id, or send text a tenant must trust."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.api.trusted_documents import read_documents
from hub.core.config import TrustedDocumentsMode
from hub.tenancy.models import Tenant
from hub.trusted.service import register_documents
from tests.conftest import Client
from tests.trusted.support import (
    CREATE_WORK_STREAM_ID,
    UNREGISTERED,
    WORK_STREAM_COUNT,
    WORK_STREAM_COUNT_ID,
    code,
    get,
    hub,
    post,
    write_documents,
)


async def _register(tmp_path: Path, tenant: str | None = None) -> None:
    await register_documents(read_documents(write_documents(tmp_path / "operations")), tenant)


async def _set_tenant_mode(slug: str, mode: TrustedDocumentsMode | None) -> None:
    await Tenant.filter(slug=slug).update(trusted_documents=mode)


async def test_a_document_registered_with_the_cli_runs_by_its_id(
    client: Client, database_url: str, tmp_path: Path
) -> None:
    # given
    registered = hub(
        database_url, "schema", "operations", "register", str(write_documents(tmp_path))
    )
    assert registered.returncode == 0, registered.stderr
    # when
    reply = await post(client, {"documentId": WORK_STREAM_COUNT_ID})
    # then
    assert reply.status_code == 200
    assert reply.json()["data"]["workStreams"]["totalCount"] >= 1


async def test_required_mode_runs_the_full_text_of_a_registered_document(
    required: Client, tmp_path: Path
) -> None:
    # given
    await _register(tmp_path)
    # when
    reply = await post(required, {"query": WORK_STREAM_COUNT})
    # then
    assert reply.status_code == 200
    assert reply.json()["data"]["workStreams"]["totalCount"] >= 1


async def test_required_mode_refuses_text_that_is_not_registered(
    required: Client, tmp_path: Path
) -> None:
    # given
    await _register(tmp_path)
    # when
    reply = await post(required, {"query": UNREGISTERED})
    # then
    assert reply.status_code == 403
    assert code(reply) == "UNTRUSTED_DOCUMENT"
    assert "data" not in reply.json()


async def test_off_runs_any_text(client: Client) -> None:
    reply = await post(client, {"query": UNREGISTERED})
    assert reply.status_code == 200
    assert reply.json()["data"]["workStreams"]["totalCount"] >= 1


async def test_a_tenant_can_require_trusted_documents_when_the_hub_does_not(
    client: Client,
) -> None:
    # given
    await _set_tenant_mode("spain", TrustedDocumentsMode.REQUIRED)
    # when
    in_spain = await post(client, {"query": UNREGISTERED}, tenant="spain")
    elsewhere = await post(client, {"query": UNREGISTERED}, tenant="bangladesh")
    # then
    assert (in_spain.status_code, code(in_spain)) == (403, "UNTRUSTED_DOCUMENT")
    assert elsewhere.status_code == 200


async def test_a_tenant_can_run_any_document_when_the_hub_requires_trusted_ones(
    required: Client,
) -> None:
    # given
    await _set_tenant_mode("spain", TrustedDocumentsMode.OFF)
    # when
    in_spain = await post(required, {"query": UNREGISTERED}, tenant="spain")
    elsewhere = await post(required, {"query": UNREGISTERED}, tenant="bangladesh")
    # then
    assert in_spain.status_code == 200
    assert in_spain.json()["data"]["workStreams"]["totalCount"] >= 0
    assert (elsewhere.status_code, code(elsewhere)) == (403, "UNTRUSTED_DOCUMENT")


async def test_a_tenant_document_runs_in_that_tenant_only(required: Client, tmp_path: Path) -> None:
    # given
    await _register(tmp_path, tenant="spain")
    # when
    by_id_in_spain = await post(required, {"documentId": WORK_STREAM_COUNT_ID}, tenant="spain")
    by_id_elsewhere = await post(
        required, {"documentId": WORK_STREAM_COUNT_ID}, tenant="bangladesh"
    )
    by_text_elsewhere = await post(required, {"query": WORK_STREAM_COUNT}, tenant="bangladesh")
    # then
    assert by_id_in_spain.status_code == 200
    assert "errors" not in by_id_in_spain.json()
    assert (by_id_elsewhere.status_code, code(by_id_elsewhere)) == (
        400,
        "PERSISTED_QUERY_NOT_FOUND",
    )
    assert (by_text_elsewhere.status_code, code(by_text_elsewhere)) == (403, "UNTRUSTED_DOCUMENT")


async def test_a_global_document_runs_in_every_tenant(required: Client, tmp_path: Path) -> None:
    await _register(tmp_path)
    for tenant in ("global", "spain", "dhaka"):
        reply = await post(required, {"documentId": WORK_STREAM_COUNT_ID}, tenant=tenant)
        assert reply.status_code == 200, tenant
        assert "errors" not in reply.json(), tenant


@pytest.mark.parametrize("accept", ["application/graphql-response+json", "application/json"])
async def test_an_unknown_id_is_persisted_query_not_found(client: Client, accept: str) -> None:
    reply = await client.http.post(
        "/graphql",
        json={"documentId": "sha256:" + "0" * 64},
        headers={
            "Authorization": f"Bearer {client.token('coordinator@network.example.org')}",
            "Accept": accept,
        },
    )
    assert reply.status_code == 400
    assert reply.headers["content-type"] == f"{accept}; charset=utf-8"
    assert code(reply) == "PERSISTED_QUERY_NOT_FOUND"


@pytest.mark.parametrize("document_id", ["sha256:abc", "md5:" + "0" * 32, 42, "SHA256:" + "0" * 64])
async def test_a_malformed_id_is_a_bad_request(client: Client, document_id: object) -> None:
    reply = await post(client, {"documentId": document_id})
    assert (reply.status_code, code(reply)) == (400, "BAD_REQUEST")


async def test_a_query_and_an_id_must_agree(client: Client, tmp_path: Path) -> None:
    # given
    await _register(tmp_path)
    # when
    differ = await post(client, {"query": UNREGISTERED, "documentId": WORK_STREAM_COUNT_ID})
    agree = await post(client, {"query": WORK_STREAM_COUNT, "documentId": WORK_STREAM_COUNT_ID})
    # then
    assert (differ.status_code, code(differ)) == (400, "BAD_REQUEST")
    assert "differ" in differ.json()["errors"][0]["message"]
    assert agree.status_code == 200
    assert agree.json()["data"]["workStreams"]["totalCount"] >= 1


async def test_get_runs_a_query_by_its_id(required: Client, tmp_path: Path) -> None:
    # given
    await _register(tmp_path)
    # when
    reply = await get(
        required, {"documentId": WORK_STREAM_COUNT_ID, "operationName": "WorkStreamCount"}
    )
    # then
    assert reply.status_code == 200
    assert reply.json()["data"]["workStreams"]["totalCount"] >= 1


async def test_a_mutation_by_id_runs_over_post_and_is_405_over_get(
    required: Client, tmp_path: Path
) -> None:
    # given
    await _register(tmp_path)
    variables = {"title": "Registered mutation"}
    # when
    over_get = await get(required, {"documentId": CREATE_WORK_STREAM_ID, "variables": variables})
    over_post = await post(required, {"documentId": CREATE_WORK_STREAM_ID, "variables": variables})
    # then
    assert (over_get.status_code, code(over_get)) == (405, "METHOD_NOT_ALLOWED")
    assert over_post.status_code == 200
    assert over_post.json()["data"]["createWorkStream"]["errors"] == []


async def test_neither_query_nor_id_is_a_bad_request(required: Client) -> None:
    reply = await post(required, {"variables": {}})
    assert reply.status_code == 400
    assert code(reply) == "BAD_REQUEST"


async def test_a_cached_result_is_not_served_to_text_the_tenant_no_longer_trusts(
    client: Client,
) -> None:
    # given a read whose result the hub may have cached
    first = await post(client, {"query": UNREGISTERED}, tenant="spain")
    assert first.status_code == 200
    # when
    await _set_tenant_mode("spain", TrustedDocumentsMode.REQUIRED)
    again = await post(client, {"query": UNREGISTERED}, tenant="spain")
    # then
    assert (again.status_code, code(again)) == (403, "UNTRUSTED_DOCUMENT")


async def test_required_mode_decides_for_each_operation_of_a_batch(
    required: Client, tmp_path: Path
) -> None:
    # given
    await _register(tmp_path)
    # when
    reply = await post(
        required,
        [
            {"documentId": WORK_STREAM_COUNT_ID},
            {"query": UNREGISTERED},
            {"query": WORK_STREAM_COUNT},
        ],
    )
    # then
    assert reply.status_code == 200
    by_id, unregistered, by_text = reply.json()
    assert by_id["data"]["workStreams"]["totalCount"] >= 1
    assert [e["extensions"]["code"] for e in unregistered["errors"]] == ["UNTRUSTED_DOCUMENT"]
    assert "data" not in unregistered
    assert by_text == by_id
