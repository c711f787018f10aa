"""Reach has two implementations: the SQL scope a list or a lookup reads with, and the
decision Casbin takes for one record; on PostgreSQL, row-level security is a third. On
the demo network, its records scattered over every tenant and classification, each demo
user in each tenant where they hold a role must get the same answer from all of them."""

from __future__ import annotations

import random
from collections.abc import Iterator

import pytest
from starlette.applications import Starlette
from tortoise.models import Model

from hub.access.resources import Action, Resource, object_name
from hub.advocacy.models import AdvocacyNote, Statement
from hub.consultations.models import Consultation, Participant, WorkingSession
from hub.core.classification import Classification
from hub.demo import DEMO_USERS
from hub.directory.models import Contact, Organisation
from hub.fund.models import Fund, FundProject, Mou, Pledge, SteeringCommitteeMember, ThematicArea
from hub.initiatives.models import Initiative
from hub.knowledge.models import KnowledgeResource
from hub.proposals.models import Proposal
from hub.tenancy.domains import within
from hub.tenancy.isolation import tenant_scope
from hub.tenancy.models import Tenant
from hub.workplan.models import Priority, WorkStream, WorkStreamMembership
from tests.access.callers import demo_callers
from tests.conftest import BACKEND

MODELS: dict[Resource, tuple[type[Model], ...]] = {
    Resource.WORK_STREAM: (WorkStream, WorkStreamMembership),
    Resource.WORK_PLAN: (Priority,),
    Resource.ORGANISATION: (Organisation,),
    Resource.CONTACT: (Contact,),
    Resource.ADVOCACY_NOTE: (AdvocacyNote,),
    Resource.STATEMENT: (Statement,),
    Resource.PROPOSAL: (Proposal,),
    Resource.CONSULTATION: (Consultation, WorkingSession, Participant),
    Resource.INITIATIVE: (Initiative,),
    Resource.KNOWLEDGE_RESOURCE: (KnowledgeResource,),
    Resource.FUND: (Fund, ThematicArea, Mou, FundProject, SteeringCommitteeMember),
    Resource.FUND_PLEDGE: (Pledge,),
}


async def _scatter(seed: int) -> None:
    """Move every record to a tenant and a classification drawn at random."""
    rng = random.Random(seed)
    tenants = [t.id for t in await Tenant.all()]
    for models in MODELS.values():
        for model in models:
            for pk in await model.all().values_list("id", flat=True):
                await model.filter(pk=pk).update(
                    tenant_id=rng.choice(tenants), classification=rng.choice(list(Classification))
                )


def _rows(resource: Resource) -> Iterator[type[Model]]:
    yield from MODELS[resource]


async def _placed(model: type[Model]) -> list[tuple[str, str, str]]:
    """(id, tenant path, classification) of every row."""
    rows = await model.all().select_related("tenant")
    return [(str(r.pk), str(r.tenant.path), str(r.classification)) for r in rows]  # type: ignore[attr-defined]


@pytest.mark.parametrize("seed", [1])
async def test_the_sql_scope_and_casbin_agree_on_every_record(app: Starlette, seed: int) -> None:
    # given the demo's records scattered over the tree and the classifications
    await _scatter(seed)
    callers = await demo_callers(app)
    assert len(callers) > len(DEMO_USERS)
    placed_rows = {model: await _placed(model) for models in MODELS.values() for model in models}
    travelled = stayed = 0
    for decisions in callers:
        for resource in MODELS:
            for model in _rows(resource):
                placed = placed_rows[model]
                for network in (False, True):
                    # when the scope is read in SQL
                    scope = decisions.scope(resource, Action.READ, network=network)
                    in_sql = (
                        set()
                        if scope is None
                        else {
                            str(pk) for pk in await model.filter(scope).values_list("id", flat=True)
                        }
                    )
                    # then Casbin decides the same for each record
                    for pk, path, classification in placed:
                        obj = object_name(resource, classification)
                        home = within(path, decisions.tenant_path)
                        decided = (home and decisions.allows(obj, Action.READ, path)) or (
                            network and decisions.travels(obj, Action.READ, path)
                        )
                        assert (pk in in_sql) == decided, (
                            decisions.subject,
                            decisions.tenant_path,
                            model.__name__,
                            path,
                            classification,
                            network,
                        )
                        travelled += network and decided and not home
                        stayed += network and not decided and not home
    # and the scattered data made both answers common
    assert travelled > 50
    assert stayed > 50


@pytest.mark.skipif(BACKEND != "postgres", reason="row-level security is PostgreSQL's")
async def test_row_security_widens_exactly_as_far_as_reach(app: Starlette) -> None:
    # given the demo's records scattered, and each caller's transaction as a request opens it
    await _scatter(3)
    placed_rows = {model: await _placed(model) for models in MODELS.values() for model in models}
    for decisions in await demo_callers(app):
        entries = {e for e in decisions.reach_setting.split(",") if e}
        for resource in MODELS:
            for model in _rows(resource):
                placed = placed_rows[model]
                # when a query forgets every filter of the application
                async with tenant_scope(decisions.tenant_path, decisions.reach_setting):
                    seen = {str(pk) for pk in await model.all().values_list("id", flat=True)}
                # then it sees the subtree, and beyond it only what reaches the tenant
                expected = {
                    pk
                    for pk, path, classification in placed
                    if within(path, decisions.tenant_path)
                    or f"{resource}|{path}|{classification}" in entries
                    or f"{resource}|*|{classification}" in entries
                }
                assert seen == expected, (decisions.subject, decisions.tenant_path, model.__name__)
