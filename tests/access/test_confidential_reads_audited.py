"""Every read, creation and change of a CONFIDENTIAL record is audited, whatever path
reaches it.

The paths come from the schema itself: every object type implementing ``Node`` that has a
``classification``, and every field of every type that returns one (alone, in a list or in
a connection's edges), plus ``node`` and ``nodes``. Paths that queries reach are read as
the demo network stands, with the record they return made CONFIDENTIAL first; paths only
mutations or subscriptions reach have a case below each. A type or path without one fails
``test_every_path_has_a_case``, so a new one cannot go unaudited unnoticed.

Each read is written down, the second as the first (no answer comes from the result
cache); a caller who may not see the record gets no trace of it, and nothing is written,
as everywhere: hidden records are absent, not refused.
"""

from __future__ import annotations

import asyncio
import base64
from collections import deque
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any
from uuid import UUID

import pytest
from graphql import (
    GraphQLNamedType,
    GraphQLNonNull,
    GraphQLObjectType,
    GraphQLSchema,
    get_named_type,
)
from starlette.applications import Starlette
from tortoise import Tortoise
from tortoise.models import Model

from hub.api.schema import schema
from hub.audit.models import AuditEntry
from hub.consultations.models import Participant
from hub.core.classification import Classification
from hub.directory.models import Contact
from tests.conftest import Client, relay_id
from tests.live.wsclient import WAIT_SECONDS, eventually, opened, serving

COORDINATOR = "coordinator@network.example.org"
ADVOCACY = "advocacy@network.example.org"
FUND_MANAGER = "fund.manager@network.example.org"
# Reads PUBLIC and NETWORK records across the network, never CONFIDENTIAL ones.
PARTNER = "partner.global@civil-society.example.org"
GRAPH: GraphQLSchema = schema._schema


# --- what the schema holds ------------------------------------------------------------


def classified_types(graph: GraphQLSchema = GRAPH) -> set[str]:
    node = graph.get_type("Node")
    return {
        name
        for name, kind in graph.type_map.items()
        if isinstance(kind, GraphQLObjectType)
        and node in kind.interfaces
        and "classification" in kind.fields
    }


def _connection_node(kind: GraphQLNamedType) -> str | None:
    """The type of a connection's ``edges.node``; None for anything else."""
    if not isinstance(kind, GraphQLObjectType) or "edges" not in kind.fields:
        return None
    edge = get_named_type(kind.fields["edges"].type)
    if not isinstance(edge, GraphQLObjectType) or "node" not in edge.fields:
        return None
    return str(get_named_type(edge.fields["node"].type).name)


def _is_edge(kind: GraphQLObjectType) -> bool:
    return {"cursor", "node"} <= set(kind.fields)


@dataclass(frozen=True)
class Path:
    parent: str
    field: str
    target: str
    connection: bool = False

    def __str__(self) -> str:
        return f"{self.parent}.{self.field} -> {self.target}"


def schema_paths(graph: GraphQLSchema = GRAPH) -> list[Path]:
    """Every field that can return a classified Node; an edge's ``node`` counts as part
    of its connection's field, and ``node``/``nodes`` once per classified type."""
    classified = classified_types(graph)
    found: list[Path] = []
    for name, kind in sorted(graph.type_map.items()):
        if name.startswith("__") or not isinstance(kind, GraphQLObjectType) or _is_edge(kind):
            continue
        for field_name, definition in kind.fields.items():
            named = get_named_type(definition.type)
            if named.name in classified:
                found.append(Path(name, field_name, named.name))
            elif (inside := _connection_node(named)) in classified:
                assert inside is not None
                found.append(Path(name, field_name, inside, connection=True))
    for target in sorted(classified):
        found += [Path("Query", "node", target), Path("Query", "nodes", target)]
    return found


Step = tuple[str, bool]  # a field's name, and whether it is a connection


def _required_arguments(kind: GraphQLObjectType, field_name: str) -> bool:
    arguments = kind.fields[field_name].args.values()
    return any(isinstance(a.type, GraphQLNonNull) and a.default_value is None for a in arguments)


