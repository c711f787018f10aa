"""Every query of schema/operations answers the same through both paths, as every demo
user in tenants at each level, with the same audit entries; and those that compile (a
root field at least) are the ones the README names."""

from __future__ import annotations

from typing import Any

import pytest

from hub.advocacy.models import AdvocacyNote, Statement
from hub.consultations.models import Consultation
from hub.core.config import PROJECT_ROOT
from hub.demo import DEMO_USERS
from hub.directory.models import Organisation
from hub.fund.models import Fund
from hub.proposals.models import Proposal
from hub.workplan.models import WorkStream
from tests.compiled.conftest import ONLY_ON_POSTGRES, Paths, audited_answer, built_json, same
from tests.conftest import relay_id
from tests.operations.runner import OPERATIONS_DIR, operation_files, operations_of, parse_file

pytestmark = ONLY_ON_POSTGRES

TENANTS = ("global", "asia-pacific", "bangladesh")
# The operations whose root lists compile, the others' root fields left to the resolvers
# (the README's table says the same).
COMPILED = {
    "AdvocacyRegister",
    "Consultation",
    "Consultations",
    "Dashboard",
    "Initiatives",
    "KnowledgePlatform",
    "Proposal",
    "Statement",
    "Statements",
    "ProposalInbox",
    "WorkPlan",
    "WorkStream",
    "WorkStreams",
}


async def _variables(operation: str) -> list[dict[str, Any]]:
    """The variables each operation is asked with: its filters, a language, and the ids
    of the first few records of its kind."""

    async def ids(model: Any, type_name: str, key: str = "id") -> list[dict[str, Any]]:
        rows = await model.all().order_by("id").limit(3)
        return [{key: relay_id(type_name, row.id)} for row in rows]

    by_operation: dict[str, list[dict[str, Any]]] = {
        "Dashboard": [{}, {"lang": "FR"}],
        "WorkStreams": [{}, {"status": ["ACTIVE"], "lang": "ES"}, {"search": "mi"}],
        "WorkStream": await ids(WorkStream, "WorkStream"),
        "ProposalInbox": [{}, {"status": ["SUBMITTED"], "theme": ["HUMAN_RIGHTS"]}],
        "Proposal": await ids(Proposal, "Proposal"),
        "ProposalDiscussion": await ids(Proposal, "Proposal"),
        "Consultations": [{}, {"status": ["HELD"], "lang": "AR"}],
        "Consultation": await ids(Consultation, "Consultation"),
        "FundOverview": [{}],
        "FundPledges": await ids(Fund, "Fund", "fund"),
        "AdvocacyRegister": [{}],
        "AdvocacyNote": await ids(AdvocacyNote, "AdvocacyNote"),
        "Statements": [{}],
        "Statement": await ids(Statement, "Statement"),
        "NetworkFigures": [{}, {"scope": "NETWORK"}, {"tenant": "bangladesh"}],
        "Organisations": [{}, {"filter": {"ecosocStatus": ["NONE"]}}],
        "Contacts": [{}, *await ids(Organisation, "Organisation", "organisation")],
        "WorkPlan": [{}, {"lang": "ZH"}],
        "Initiatives": [{}, {"filter": {"kind": ["EVENT"]}, "lang": "FR"}],
        "KnowledgePlatform": [{}, {"lang": "RU"}],
        "AuditLog": [{}, {"filter": {"action": "role.grant"}}],
        "Labels": [{"lang": "AR"}],
        "EnumLabels": [{"enum": "SEAT"}],
    }
    return by_operation[operation]


def _queries() -> list[tuple[str, str]]:
    return [
        (path.name, operation.name.value)
        for path in operation_files()
        for operation in operations_of(parse_file(path))
        if operation.operation.value == "query" and operation.name is not None
    ]


async def test_every_query_answers_alike_through_both_paths(paths: Paths) -> None:
    compiled: set[str] = set()
    for file, name in _queries():
        document = (OPERATIONS_DIR / file).read_text(encoding="utf-8")
        for variables in await _variables(name):
            for user in DEMO_USERS:
                for tenant in TENANTS:
                    paths.sql_log.clear()
                    ask = (document, variables, user.email, tenant, name)
                    first, first_audit = await audited_answer(paths.compiled, *ask)
                    if built_json(paths.sql_log):
                        compiled.add(name)
                    second, second_audit = await audited_answer(paths.resolved, *ask)
                    same(first, second)
                    assert first_audit == second_audit, (name, user.email, tenant)
    assert compiled == COMPILED


@pytest.mark.parametrize("name", sorted(COMPILED))
def test_the_readme_names_what_compiles(name: str) -> None:
    assert f"`{name}`" in (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
