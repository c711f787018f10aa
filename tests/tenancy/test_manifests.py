from __future__ import annotations

from pathlib import Path

import pytest

from hub.core.errors import BadUserInput
from hub.tenancy.manifests import apply_manifests, parse_manifest, read_manifests
from hub.tenancy.models import Tenant
from hub.tenancy.service import tree_lines


async def test_demo_manifests_apply_once_then_change_nothing(db: None, project_root: Path) -> None:
    # when
    first = await apply_manifests(read_manifests(project_root / "tenants"))
    second = await apply_manifests(read_manifests(project_root / "tenants"))
    # then
    assert len(first.created) == 6
    assert second.created == second.updated == []
    assert len(second.unchanged) == 6
    dhaka = await Tenant.get(slug="dhaka")
    assert dhaka.path == "/global/asia-pacific/bangladesh/dhaka"
    lines = await tree_lines()
    assert lines[0].startswith("global ")
    assert any(line.startswith("      dhaka ") for line in lines)


async def test_changes_are_reported(db: None, tmp_path: Path, project_root: Path) -> None:
    # given
    await apply_manifests(read_manifests(project_root / "tenants"))
    (tmp_path / "spain.toml").write_text(
        'slug = "spain"\nname = "Red de Naciones Unidas sobre la Migración en España"\n'
        'level = "national"\nparent = "europe-central-asia"\nlanguages = ["es"]\n'
    )
    # when
    report = await apply_manifests(read_manifests(tmp_path))
    # then
    assert len(report.updated) == 1
    assert report.updated[0].startswith("spain: name:")
    assert (await Tenant.get(slug="spain")).languages == ["es"]


async def test_a_tenant_cannot_move(db: None, tmp_path: Path, project_root: Path) -> None:
    # given
    await apply_manifests(read_manifests(project_root / "tenants"))
    (tmp_path / "spain.toml").write_text(
        'slug = "spain"\nname = "Spain"\nlevel = "national"\nparent = "asia-pacific"\n'
    )
    # then
    with pytest.raises(BadUserInput, match="moving a tenant is not supported"):
        await apply_manifests(read_manifests(tmp_path))
    assert (await Tenant.get(slug="spain")).path == "/global/europe-central-asia/spain"


async def test_a_level_must_sit_under_the_level_above(db: None, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('slug = "global"\nname = "G"\nlevel = "global"\n')
    (tmp_path / "b.toml").write_text(
        'slug = "lima"\nname = "Lima"\nlevel = "local"\nparent = "global"\n'
    )
    with pytest.raises(BadUserInput, match="cannot sit under"):
        await apply_manifests(read_manifests(tmp_path))
    assert not await Tenant.exists()


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("slug = ", "not valid TOML"),
        ('slug = "x"\nname = "X"\nlevel = "global"\ncolour = "red"\n', "unknown keys"),
        ('name = "X"\nlevel = "global"\n', "'slug' is required"),
        ('slug = "Bad Slug"\nname = "X"\nlevel = "global"\n', "lower-case"),
        ('slug = "x"\nname = "X"\nlevel = "planet"\n', "is not one of"),
        ('slug = "x"\nname = "X"\nlevel = "regional"\n', "every other tenant has one"),
        ('slug = "x"\nname = "X"\nlevel = "global"\nlanguages = ["de"]\n', "not UN languages"),
        (
            'slug = "x"\nname = "X"\nlevel = "global"\nlanguages = ["en"]\ndefault_language = "fr"',
            "not in languages",
        ),
    ],
)
def test_invalid_manifests_are_explained(text: str, message: str) -> None:
    with pytest.raises(BadUserInput, match=message) as error:
        parse_manifest(text, "tenants/x.toml")
    assert error.value.message.startswith("tenants/x.toml: ")