def routes(graph: GraphQLSchema = GRAPH) -> dict[str, list[Step]]:
    """The shortest way from ``Query`` to each object type, through fields that need no
    argument."""
    query = graph.query_type
    assert query is not None
    found: dict[str, list[Step]] = {query.name: []}
    queue = deque([query])
    while queue:
        kind = queue.popleft()
        for field_name, definition in kind.fields.items():
            if _required_arguments(kind, field_name):
                continue
            named = get_named_type(definition.type)
            inside = _connection_node(named)
            following = graph.get_type(inside) if inside else named
            if not isinstance(following, GraphQLObjectType) or following.name in found:
                continue
            found[following.name] = [*found[kind.name], (field_name, inside is not None)]
            queue.append(following)
    return found


def query_paths() -> list[Path]:
    reachable = routes()
    return [p for p in schema_paths() if p.parent in reachable and p.field not in {"node", "nodes"}]


def node_paths() -> list[Path]:
    return [p for p in schema_paths() if p.parent == "Query" and p.field in {"node", "nodes"}]


def _nest(steps: list[Step], leaf: str) -> str:
    text = leaf
    for name, connection in reversed(steps):
        text = (
            f"{name} {{ edges {{ node {{ {text} }} }} }}" if connection else f"{name} {{ {text} }}"
        )
    return "{ " + text + " }"


def read_query(path: Path) -> str:
    leaf = (
        f"{path.field} {{ edges {{ node {{ id }} }} }}"
        if path.connection
        else f"{path.field} {{ id }}"
    )
    return _nest(routes()[path.parent], leaf)


# --- records and their audit entries --------------------------------------------------


def global_ids(value: Any, type_name: str) -> Iterator[UUID]:
    """The ids of ``type_name`` objects anywhere in an answer."""
    if isinstance(value, dict):
        for key, item in value.items():
            if key == "id" and isinstance(item, str):
                kind, _, raw = base64.b64decode(item).decode().partition(":")
                if kind == type_name:
                    yield UUID(raw)
            else:
                yield from global_ids(item, type_name)
    elif isinstance(value, list):
        for item in value:
            yield from global_ids(item, type_name)


def model_of(type_name: str) -> type[Model]:
    """The model behind a GraphQL type: the same name in the hub's app."""
    model: type[Model] = Tortoise.apps["hub"][type_name]
    return model


async def make_confidential(type_name: str, row_id: UUID) -> None:
    await model_of(type_name).filter(id=row_id).update(classification=Classification.CONFIDENTIAL)


async def entries_naming(row_id: UUID, *, reads: bool) -> list[AuditEntry]:
    """Entries about this record: its reads, or everything else done to it."""
    rows = await AuditEntry.filter(object__contains=str(row_id)).order_by("id")
    return [e for e in rows if e.action.endswith(".read") == reads]


def assert_names(entry: AuditEntry, row_id: UUID, actor: str) -> None:
    """The shape every domain writes: ``resource.action`` on ``resource:id``, allowed."""
    resource = entry.action.rpartition(".")[0]
    assert f"{resource}:{row_id}" in entry.object.split(), entry.object
    assert (entry.actor, entry.decision, entry.tenant_path) == (actor, "allow", "/global")


async def _participants_with_contacts() -> None:
    for participant in await Participant.filter(contact_id=None):
        contact = await Contact.create(
            tenant_id=participant.tenant_id,
            organisation_id=participant.organisation_id,
            name="Delegate (test)",
        )
        await Participant.filter(id=participant.id).update(contact_id=contact.id)


# Where the demo network holds nothing for a path to return.
GIVEN: dict[str, Callable[[], Awaitable[None]]] = {
    "Participant.contact": _participants_with_contacts,
}


async def confidential_record(client: Client, path: Path) -> UUID:
    """A record that ``path`` returns to the coordinator in the demo network, now
    CONFIDENTIAL."""
    if (given := GIVEN.get(f"{path.parent}.{path.field}")) is not None:
        await given()
    reply = await client.gql(read_query(path), user=COORDINATOR)
    assert reply.status == 200, reply.body
    assert not reply.errors, reply.body
    found = list(global_ids(reply.data, path.target))
    assert found, f"no demo record is reached through {path}: give it one"
    await make_confidential(path.target, found[0])
    return found[0]


