"""On SQLite the setting changes nothing: every operation is the resolvers'."""

from __future__ import annotations

import pytest

from tests.compiled.conftest import Paths, built_json
from tests.conftest import BACKEND

pytestmark = pytest.mark.skipif(BACKEND != "sqlite", reason="the PostgreSQL tests compare paths")

DOCUMENT = "{ workStreams(first: 3) { totalCount edges { cursor node { id status } } } }"


async def test_sqlite_answers_with_the_resolvers(paths: Paths) -> None:
    # given
    user = "coordinator@network.example.org"
    # when
    answers = await paths.ask(DOCUMENT, user=user)
    # then
    assert not answers.compiled.errors, answers.compiled.errors
    assert answers.compiled.body == answers.resolved.body
    assert not built_json(answers.statements)
