"""PostgreSQL shows a tenant's documents inside its subtree only, global ones everywhere."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.api.trusted_documents import read_documents
from hub.tenancy.isolation import tenant_scope
from hub.trusted.models import TrustedDocument
from hub.trusted.service import register_documents
from tests.conftest import BACKEND
from tests.trusted.support import write_documents

pytestmark = pytest.mark.skipif(BACKEND != "postgres", reason="Row-Level Security is PostgreSQL's")


async def _scopes_of_visible_rows() -> list[str]:
    # No filter at all: what a query that forgot the tenant would see.
    rows = await TrustedDocument.all().select_related("tenant")
    return sorted({row.tenant.slug if row.tenant else "global" for row in rows})


async def test_unfiltered_reads_see_global_documents_and_the_subtree_only(
    network: None, tmp_path: Path
) -> None:
    # given
    documents = read_documents(write_documents(tmp_path))
    for tenant in (None, "spain", "dhaka"):
        await register_documents(documents, tenant)
    # when
    async with tenant_scope("/global/asia-pacific/bangladesh"):
        in_bangladesh = await _scopes_of_visible_rows()
    async with tenant_scope("/global/europe-central-asia/spain"):
        in_spain = await _scopes_of_visible_rows()
    # then
    assert await _scopes_of_visible_rows() == ["dhaka", "global", "spain"]  # as the owner
    assert in_bangladesh == ["dhaka", "global"]
    assert in_spain == ["global", "spain"]
