"""Every root list, as the contract suite reads it: the document that asks for a page with
its relations, a user who sees rows, the rows that must stay out of another caller's reach,
and what a page costs in SQL statements."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from typing import Any

from tortoise.models import Model

from hub.demo.knowledge import GCM
from hub.initiatives.models import Initiative
from hub.knowledge.models import KnowledgeResource
from hub.proposals.models import Proposal
from tests.conftest import BACKEND
from tests.consultations import queries as consultations
from tests.contract import seeds
from tests.fund import queries as fund
from tests.initiatives import queries as initiatives
from tests.knowledge import queries as knowledge
from tests.proposals import queries as proposals
from tests.workplan import queries as workplan

OPEN = {"classification": ["PUBLIC", "NETWORK"]}
# A restricted initiative of the partner's own organisation.
LEGAL_AID = "Legal aid for organisers facing pressure (demo)"
TERMS = "Terms of reference of the UN Network on Migration"

POSTGRES = BACKEND == "postgres"
# The revision of users and tenants (both, the tenant with the ids of its subtree, then come
# from the process's cache), the revision the result cache checks, and the count
# (WORK_STREAMS selects totalCount) and the page: one statement on PostgreSQL, which
# compiles the read and also sets the transaction's role and tenant scope; two on SQLite.
LIST_STATEMENTS = 4
# Without totalCount: the page alone on SQLite.
UNCOUNTED_STATEMENTS = LIST_STATEMENTS if POSTGRES else LIST_STATEMENTS - 1
# Reading confidential rows appends one audit entry: a lock (PostgreSQL), the last hash and
# the insert, however many rows were read. On PostgreSQL the compiled statement that finds
# a confidential row leaves the page to the resolvers, which count and read it again.
CONFIDENTIAL_STATEMENTS = LIST_STATEMENTS + (2 + 3 if POSTGRES else 2)


@dataclass(frozen=True)
class PageCost:
    """A small and a large page of one list that must cost the same number of statements."""

    document: str
    reader: str
    small: Mapping[str, Any]
    large: Mapping[str, Any]
    seed: Callable[[], Awaitable[None]]
    # The connection whose edges must number the page's `first`, where the document says it.
    paged: str | None = None
    # The statements each request costs, where the list promises a number and not only that
    # it does not grow.
    statements: int | None = None


CONSULTATION_PAGES = """
query($first: Int) {
  consultations(first: $first, filter: {classification: [PUBLIC, NETWORK]}) {
    edges { node {
      title { text } summary { text }
      sessions { number title { text } }
      participants { role organisation { name } contact { name } }
    } }
  }
}
"""

FUNDS_WITH_PLEDGES = (
    fund.OVERVIEW.replace(
        "totals {", "pledges(first: 5) { totalCount edges { node { donor { name } } } } totals {"
    )
    .replace("funds(first: 10)", "funds(first: $first)")
    .replace("query Overview", "query Overview($first: Int!)")
)

WORK_STREAM_RELATIONS = """
query($first: Int) {
  workStreams(first: $first, filter: {classification: [PUBLIC, NETWORK]}) {
    edges { node { title members { role organisation { name } } } }
  }
  priorities(first: $first) { edges { node { title { text } workStreams { title } } } }
}
"""

PAGE_COSTS: dict[str, PageCost] = {
    "consultations": PageCost(
        CONSULTATION_PAGES,
        consultations.COORDINATOR,
        {"first": 1},
        {"first": 15},
        seeds.consultations,
        paged="consultations",
    ),
    "funds": PageCost(
        FUNDS_WITH_PLEDGES,
        fund.STEERING,
        {"first": 1},
        {"first": 6},
        seeds.funds,
        paged="funds",
    ),
    "initiatives": PageCost(
        initiatives.WITH_ORGANISATIONS,
        initiatives.COORDINATOR,
        {"first": 1, "filter": OPEN},
        {"first": 20, "filter": OPEN},
        seeds.initiatives,
        paged="initiatives",
    ),
    "knowledgeResources": PageCost(
        knowledge.WITH_SHARERS,
        knowledge.COORDINATOR,
        {"first": 1, "filter": OPEN},
        {"first": 20, "filter": OPEN},
        seeds.knowledge_resources,
        paged="knowledgeResources",
    ),
    "proposals": PageCost(
        proposals.PROPOSALS_WITH_RELATIONS,
        proposals.COORDINATOR,
        {"first": 1},
        {"first": 60},
        seeds.proposals,
    ),
    "workStreams.proposals": PageCost(
        proposals.WORK_STREAMS_WITH_PROPOSALS,
        proposals.COORDINATOR,
        {"first": 1, "nested": 1, "filter": OPEN},
        {"first": 20, "nested": 10, "filter": OPEN},
        seeds.proposals,
    ),
    "workStreams": PageCost(
        workplan.WORK_STREAMS,
        workplan.COORDINATOR,
        {"first": 1, "filter": OPEN},
        {"first": 50, "filter": OPEN},
        seeds.work_streams,
        paged="workStreams",
        statements=LIST_STATEMENTS,
    ),
    "workStreams.confidential": PageCost(
        workplan.WORK_STREAMS,
        workplan.COORDINATOR,
        {"first": 1, "filter": {"classification": ["CONFIDENTIAL"]}},
        {"first": 50, "filter": {"classification": ["CONFIDENTIAL"]}},
        seeds.work_streams,
        paged="workStreams",
        statements=CONFIDENTIAL_STATEMENTS,
    ),
    "priorities": PageCost(
        WORK_STREAM_RELATIONS,
        workplan.COORDINATOR,
        {"first": 1},
        {"first": 8},
        seeds.nothing,
        paged="priorities",
    ),
}


async def _unshared(row: Model) -> Model:
    """``row`` made RESTRICTED: as a PUBLIC or NETWORK record of a tenant above the
    outsider's, it would reach them (see tests/access/test_network_reach.py)."""
    await type(row).filter(pk=row.pk).update(classification="restricted")
    return row


