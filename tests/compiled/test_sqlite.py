"""On SQLite the setting changes nothing: every operation is the resolvers'."""

from __future__ import annotations

import pytest

from tests.compiled.conftest import Paths
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="the PostgreSQL tests compare paths")

DOCUMENT = "{ workStreams(first: 3) { totalCount edges { cursor node { id status } } } }"


async def test_sqlite_answers_with_the_resolvers(paths: Paths, sql_log: list[str]) -> None:
    # given
    user = "coordinator@network.example.org"
    sql_log.clear()
    # when
    compiled = await paths.compiled.gql(DOCUMENT, user=user)
    statements = list(sql_log)
    resolved = await paths.resolved.gql(DOCUMENT, user=user)
    # then
    assert not compiled.errors, compiled.errors
    assert compiled.body == resolved.body
    assert not [s for s in statements if "json_build_object" in s]
