"""Tenant manifests (``tenants/*.toml``): read, checked, and applied idempotently."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from tortoise.transactions import in_transaction

from hub.errors import BadUserInput
from hub.tenancy.models import UN_LANGUAGES, Tenant, TenantLevel
from hub.tenancy.slugs import is_slug
from hub.trusted.mode import TrustedDocumentsMode

KNOWN_KEYS = {
    "slug",
    "name",
    "level",
    "parent",
    "default_language",
    "languages",
    "trusted_documents",
}


@dataclass(frozen=True)
class Manifest:
    slug: str
    name: str
    level: TenantLevel
    parent: str | None
    default_language: str
    languages: list[str]
    trusted_documents: TrustedDocumentsMode | None = None
    source: str = field(default="", compare=False)


def _fail(source: str, message: str) -> BadUserInput:
    return BadUserInput(f"{source}: {message}")


def parse_manifest(text: str, source: str) -> Manifest:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise _fail(source, f"not valid TOML ({exc})") from exc
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        raise _fail(source, f"unknown keys {unknown}; allowed are {sorted(KNOWN_KEYS)}")
    for key in ("slug", "name", "level"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            raise _fail(source, f"'{key}' is required and must be a non-empty string")
    slug = data["slug"]
    if not is_slug(slug):
        raise _fail(source, f"slug '{slug}' must be lower-case letters, digits and hyphens")
    try:
        level = TenantLevel(data["level"])
    except ValueError as exc:
        allowed = ", ".join(level.value for level in TenantLevel)
        raise _fail(source, f"level '{data['level']}' is not one of {allowed}") from exc
    parent = data.get("parent")
    if parent is not None and not isinstance(parent, str):
        raise _fail(source, "'parent' must be a tenant slug")
    if (level is TenantLevel.GLOBAL) != (parent is None):
        raise _fail(source, "the global tenant has no parent and every other tenant has one")
    languages = data.get("languages", ["en"])
    if not isinstance(languages, list) or not languages:
        raise _fail(source, "'languages' must be a non-empty list")
    bad = [lang for lang in languages if lang not in UN_LANGUAGES]
    if bad:
        raise _fail(source, f"languages {bad} are not UN languages {list(UN_LANGUAGES)}")
    default_language = str(data.get("default_language", languages[0]))
    if default_language not in languages:
        raise _fail(source, f"default_language '{default_language}' is not in languages")
    return Manifest(
        slug=slug,
        name=data["name"].strip(),
        level=level,
        parent=parent,
        default_language=default_language,
        languages=list(languages),
        trusted_documents=_trusted_documents(data, source),
        source=source,
    )


def _trusted_documents(data: dict[str, object], source: str) -> TrustedDocumentsMode | None:
    """The tenant's own mode; absent, the tenant follows HUB_TRUSTED_DOCUMENTS."""
    value = data.get("trusted_documents")
    if value is None:
        return None
    allowed = [mode.value for mode in TrustedDocumentsMode]
    if value not in allowed:
        raise _fail(source, f"trusted_documents {value!r} is not one of {', '.join(allowed)}")
    return TrustedDocumentsMode(str(value))


def read_manifests(directory: Path) -> list[Manifest]:
    if not directory.is_dir():
        raise BadUserInput(f"{directory} is not a directory")
    manifests = [
        parse_manifest(path.read_text(encoding="utf-8"), str(path))
        for path in sorted(directory.glob("*.toml"))
    ]
    if not manifests:
        raise BadUserInput(f"{directory} holds no *.toml tenant manifests")
    seen: dict[str, str] = {}
    for manifest in manifests:
        if manifest.slug in seen:
            raise _fail(manifest.source, f"slug '{manifest.slug}' is also in {seen[manifest.slug]}")
        seen[manifest.slug] = manifest.source
    return manifests


def _shown(value: object) -> str:
    # Enum members as the values written in manifests, not as Python reprs.
    return repr(value.value if isinstance(value, Enum) else value)


@dataclass
class ApplyReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"created {line}" for line in self.created]
        out += [f"updated {line}" for line in self.updated]
        out.append(
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
        )
        return out


def _ordered(manifests: list[Manifest], existing: dict[str, Tenant]) -> list[Manifest]:
    """Parents before children; a parent may already exist in the database."""
    by_slug = {m.slug: m for m in manifests}
    ordered: list[Manifest] = []
    placed: set[str] = set()

    def place(manifest: Manifest, trail: tuple[str, ...]) -> None:
        if manifest.slug in placed:
            return
        if manifest.slug in trail:
            raise _fail(manifest.source, f"parents form a cycle: {' > '.join(trail)}")
        parent = manifest.parent
        if parent is not None:
            if parent in by_slug:
                place(by_slug[parent], (*trail, manifest.slug))
            elif parent not in existing:
                raise _fail(manifest.source, f"parent '{parent}' is not a known tenant")
        ordered.append(manifest)
        placed.add(manifest.slug)

    for manifest in manifests:
        place(manifest, ())
    return ordered


async def apply_manifests(manifests: list[Manifest]) -> ApplyReport:
    """Create or update tenants so that they match the manifests, in one transaction."""
    report = ApplyReport()
    async with in_transaction():
        existing = {t.slug: t for t in await Tenant.all()}
        for manifest in _ordered(manifests, existing):
            parent = existing.get(manifest.parent) if manifest.parent else None
            if parent is not None and parent.level.depth + 1 != manifest.level.depth:
                raise _fail(
                    manifest.source,
                    f"a {manifest.level} tenant cannot sit under the {parent.level} "
                    f"tenant '{parent.slug}'",
                )
            path = f"{parent.path}/{manifest.slug}" if parent else f"/{manifest.slug}"
            wanted = {
                "name": manifest.name,
                "level": manifest.level,
                "default_language": manifest.default_language,
                "languages": manifest.languages,
                "trusted_documents": manifest.trusted_documents,
            }
            tenant = existing.get(manifest.slug)
            if tenant is None:
                tenant = Tenant(slug=manifest.slug, parent=parent, path=path, **wanted)
                await tenant.save()
                existing[manifest.slug] = tenant
                report.created.append(f"{manifest.slug} ({path})")
                continue
            if tenant.path != path:
                raise _fail(
                    manifest.source,
                    f"'{manifest.slug}' is at {tenant.path}; moving a tenant is not supported",
                )
            changes = [
                f"{key}: {_shown(getattr(tenant, key))} -> {_shown(value)}"
                for key, value in wanted.items()
                if getattr(tenant, key) != value
            ]
            if changes:
                for key, value in wanted.items():
                    setattr(tenant, key, value)
                await tenant.save()
                report.updated.append(f"{manifest.slug}: {'; '.join(changes)}")
            else:
                report.unchanged.append(manifest.slug)
    return report
