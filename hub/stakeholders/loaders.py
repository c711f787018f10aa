"""Per-request loaders: one SQL statement for all the organisations a page of contacts
names, whatever the page size."""

from __future__ import annotations

from collections.abc import Sequence

from hub.core.loading import RequestLoader
from hub.directory.models import Contact, Organisation
from hub.stakeholders.service import ContactService, OrganisationService


class OrganisationByIdLoader(RequestLoader[str, Organisation | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[Organisation | None]:
        return await OrganisationService(self.ctx).get_many(keys)


class ContactByIdLoader(RequestLoader[str, Contact | None]):
    async def load_batch(self, keys: Sequence[str]) -> list[Contact | None]:
        return await ContactService(self.ctx).get_many(keys)
