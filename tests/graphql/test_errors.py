from __future__ import annotations

import logging

import pytest

from hub.workplan.service import WorkStreamService
from tests.conftest import Client

USER = "coordinator@network.example.org"


async def test_unexpected_errors_are_masked_and_logged_with_a_request_id(
    client: Client, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    # given a bug deep in a service
    def broken(self: WorkStreamService, *args: object) -> None:
        raise RuntimeError("secret connection string in a stack trace")

    monkeypatch.setattr(WorkStreamService, "search", broken)
    # when
    with caplog.at_level(logging.ERROR, logger="hub.errors"):
        reply = await client.gql("{ workStreams { totalCount } }", user=USER)
    # then
    [error] = reply.errors
    assert error["message"] == "Internal server error."
    assert error["extensions"]["code"] == "INTERNAL"
    request_id = error["extensions"]["requestId"]
    assert "secret" not in str(reply.body)
    assert any(request_id in record.getMessage() for record in caplog.records)


async def test_a_document_error_is_bad_user_input(client: Client) -> None:
    reply = await client.gql("{ workStreams { noSuchField } }", user=USER)
    assert reply.codes == ["BAD_USER_INPUT"]


async def test_a_denied_field_is_forbidden_at_its_path(client: Client) -> None:
    reply = await client.gql(
        'mutation { createWorkStream(input: {title: "x"}) { errors { code } } }',
        user="auditor@network.example.org",
    )
    assert reply.errors[0]["path"] == ["createWorkStream"]
    assert reply.codes == ["FORBIDDEN"]


async def test_a_variable_of_the_wrong_type_is_bad_user_input(client: Client) -> None:
    reply = await client.gql(
        "query($n: Int) { workStreams(first: $n) { totalCount } }", {"n": "abc"}, user=USER
    )
    assert reply.codes == ["BAD_USER_INPUT"]
    assert "Int cannot represent" in reply.errors[0]["message"]