async def assert_read_is_audited(
    client: Client, path: Path, row_id: UUID, query: str, variables: dict[str, Any]
) -> None:
    before = await entries_naming(row_id, reads=True)
    for time in (1, 2):
        # when the coordinator reads it, the second time as the first (no cached answer)
        reply = await client.gql(query, variables, user=COORDINATOR)
        # then it is there, and each read written down once
        assert reply.status == 200, reply.body
        assert not reply.errors, reply.body
        assert row_id in set(global_ids(reply.data, path.target)), f"{path} did not return it"
        after = await entries_naming(row_id, reads=True)
        assert len(after) == len(before) + time, f"{path}: {len(after) - len(before)} reads"
        assert_names(after[-1], row_id, COORDINATOR)
    # when someone who may not see it asks the same
    denied = await client.gql(query, variables, user=PARTNER)
    # then it is not there, and nothing was read
    assert row_id not in set(global_ids(denied.data, path.target)), f"{path} showed it"
    assert len(await entries_naming(row_id, reads=True)) == len(after)


@pytest.mark.parametrize("path", query_paths(), ids=str)
async def test_a_read_through_every_field_is_audited(client: Client, path: Path) -> None:
    row_id = await confidential_record(client, path)
    await assert_read_is_audited(client, path, row_id, read_query(path), {})


NODE = "query($id: ID!) {{ node(id: $id) {{ ... on {t} {{ id }} }} }}"
NODES = "query($id: ID!) {{ nodes(ids: [$id]) {{ ... on {t} {{ id }} }} }}"


@pytest.mark.parametrize("path", node_paths(), ids=str)
async def test_a_read_by_global_id_is_audited(client: Client, path: Path) -> None:
    # A root list when there is one: the demo network holds records for it.
    reaching = [p for p in query_paths() if p.target == path.target]
    assert reaching, f"no query reaches a {path.target}: give it a case to find one"
    some = min(reaching, key=lambda p: p.parent != "Query")
    row_id = await confidential_record(client, some)
    query = (NODE if path.field == "node" else NODES).format(t=path.target)
    variables = {"id": relay_id(path.target, row_id)}
    await assert_read_is_audited(client, path, row_id, query, variables)


# --- paths that only mutations reach: their payloads ----------------------------------


@dataclass(frozen=True)
class Write:
    """A mutation that creates a CONFIDENTIAL record (``existing`` None), or changes a demo
    record of the path's type that matches ``existing``, made CONFIDENTIAL first."""

    user: str
    mutation: str
    action: str  # the audit entry it owes, e.g. ``organisation.update``
    fields: dict[str, Any] = field(default_factory=dict)  # "@Type": a demo record's id
    existing: dict[str, Any] | None = None


def _changes(mutation: str, action: str, **fields: Any) -> Write:
    return Write(COORDINATOR, mutation, action, fields, existing={})


