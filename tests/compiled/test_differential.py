"""The compiled path answers every list query it takes exactly as the resolvers do: the
same JSON, data and errors, and the same audit entries, for every demo user in every demo
tenant."""

from __future__ import annotations

from typing import Any

import pytest

from hub.demo import DEMO_USERS
from tests.compiled.conftest import ONLY_ON_POSTGRES, Paths, audited_answer, built_json, same
from tests.compiled.corpus import corpus
from tests.conftest import Response

LISTS = (
    "workStreams",
    "priorities",
    "organisations",
    "consultations",
    "proposals",
    "initiatives",
    "knowledgeResources",
    "funds",
    "advocacyNotes",
    "statements",
)
TENANTS = ("global", "asia-pacific", "europe-central-asia", "bangladesh", "dhaka", "spain")
QUERIES_PER_LIST = 6
# How a compiled statement shows what it built, and how a query asks for it.
MARKS = {"nested page": "LEFT JOIN LATERAL", "translation": "->>"}
SHAPES = {"nested page": ": proposals", "translation": "title"}
# Lists whose records' titles are plain columns, not translated texts.
PLAIN_TITLES = ("funds", "advocacyNotes")

pytestmark = ONLY_ON_POSTGRES


def _next_cursor(reply: Response, field: str) -> str | None:
    connection = (reply.data or {}).get(field) or {}
    for key, value in connection.items():
        if isinstance(value, dict) and value.get("endCursor"):
            return str(value["endCursor"])
        if key and isinstance(value, list) and value and "cursor" in value[-1]:
            return str(value[-1]["cursor"])
    return None


@pytest.mark.parametrize("field", LISTS)
async def test_both_paths_answer_alike(paths: Paths, sql_log: list[str], field: str) -> None:
    compiled_answers = 0
    # What the compiled statements built: nested pages, translated texts.
    built: set[str] = set()
    for query in corpus(field, QUERIES_PER_LIST):
        for user in DEMO_USERS:
            for tenant in TENANTS:
                pages: list[dict[str, Any]] = [query.variables]
                while pages:
                    variables = pages.pop()
                    sql_log.clear()
                    compiled, compiled_audit = await audited_answer(
                        paths.compiled, query.document, variables, user.email, tenant
                    )
                    statements = built_json(sql_log)
                    compiled_answers += bool(statements)
                    built.update(k for k, mark in MARKS.items() if mark in " ".join(statements))
                    resolved, resolved_audit = await audited_answer(
                        paths.resolved, query.document, variables, user.email, tenant
                    )
                    same(compiled, resolved)
                    assert compiled_audit == resolved_audit
                    cursor = _next_cursor(resolved, field)
                    if cursor and "after" not in variables:
                        pages.append({**variables, "after": cursor})
                        # A cursor the list does not take: the resolvers' error, from both.
                        pages.append({**variables, "after": cursor[:-3] + "xyz"})
    assert compiled_answers > 0
    selected = " ".join(q.document for q in corpus(field, QUERIES_PER_LIST))
    shapes = {k: s for k, s in SHAPES.items() if k != "translation" or field not in PLAIN_TITLES}
    assert built >= {k for k, shape in shapes.items() if shape in selected}, built
