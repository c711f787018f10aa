"""Proposals and work streams take their texts as every translated record does: one list
of translations per text. The older shape (plain texts in one language, versions in the
others) gives the same record, and the two cannot be mixed."""

from __future__ import annotations

from typing import Any

import pytest
from strawberry import relay

from hub.directory.models import Organisation
from hub.proposals.models import Proposal
from hub.workplan.models import WorkStream
from tests.conftest import Client, relay_id
from tests.proposals.queries import COORDINATOR, PARTNER

RIGHTS_NETWORK = "Migrant workers' rights network (demo)"  # the partner belongs to it

SUBMIT = """
mutation($input: SubmitProposalInput!) { submitProposal(input: $input) {
  proposal { id language
    fr: localizedTitle(lang: FR) { text language available }
    en: localizedTitle(lang: EN) { text language }
    body: localizedBody(lang: FR) { text language available } }
  errors { field code message }
} }
"""
UPDATE = """
mutation($input: UpdateProposalInput!) { updateProposal(input: $input) {
  proposal { id language
    fr: localizedTitle(lang: FR) { text language available }
    en: localizedTitle(lang: EN) { text language }
    body: localizedBody(lang: EN) { text language available } }
  errors { field code message }
} }
"""
CREATE_STREAM = """
mutation($input: CreateWorkStreamInput!) { createWorkStream(input: $input) {
  workStream { id language
    es: localizedTitle(lang: ES) { text language available }
    description: localizedDescription(lang: ES) { text language available } }
  errors { field code message }
} }
"""
UPDATE_STREAM = """
mutation($input: UpdateWorkStreamInput!) { updateWorkStream(input: $input) {
  workStream { id
    en: localizedTitle(lang: EN) { text available }
    ar: localizedTitle(lang: AR) { text language } }
  errors { field code message }
} }
"""


async def _organisation() -> str:
    return relay_id("Organisation", (await Organisation.get(name=RIGHTS_NETWORK)).id)


async def _submit(client: Client, **fields: Any) -> Any:
    reply = await client.gql(
        SUBMIT,
        {"input": {"organisation": await _organisation(), "target": "WORK_PLAN"} | fields},
        user=PARTNER,
    )
    return reply.data["submitProposal"]


def _problems(payload: Any) -> list[tuple[str, str]]:
    return [(e["field"], e["code"]) for e in payload["errors"]]


async def test_a_proposal_is_submitted_as_lists_of_translations(client: Client) -> None:
    payload = await _submit(
        client,
        localizedTitle=[
            {"language": "FR", "text": "Financer les consultations nationales"},
            {"language": "EN", "text": "Fund national consultations"},
        ],
        localizedBody=[{"language": "FR", "text": "Comme la session 2 l'a demandé."}],
    )
    assert payload["errors"] == []
    proposal = payload["proposal"]
    # Its own language is the first the lists name.
    assert proposal["language"] == "FR"
    assert proposal["fr"] == {
        "text": "Financer les consultations nationales",
        "language": "FR",
        "available": ["EN", "FR"],
    }
    assert proposal["en"] == {"text": "Fund national consultations", "language": "EN"}
    assert proposal["body"]["text"] == "Comme la session 2 l'a demandé."
    row = await Proposal.get(title="Financer les consultations nationales")
    assert (row.language, row.body) == ("fr", "Comme la session 2 l'a demandé.")
    assert row.translations == {"en": {"title": "Fund national consultations"}}


async def test_both_shapes_give_the_same_proposal(client: Client) -> None:
    texts = {
        "en": ("Protect civic space", "Shrinking space for migrants' organisations."),
        "es": ("Proteger el espacio cívico", "El espacio se reduce."),
    }
    older = await _submit(
        client,
        language="EN",
        title=texts["en"][0],
        body=texts["en"][1],
        translations=[{"language": "ES", "title": texts["es"][0], "body": texts["es"][1]}],
    )
    lists = await _submit(
        client,
        language="EN",
        localizedTitle=[{"language": k.upper(), "text": t} for k, (t, _) in texts.items()],
        localizedBody=[{"language": k.upper(), "text": b} for k, (_, b) in texts.items()],
    )
    assert older["errors"] == lists["errors"] == []
    first = await Proposal.get(id=relay_id_of(older))
    second = await Proposal.get(id=relay_id_of(lists))
    assert (first.title, first.body, first.language, first.translations) == (
        second.title,
        second.body,
        second.language,
        second.translations,
    )
    assert {k: v for k, v in older["proposal"].items() if k != "id"} == {
        k: v for k, v in lists["proposal"].items() if k != "id"
    }