WRITES: dict[str, list[Write]] = {
    "CreateOrganisationPayload.organisation": [
        Write(
            COORDINATOR,
            "createOrganisation",
            "organisation.create",
            {"name": "Confidential partner", "kind": "CIVIL_SOCIETY"},
        )
    ],
    "OrganisationPayload.organisation": [
        _changes("updateOrganisation", "organisation.update", region="Sahel"),
        _changes("archiveOrganisation", "organisation.archive"),
    ],
    "CreateContactPayload.contact": [
        Write(
            COORDINATOR,
            "createContact",
            "contact.create",
            {"organisation": "@Organisation", "name": "A confidential source"},
        )
    ],
    "ContactPayload.contact": [
        _changes("updateContact", "contact.update", position="Director"),
        _changes("eraseContact", "contact.erase"),
    ],
    "ChangeContactConsentPayload.contact": [
        _changes(
            "changeContactConsent",
            "contact.update",
            consentToContact=True,
            consentGivenOn="2019-04-04",
        )
    ],
    "CreateWorkStreamPayload.workStream": [
        Write(COORDINATOR, "createWorkStream", "work_stream.create", {"title": "Confidential"})
    ],
    "UpdateWorkStreamPayload.workStream": [
        _changes("updateWorkStream", "work_stream.update", title="Renamed")
    ],
    "PriorityPayload.priority": [_changes("updatePriority", "work_plan.update")],
    "ProposalPayload.proposal": [_changes("archiveProposal", "proposal.archive")],
    "InitiativePayload.initiative": [_changes("archiveInitiative", "initiative.archive")],
    "KnowledgeResourcePayload.knowledgeResource": [
        _changes("archiveKnowledgeResource", "knowledge_resource.archive")
    ],
    "ConsultationPayload.consultation": [_changes("archiveConsultation", "consultation.archive")],
    "PledgePayload.pledge": [
        Write(
            COORDINATOR,
            "recordPledge",
            "fund.pledge.create",
            {"fund": "@Fund", "donor": "@Organisation", "amount": "1000", "currency": "USD"},
        )
    ],
    "FundPayload.fund": [
        Write(
            FUND_MANAGER,
            "createFund",
            "fund.create",
            {"name": "A confidential window", "currency": "USD", "target": "1000"},
        ),
        Write(FUND_MANAGER, "updateFund", "fund.update", {"name": "Renamed"}, existing={}),
    ],
    "FundProjectPayload.project": [
        Write(
            FUND_MANAGER,
            "createFundProject",
            "fund.create",
            {
                "thematicArea": "@ThematicArea",
                "title": "Confidential",
                "budget": "1000",
                "currency": "USD",
            },
        )
    ],
    "CreateAdvocacyNotePayload.advocacyNote": [
        Write(ADVOCACY, "createAdvocacyNote", "advocacy_note.create", {"title": "T", "body": "B"})
    ],
    "AdvocacyNotePayload.advocacyNote": [
        Write(ADVOCACY, "updateAdvocacyNote", "advocacy_note.update", {"title": "T"}, existing={})
    ],
    "StatementPayload.statement": [
        Write(
            ADVOCACY,
            "reviseStatement",
            "statement.update",
            {"title": [{"language": "EN", "text": "Revised"}]},
            existing={"status__in": ["draft", "in_review"]},
        )
    ],
}


SUBSCRIPTIONS: dict[str, Write] = {
    "Subscription.proposalSubmitted": Write(
        COORDINATOR,
        "submitProposal",
        "proposal.create",
        {"organisation": "@Organisation", "target": "WORK_PLAN", "title": "Confidential"},
    ),
    "Subscription.proposalStatusChanged": Write(
        COORDINATOR,
        "reviewProposal",
        "proposal.review",
        {"status": "UNDER_REVIEW"},
        existing={"status": "submitted"},
    ),
    "Subscription.consultationAnnounced": Write(
        COORDINATOR,
        "createConsultation",
        "consultation.create",
        {
            "title": [{"language": "EN", "text": "Confidential"}],
            "kind": "THEMATIC",
            "startsOn": "2027-01-10",
            "endsOn": "2027-01-11",
            "status": "ANNOUNCED",
            "online": True,
        },
    ),
}


def _returned_by(root: GraphQLObjectType | None) -> set[str]:
    assert root is not None
    return {get_named_type(f.type).name for f in root.fields.values()}


def payload_paths() -> list[Path]:
    """Paths whose parent only a mutation returns."""
    return [p for p in schema_paths() if p.parent in _returned_by(GRAPH.mutation_type)]


def subscription_paths() -> list[Path]:
    return [p for p in schema_paths() if p.parent == "Subscription"]


async def _demo_id(type_name: str) -> str:
    row = await model_of(type_name).all().order_by("id").first()
    assert row is not None, f"the demo network has no {type_name}"
    return relay_id(type_name, row.pk)


async def _some(type_name: str, conditions: dict[str, Any]) -> UUID:
    """A demo record of this type that matches ``conditions``, made CONFIDENTIAL."""
    model = model_of(type_name)
    if "archived_at" in model._meta.fields_map:
        conditions = {"archived_at__isnull": True, **conditions}
    row = await model.filter(**conditions).order_by("id").first()
    assert row is not None, f"the demo network has no {type_name} for this case"
    await make_confidential(type_name, UUID(str(row.pk)))
    return UUID(str(row.pk))


def _mutation(write: Write) -> tuple[str, str]:
    """The mutation's one argument, and the type it declares."""
    root = GRAPH.mutation_type
    assert root is not None
    [(argument, declared)] = root.fields[write.mutation].args.items()
    return argument, str(declared.type)


