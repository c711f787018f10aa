"""Instances built from records are the instances Tortoise builds, for every model."""

from __future__ import annotations

from typing import Any

import pytest
from tortoise import Tortoise
from tortoise.models import Model

from hub.access.models import POSTGRES_ONLY
from hub.core.records import instances
from hub.proposals.models import Proposal
from tests.conftest import BACKEND


def _models() -> list[type[Model]]:
    """Every model whose table this database has."""
    models = Tortoise.apps["hub"].values()
    kept = [m for m in models if BACKEND == "postgres" or m not in POSTGRES_ONLY]
    return sorted(kept, key=lambda m: m.__name__)


def _state(row: Model) -> dict[str, Any]:
    # Values as repr shows them: a str where Tortoise gives an enum member, or a datetime
    # in another zone, would compare equal and still differ.
    return {key: repr(value) for key, value in vars(row).items()}


@pytest.mark.usefixtures("network")
async def test_every_model_is_built_as_tortoise_builds_it() -> None:
    compared = 0
    for model in _models():
        table = model._meta.db_table
        _, records = await model._meta.db.execute_query(f'SELECT * FROM "{table}" LIMIT 50')
        ours = instances(model, records)
        theirs = [model._init_from_db(**dict(record)) for record in records]
        assert [_state(r) for r in ours] == [_state(r) for r in theirs], model.__name__
        compared += len(records)
    assert compared > 200


@pytest.mark.usefixtures("network")
async def test_an_instance_built_from_a_record_can_be_saved() -> None:
    [record] = (await Proposal._meta.db.execute_query('SELECT * FROM "proposal" LIMIT 1'))[1]
    [row] = instances(Proposal, [record])
    row.title = "Renamed"
    await row.save(update_fields=["title"])
    assert (await Proposal.get(id=row.id)).title == "Renamed"