async def _initiative(title: str) -> Model:
    return await _unshared(next(r for r in await Initiative.all() if r.title.get("en") == title))


async def _knowledge_resource(title: str) -> Model:
    return await _unshared(
        next(r for r in await KnowledgeResource.all() if r.title.get("en") == title)
    )


async def _proposal(title: str) -> Model:
    return await _unshared(await Proposal.get(title=title))


@dataclass(frozen=True)
class OutOfReach:
    """A list's rows as a caller of another subtree must meet them: not at all."""

    document: str
    outsider: str
    # The node type of the list's rows, and the key of one row of another tenant.
    node: str
    node_type: str
    foreign_row: Callable[[], Awaitable[Model]]
    # The tenant whose rows the outsider may not filter for, and whether the list can be
    # filtered by an organisation the outsider does not see.
    foreign_tenant: str | None = None
    by_organisation: bool = False


OUT_OF_REACH: dict[str, OutOfReach] = {
    "initiatives": OutOfReach(
        initiatives.INITIATIVES,
        initiatives.PARTNER,
        initiatives.NODE,
        "Initiative",
        lambda: _initiative("Meeting of mayors and local authorities ahead of the IMRF zero draft"),
        foreign_tenant="global",
        by_organisation=True,
    ),
    "knowledgeResources": OutOfReach(
        knowledge.RESOURCES,
        knowledge.PARTNER,
        knowledge.NODE,
        "KnowledgeResource",
        lambda: _knowledge_resource(GCM),
        foreign_tenant="global",
    ),
    "proposals": OutOfReach(
        proposals.PROPOSALS,
        proposals.PARTNER,
        proposals.NODE,
        "Proposal",
        lambda: _proposal("Develop the voice of the Network as a priority"),
        by_organisation=True,
    ),
}


@dataclass(frozen=True)
class InAnotherName:
    """A mutation that adds a row to a list in an organisation's name: naming one the caller
    does not see must be refused on that field and add nothing."""

    mutation: str
    payload: str
    organisation_field: str
    rest_of_input: Mapping[str, Any]
    model: type[Model]
    caller: str


