"""The trusted-documents mode: HUB_TRUSTED_DOCUMENTS, overridden by a tenant's manifest."""

from __future__ import annotations

from pathlib import Path

import pytest

from hub.core.config import Environment, Settings
from hub.core.errors import BadUserInput
from hub.tenancy.manifests import apply_manifests, parse_manifest, read_manifests
from hub.tenancy.models import Tenant
from hub.trusted.mode import TrustedDocumentsMode, effective_mode

SPAIN = (
    'slug = "spain"\nname = "Spain"\nlevel = "national"\nparent = "europe-central-asia"\n'
    'languages = ["es"]\n'
)


def test_off_unless_set_even_in_production(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HUB_TRUSTED_DOCUMENTS", raising=False)
    assert (
        Settings(environment=Environment.PRODUCTION).trusted_documents is TrustedDocumentsMode.OFF
    )
    monkeypatch.setenv("HUB_TRUSTED_DOCUMENTS", "required")
    assert Settings().trusted_documents is TrustedDocumentsMode.REQUIRED


@pytest.mark.parametrize(
    ("hub_mode", "tenant_mode", "expected"),
    [
        (TrustedDocumentsMode.OFF, None, TrustedDocumentsMode.OFF),
        (TrustedDocumentsMode.REQUIRED, None, TrustedDocumentsMode.REQUIRED),
        (TrustedDocumentsMode.OFF, TrustedDocumentsMode.REQUIRED, TrustedDocumentsMode.REQUIRED),
        (TrustedDocumentsMode.REQUIRED, TrustedDocumentsMode.OFF, TrustedDocumentsMode.OFF),
    ],
)
def test_the_tenant_setting_wins(
    hub_mode: TrustedDocumentsMode,
    tenant_mode: TrustedDocumentsMode | None,
    expected: TrustedDocumentsMode,
) -> None:
    assert effective_mode(hub_mode, tenant_mode) is expected


def test_a_manifest_names_a_known_mode() -> None:
    assert parse_manifest(SPAIN, "spain.toml").trusted_documents is None
    with_mode = parse_manifest(SPAIN + 'trusted_documents = "required"\n', "spain.toml")
    assert with_mode.trusted_documents is TrustedDocumentsMode.REQUIRED
    with pytest.raises(
        BadUserInput, match="trusted_documents 'always' is not one of off, required"
    ):
        parse_manifest(SPAIN + 'trusted_documents = "always"\n', "spain.toml")


async def test_applying_a_manifest_sets_and_clears_the_tenant_mode(
    db: None, tmp_path: Path, project_root: Path
) -> None:
    # given
    await apply_manifests(read_manifests(project_root / "tenants"))
    (tmp_path / "spain.toml").write_text(SPAIN + 'trusted_documents = "required"\n')
    # when
    report = await apply_manifests(read_manifests(tmp_path))
    required = await Tenant.get(slug="spain")
    (tmp_path / "spain.toml").write_text(SPAIN)
    await apply_manifests(read_manifests(tmp_path))
    cleared = await Tenant.get(slug="spain")
    # then
    [change] = report.updated
    assert change.endswith("trusted_documents: None -> 'required'")
    assert required.trusted_documents is TrustedDocumentsMode.REQUIRED
    assert cleared.trusted_documents is None