def _document(write: Write, target: str) -> str:
    root = GRAPH.mutation_type
    assert root is not None
    payload = get_named_type(root.fields[write.mutation].type)
    assert isinstance(payload, GraphQLObjectType)
    [returning] = [n for n, f in payload.fields.items() if get_named_type(f.type).name == target]
    argument, declared = _mutation(write)
    return (
        f"mutation(${argument}: {declared}) {{ {write.mutation}({argument}: ${argument}) "
        f"{{ {returning} {{ id }} errors {{ code message }} }} }}"
    )


async def _variables(write: Write, target: str) -> tuple[dict[str, Any], UUID | None]:
    given = {
        key: await _demo_id(value[1:]) if isinstance(value, str) and value[:1] == "@" else value
        for key, value in write.fields.items()
    }
    if write.existing is None:
        return {"input": {**given, "classification": "CONFIDENTIAL"}}, None
    row_id = await _some(target, write.existing)
    if _mutation(write)[0] == "id":
        return {"id": relay_id(target, row_id)}, row_id
    return {"input": {"id": relay_id(target, row_id), **given}}, row_id


async def perform(client: Client, write: Write, target: str) -> UUID:
    """Run ``write``; the CONFIDENTIAL record it returned, whose change was audited once."""
    variables, row_id = await _variables(write, target)
    # when
    reply = await client.gql(_document(write, target), variables, user=write.user)
    # then the payload holds the record, and what was done to it is written down
    assert reply.status == 200, reply.body
    assert not reply.errors, reply.body
    assert reply.data[write.mutation]["errors"] == [], reply.body
    [returned] = global_ids(reply.data, target)
    assert row_id in (None, returned)
    done = [e for e in await entries_naming(returned, reads=False) if e.action == write.action]
    assert len(done) == 1, f"{write.mutation}: {len(done)} {write.action} entries"
    assert_names(done[0], returned, write.user)
    return returned


@pytest.mark.parametrize("path", payload_paths(), ids=str)
async def test_a_write_returning_a_confidential_record_is_audited(
    client: Client, path: Path
) -> None:
    for write in WRITES[f"{path.parent}.{path.field}"]:
        await perform(client, write, path.target)


@pytest.mark.parametrize("path", subscription_paths(), ids=str)
async def test_a_record_sent_to_a_subscriber_is_audited(
    app: Starlette, client: Client, path: Path
) -> None:
    async with serving(app) as base:
        if app.state.live.listener is not None:
            await asyncio.wait_for(app.state.live.listener.connected.wait(), WAIT_SECONDS)
        async with opened(base, token=client.token(COORDINATOR)) as live:
            await live.subscribe(f"subscription {{ {path.field} {{ id }} }}")
            await eventually(lambda: app.state.live.fanout.subscribers >= 1, "subscribed")
            # when a confidential record is sent
            row_id = await perform(client, SUBSCRIPTIONS[f"Subscription.{path.field}"], path.target)
            message = await live.next_message()
    # then the subscriber's read of it is written down once
    assert message["type"] == "next", message
    assert list(global_ids(message["payload"], path.target)) == [row_id]
    reads = await entries_naming(row_id, reads=True)
    assert len(reads) == 1, reads
    assert_names(reads[0], row_id, COORDINATOR)


def test_every_path_has_a_case() -> None:
    """A type or field that returns classified records, and that no case above reads,
    fails here: give it one."""
    assert classified_types() >= {"Organisation", "Contact", "Proposal", "AdvocacyNote"}
    covered = {str(p) for p in query_paths() + node_paths()}
    written = {f"{p.parent}.{p.field}" for p in payload_paths()}
    sent = {f"{p.parent}.{p.field}" for p in subscription_paths()}
    assert written == set(WRITES), "payloads with no write case, or cases of no payload"
    assert sent == set(SUBSCRIPTIONS), "subscriptions with no case, or cases of none"
    missing = [
        str(p)
        for p in schema_paths()
        if str(p) not in covered and f"{p.parent}.{p.field}" not in written | sent
    ]
    assert missing == [], f"no case reads these paths: {missing}"
    for target in classified_types():
        assert {f"Query.node -> {target}", f"Query.nodes -> {target}"} <= covered