IN_ANOTHER_NAME: dict[str, InAnotherName] = {
    "initiatives": InAnotherName(
        initiatives.REPORT,
        "reportInitiative",
        "organisation",
        {
            "title": [{"language": "EN", "text": "In the unions' name"}],
            "kind": "ACTION",
            "startsOn": "2019-05-01",
        },
        Initiative,
        initiatives.PARTNER,
    ),
    "knowledgeResources": InAnotherName(
        knowledge.SHARE,
        "shareKnowledgeResource",
        "sharedBy",
        {
            "title": [{"language": "EN", "text": "In the unions' name"}],
            "kind": "LINK",
            "url": "https://example.org",
        },
        KnowledgeResource,
        knowledge.PARTNER,
    ),
}


@dataclass(frozen=True)
class ForeignChange:
    """Changing or archiving a row of another subtree, or naming it by an id of another type,
    is answered as for an unknown row and changes nothing."""

    update: str
    change: Mapping[str, Any]
    archive: str
    node_type: str
    other_type: str
    row: Callable[[], Awaitable[Model]]
    kept: Mapping[str, object]
    caller: str


FOREIGN_CHANGES: dict[str, ForeignChange] = {
    "initiatives": ForeignChange(
        initiatives.UPDATE,
        {"status": "DISCONTINUED"},
        initiatives.ARCHIVE,
        "Initiative",
        "Proposal",
        lambda: _initiative("Pre-departure orientation on fair recruitment (demo)"),
        {"status": "ongoing", "archived_at": None},
        initiatives.FOCAL_EUROPE,
    ),
    "knowledgeResources": ForeignChange(
        knowledge.UPDATE,
        {"url": "https://example.org/x"},
        knowledge.ARCHIVE,
        "KnowledgeResource",
        "Initiative",
        lambda: _knowledge_resource("Fair recruitment: a guide for migrant workers (demo)"),
        {
            "url": "https://rights-network.example.org/fair-recruitment-guide",
            "archived_at": None,
        },
        knowledge.FOCAL_EUROPE,
    ),
}


@dataclass(frozen=True)
class AboveTheReader:
    """A row classified above what its reader may see: not in the list, not found by its
    classification or by a search for it, and null as a node."""

    document: str
    reader: str
    first: int
    titles: Callable[[Any], list[str]]
    secret: Callable[[], Awaitable[Model]]
    title: str
    classification: str
    node: str
    node_type: str
    search: str | None = None
    nodes: str | None = None


ABOVE_THE_READER: dict[str, AboveTheReader] = {
    "consultations": AboveTheReader(
        consultations.CONSULTATIONS,
        consultations.PARTNER,
        50,
        consultations.titles,
        seeds.restricted_consultation_in_bangladesh,
        "Closed-door dialogue",
        "RESTRICTED",
        consultations.PAGE,
        "Consultation",
    ),
    "initiatives": AboveTheReader(
        initiatives.INITIATIVES,
        initiatives.PARTNER,
        50,
        initiatives.titles,
        lambda: _initiative(LEGAL_AID),
        LEGAL_AID,
        "RESTRICTED",
        initiatives.NODE,
        "Initiative",
        search="legal aid",
        nodes=initiatives.NODES,
    ),
    # A donor reads only PUBLIC resources, not the network's terms of reference.
    "knowledgeResources": AboveTheReader(
        knowledge.RESOURCES,
        knowledge.DONOR,
        50,
        knowledge.titles,
        lambda: _knowledge_resource(TERMS),
        TERMS,
        "NETWORK",
        knowledge.NODE,
        "KnowledgeResource",
        search="terms of",
        nodes=knowledge.NODES,
    ),
    "proposals": AboveTheReader(
        proposals.PROPOSALS,
        proposals.PARTNER,
        100,
        proposals.titles,
        seeds.restricted_proposal_in_bangladesh,
        "Names a person at risk",
        "RESTRICTED",
        proposals.NODE,
        "Proposal",
        search="person at risk",
        nodes=proposals.NODES,
    ),
}
