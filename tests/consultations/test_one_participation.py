"""An organisation takes part in a consultation once: the database refuses a second
participation, and the migration that says so merges the ones an earlier version let in.
A database with records upgrades through the later migrations too."""

from __future__ import annotations

from datetime import date
from typing import TypeVar

import pytest
from tortoise import Tortoise, connections
from tortoise.exceptions import IntegrityError
from tortoise.migrations.api.migrate import migrate as tortoise_migrate

from hub.consultations.models import (
    Consultation,
    ConsultationKind,
    ConsultationStatus,
    Gender,
    Participant,
)
from hub.core.classification import Classification
from hub.core.db import tortoise_config
from hub.directory.models import Organisation, OrganisationKind
from hub.tenancy.models import Tenant
from tests.orm_context import own_orm

T = TypeVar("T")

BEFORE = "hub.0031_consultation_search"


TENANT_ID = "5b7c3d0e-0000-4000-8000-000000000001"


@pytest.fixture
async def before_merge(empty_database_url: str) -> str:
    """A database migrated up to the migration before the merge, holding a tenant (written
    as that schema has it), an organisation and a consultation."""
    url = empty_database_url

    async def load() -> None:
        try:
            await tortoise_migrate(config=tortoise_config(url), target=BEFORE)
            await Tortoise.init(config=tortoise_config(url))
            await connections.get("default").execute_script(
                "INSERT INTO tenant (id, slug, name, level, path, default_language, languages, "
                f"created_at, updated_at) VALUES ('{TENANT_ID}', 'global', 'Global', 'global', "
                "'/global', 'en', '[\"en\"]', '2019-04-04 09:00:00', '2019-04-04 09:00:00')"
            )
            await Organisation.create(
                tenant_id=TENANT_ID,
                name="Migrant Forum in Asia",
                kind=OrganisationKind.CIVIL_SOCIETY,
                classification=Classification.NETWORK,
            )
            await Consultation.create(
                tenant_id=TENANT_ID,
                title={"en": "Consultation with civil society"},
                title_index="Consultation with civil society",
                kind=ConsultationKind.MULTI_STAKEHOLDER,
                status=ConsultationStatus.HELD,
                starts_on=date(2019, 4, 4),
                ends_on=date(2019, 4, 4),
                classification=Classification.NETWORK,
            )
        finally:
            await Tortoise.close_connections()

    await own_orm(load)
    return url


async def test_twice_added_organisations_are_merged_then_refused(before_merge: str) -> None:
    url = before_merge

    async def add_twice() -> tuple[str, str, int]:
        try:
            await Tortoise.init(config=tortoise_config(url))
            organisation = await Organisation.get(name="Migrant Forum in Asia")
            consultation = await Consultation.get(title_index="Consultation with civil society")
            first = await Participant.create(
                tenant_id=TENANT_ID,
                consultation=consultation,
                organisation=organisation,
                classification=Classification.NETWORK,
            )
            # As an earlier version could: the same organisation added again, then again.
            copies = [
                await Participant.create(
                    tenant_id=first.tenant_id,
                    consultation_id=first.consultation_id,
                    organisation_id=first.organisation_id,
                    classification=first.classification,
                    attended=attended,
                    gender=gender,
                    registered_by=registered_by,
                )
                for attended, gender, registered_by in [
                    (False, None, ""),
                    (True, Gender.WOMAN, "partner@civil-society.example.org"),
                ]
            ]
            return str(first.id), str(copies[0].id), await Participant.all().count()
        finally:
            await Tortoise.close_connections()

    first_id, copy_id, before = await own_orm(add_twice)

    async def migrate_and_check() -> None:
        try:
            await tortoise_migrate(config=tortoise_config(url))
            await Tortoise.init(config=tortoise_config(url))
            assert await Participant.all().count() == before - 2
            kept = await Participant.get(id=first_id)
            # The first participation stays, with what the others knew.
            assert (kept.attended, kept.gender, kept.registered_by) == (
                True,
                Gender.WOMAN,
                "partner@civil-society.example.org",
            )
            # and the tenant that was there before the hubs were named is this hub's own
            assert (await Tenant.get(id=TENANT_ID)).hub == ""
            assert not await Participant.filter(id=copy_id).exists()
            with pytest.raises(IntegrityError):
                await Participant.create(
                    tenant_id=kept.tenant_id,
                    consultation_id=kept.consultation_id,
                    organisation_id=kept.organisation_id,
                    classification=kept.classification,
                )
            assert await Participant.all().count() == before - 2
        finally:
            await Tortoise.close_connections()

    await own_orm(migrate_and_check)