def test_unknown_parent_and_duplicates(tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text('slug = "x"\nname = "X"\nlevel = "global"\n')
    (tmp_path / "b.toml").write_text('slug = "x"\nname = "Y"\nlevel = "global"\n')
    with pytest.raises(BadUserInput, match="also in"):
        read_manifests(tmp_path)


async def test_missing_parent_is_explained(db: None, tmp_path: Path) -> None:
    (tmp_path / "a.toml").write_text(
        'slug = "x"\nname = "X"\nlevel = "regional"\nparent = "nowhere"\n'
    )
    with pytest.raises(BadUserInput, match="parent 'nowhere' is not a known tenant"):
        await apply_manifests(read_manifests(tmp_path))


async def test_a_hub_owns_the_subtree_its_manifest_names(
    db: None, tmp_path: Path, project_root: Path
) -> None:
    # given the demo tenants, then Asia-Pacific's manifest naming the hub that owns it
    await apply_manifests(read_manifests(project_root / "tenants"))
    source = (project_root / "tenants" / "asia-pacific.toml").read_text(encoding="utf-8")
    (tmp_path / "asia-pacific.toml").write_text(source + 'hub = "asia-pacific"\n')
    for name in ("bangladesh.toml", "dhaka.toml"):
        (tmp_path / name).write_text((project_root / "tenants" / name).read_text("utf-8"))
    # when
    report = await apply_manifests(read_manifests(tmp_path))
    # then the region and the tenants below it, which name no hub, are the region's
    assert sorted(report.updated) == [
        "asia-pacific: hub: '' -> 'asia-pacific'",
        "bangladesh: hub: '' -> 'asia-pacific'",
        "dhaka: hub: '' -> 'asia-pacific'",
    ]
    hubs = {t.slug: t.hub for t in await Tenant.all()}
    assert hubs == {
        "global": "",
        "asia-pacific": "asia-pacific",
        "bangladesh": "asia-pacific",
        "dhaka": "asia-pacific",
        "europe-central-asia": "",
        "spain": "",
    }


async def test_a_hub_is_named_as_a_slug(db: None, tmp_path: Path) -> None:
    (tmp_path / "g.toml").write_text(
        'slug = "global"\nname = "G"\nlevel = "global"\nhub = "Geneva HQ"\n'
    )
    with pytest.raises(BadUserInput, match="'hub' must be a hub's name"):
        await apply_manifests(read_manifests(tmp_path))
    assert await Tenant.all().count() == 0


async def test_a_tenant_another_hub_owns_is_left_to_it(
    db: None, tmp_path: Path, project_root: Path
) -> None:
    # Given the regional hub's own tree under the global tenants, which came from Geneva
    region = tmp_path / "region"
    region.mkdir()
    for path in (project_root / "tenants").glob("*.toml"):
        text = path.read_text(encoding="utf-8")
        if path.name == "asia-pacific.toml":
            text += 'hub = "asia-pacific"\n'
        (region / path.name).write_text(text, encoding="utf-8")
    geneva = tmp_path / "geneva"
    geneva.mkdir()
    for name in ("global.toml", "europe-central-asia.toml", "spain.toml"):
        (geneva / name).write_text((region / name).read_text(encoding="utf-8"), "utf-8")
    await apply_manifests(read_manifests(geneva))
    await Tenant.all().update(hub="global")
    # When every manifest is applied in the Asia-Pacific hub
    report = await apply_manifests(read_manifests(region), this_hub="asia-pacific")
    # Then the region's tenants are made, and Geneva's are left to it as they are
    assert sorted(report.created) == [
        "asia-pacific (/global/asia-pacific)",
        "bangladesh (/global/asia-pacific/bangladesh)",
        "dhaka (/global/asia-pacific/bangladesh/dhaka)",
    ]
    assert sorted(report.left) == [
        "europe-central-asia: owned by hub 'global'",
        "global: owned by hub 'global'",
        "spain: owned by hub 'global'",
    ]
    assert report.updated == []
    assert {t.slug: t.hub for t in await Tenant.all()}["dhaka"] == "asia-pacific"
    # And once the hub has stamped its own tenants with its name, applying changes nothing
    await Tenant.filter(hub="").update(hub="asia-pacific")
    again = await apply_manifests(read_manifests(region), this_hub="asia-pacific")
    assert again.changes == []
    assert len(again.unchanged) == 3
    # And a tenant of its own is not handed over to another hub by a manifest
    (region / "dhaka.toml").write_text(
        (region / "dhaka.toml").read_text(encoding="utf-8") + 'hub = "dhaka"\n', "utf-8"
    )
    with pytest.raises(BadUserInput, match="handing it over to hub 'dhaka' is not supported"):
        await apply_manifests(read_manifests(region), this_hub="asia-pacific")
    assert (await Tenant.get(slug="dhaka")).hub == "asia-pacific"