def relay_id_of(payload: Any) -> str:
    return relay.GlobalID.from_id(payload["proposal"]["id"]).node_id


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"localizedTitle": [{"language": "EN", "text": "T"}], "title": "Plain"},
            [("title", "CONFLICT")],
        ),
        (
            {
                "localizedTitle": [{"language": "EN", "text": "T"}],
                "translations": [{"language": "FR", "title": "T"}],
            },
            [("translations", "CONFLICT")],
        ),
        (
            {
                "localizedTitle": [
                    {"language": "EN", "text": "T"},
                    {"language": "EN", "text": "Again"},
                ]
            },
            [("localizedTitle.en", "DUPLICATE")],
        ),
        (
            {
                "localizedTitle": [{"language": "EN", "text": "T"}],
                "localizedBody": [{"language": "FR", "text": "Sans titre"}],
            },
            [("localizedTitle.fr", "REQUIRED")],
        ),
        (
            {"language": "AR", "localizedTitle": [{"language": "EN", "text": "T"}]},
            [("language", "MISSING_TEXT"), ("title", "REQUIRED")],
        ),
        ({"localizedTitle": []}, [("title", "REQUIRED")]),
        ({"localizedTitle": [{"language": "EN", "text": "x" * 301}]}, [("title", "TOO_LONG")]),
        ({}, [("title", "REQUIRED")]),
    ],
)
async def test_bad_lists_are_refused_and_nothing_is_written(
    client: Client, fields: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    before = await Proposal.all().count()
    payload = await _submit(client, **fields)
    assert payload["proposal"] is None
    assert _problems(payload) == expected
    assert all(e["message"] for e in payload["errors"])
    assert await Proposal.all().count() == before


async def test_its_authors_change_texts_by_language(client: Client) -> None:
    submitted = await _submit(
        client,
        language="EN",
        localizedTitle=[{"language": "EN", "text": "Fund consultations"}],
        localizedBody=[{"language": "EN", "text": "First draft."}],
    )
    proposal_id = submitted["proposal"]["id"]
    reply = await client.gql(
        UPDATE,
        {
            "input": {
                "id": proposal_id,
                "localizedTitle": [
                    {"language": "FR", "text": "Financer les consultations"},
                    {"language": "EN", "text": "Fund national consultations"},
                ],
                "localizedBody": [{"language": "EN", "text": "Second draft."}],
            }
        },
        user=PARTNER,
    )
    payload = reply.data["updateProposal"]
    assert payload["errors"] == []
    # Its own language's texts are its texts; the others are versions beside them.
    assert payload["proposal"]["language"] == "EN"
    assert payload["proposal"]["en"] == {"text": "Fund national consultations", "language": "EN"}
    assert payload["proposal"]["fr"]["text"] == "Financer les consultations"
    assert payload["proposal"]["body"] == {
        "text": "Second draft.",
        "language": "EN",
        "available": ["EN"],
    }

    # A body alone, in a language that has a title already, keeps that title.
    body_only = await client.gql(
        UPDATE,
        {
            "input": {
                "id": proposal_id,
                "localizedBody": [{"language": "FR", "text": "Deuxième version."}],
            }
        },
        user=PARTNER,
    )
    assert body_only.data["updateProposal"]["errors"] == []
    assert body_only.data["updateProposal"]["proposal"]["fr"]["text"] == (
        "Financer les consultations"
    )
    fr = (await Proposal.get(id=relay_id_of(submitted))).translations["fr"]
    assert fr == {"title": "Financer les consultations", "body": "Deuxième version."}

    refused = await client.gql(
        UPDATE,
        {
            "input": {
                "id": proposal_id,
                "body": "Plain",
                "localizedTitle": [{"language": "EN", "text": "Mixed"}],
            }
        },
        user=PARTNER,
    )
    assert _problems(refused.data["updateProposal"]) == [("body", "CONFLICT")]
    row = await Proposal.get(id=relay_id_of(submitted))
    assert (row.title, row.body) == ("Fund national consultations", "Second draft.")


async def test_a_work_stream_is_created_and_changed_as_lists(client: Client) -> None:
    reply = await client.gql(
        CREATE_STREAM,
        {
            "input": {
                "localizedTitle": [
                    {"language": "ES", "text": "Trabajo decente"},
                    {"language": "EN", "text": "Decent work"},
                ],
                "localizedDescription": [{"language": "ES", "text": "Derechos laborales."}],
            }
        },
        user=COORDINATOR,
    )
    payload = reply.data["createWorkStream"]
    assert payload["errors"] == []
    stream = payload["workStream"]
    assert stream["language"] == "ES"
    assert stream["es"] == {
        "text": "Trabajo decente",
        "language": "ES",
        "available": ["EN", "ES"],
    }
    assert stream["description"]["text"] == "Derechos laborales."

    changed = await client.gql(
        UPDATE_STREAM,
        {
            "input": {
                "id": stream["id"],
                "localizedTitle": [
                    {"language": "AR", "text": "العمل اللائق"},
                    {"language": "ES", "text": "Trabajo decente y derechos"},
                ],
            }
        },
        user=COORDINATOR,
    )
    assert changed.data["updateWorkStream"]["errors"] == []
    assert changed.data["updateWorkStream"]["workStream"]["ar"] == {
        "text": "العمل اللائق",
        "language": "AR",
    }
    row = await WorkStream.get(title="Trabajo decente y derechos")
    assert set(row.translations) == {"en", "ar"}

    refused = await client.gql(
        UPDATE_STREAM,
        {
            "input": {
                "id": stream["id"],
                "localizedDescription": [{"language": "RU", "text": "Без заголовка"}],
            }
        },
        user=COORDINATOR,
    )
    assert _problems(refused.data["updateWorkStream"]) == [("localizedTitle.ru", "REQUIRED")]
    assert "ru" not in (await WorkStream.get(id=row.id)).translations
