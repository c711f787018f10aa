"""Tenant manifests (``tenants/*.toml``): read, checked, and applied idempotently.

Every problem of every manifest is reported at once, and nothing is applied while one
remains; each creation or change of a tenant is written to the audit log in the same
transaction.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from hub.audit import log as audit
from hub.core.config import TrustedDocumentsMode
from hub.core.db import atomic
from hub.core.errors import BadUserInput
from hub.core.tenant_naming import is_slug
from hub.tenancy.models import UN_LANGUAGES, Tenant, TenantLevel
from hub.tenancy.ownership import owner_named

# What a manifest may say, as ``hub tenants apply --help`` lists it.
MANIFEST_KEYS = {
    "slug": "required; lower-case letters, digits and hyphens",
    "name": "required; the tenant's name",
    "level": f"required; one of {', '.join(level.value for level in TenantLevel)}",
    "parent": "the parent tenant's slug, one level up; none for the global tenant",
    "languages": f'UN languages the tenant works in, of {", ".join(UN_LANGUAGES)}; default ["en"]',
    "default_language": "one of languages; default the first",
    "trusted_documents": "off or required: overrides HUB_TRUSTED_DOCUMENTS for this tenant",
    "hub": "the hub that owns the tenant and writes its records (HUB_FEDERATION_NAME there); "
    "default its parent's; empty for this hub",
}
KNOWN_KEYS = set(MANIFEST_KEYS)
# Fields a manifest sets, in the order changes are shown.
MANAGED_FIELDS = ("name", "level", "default_language", "languages", "trusted_documents", "hub")


@dataclass(frozen=True)
class Manifest:
    slug: str
    name: str
    level: TenantLevel
    parent: str | None
    default_language: str
    languages: list[str]
    trusted_documents: TrustedDocumentsMode | None = None
    # None follows the parent: a hub owns a whole subtree.
    hub: str | None = None
    source: str = field(default="", compare=False)

    def wanted(self) -> dict[str, object]:
        return {key: getattr(self, key) for key in MANAGED_FIELDS}


class ManifestProblems(BadUserInput):
    """Manifests that cannot be applied; ``problems`` lists each, naming its file."""

    def __init__(self, problems: list[str], heading: str | None = None) -> None:
        self.problems = problems
        lines = [heading, *problems] if heading else problems
        super().__init__("\n".join(lines))


def _problems_of(data: dict[str, object]) -> list[str]:
    problems: list[str] = []
    unknown = sorted(set(data) - KNOWN_KEYS)
    if unknown:
        problems.append(f"unknown keys {unknown}; allowed are {sorted(KNOWN_KEYS)}")
    for key in ("slug", "name", "level"):
        value = data.get(key)
        if not isinstance(value, str) or not value.strip():
            problems.append(f"'{key}' is required and must be a non-empty string")
    slug, level, parent = data.get("slug"), data.get("level"), data.get("parent")
    if isinstance(slug, str) and slug.strip() and not is_slug(slug):
        problems.append(f"slug '{slug}' must be lower-case letters, digits and hyphens")
    allowed_levels = [level.value for level in TenantLevel]
    if isinstance(level, str) and level.strip() and level not in allowed_levels:
        problems.append(f"level '{level}' is not one of {', '.join(allowed_levels)}")
    if parent is not None and not isinstance(parent, str):
        problems.append("'parent' must be a tenant slug")
    if level in allowed_levels and (level == TenantLevel.GLOBAL) != (parent is None):
        problems.append("the global tenant has no parent and every other tenant has one")
    languages = data.get("languages", ["en"])
    if not isinstance(languages, list) or not languages:
        problems.append("'languages' must be a non-empty list")
    else:
        bad = [lang for lang in languages if lang not in UN_LANGUAGES]
        if bad:
            problems.append(f"languages {bad} are not UN languages {list(UN_LANGUAGES)}")
        default_language = str(data.get("default_language", languages[0]))
        if default_language not in languages:
            problems.append(f"default_language '{default_language}' is not in languages")
    allowed_modes = [mode.value for mode in TrustedDocumentsMode]
    mode = data.get("trusted_documents")
    if mode is not None and mode not in allowed_modes:
        problems.append(f"trusted_documents {mode!r} is not one of {', '.join(allowed_modes)}")
    hub = data.get("hub")
    if hub is not None and not (isinstance(hub, str) and (hub == "" or is_slug(hub))):
        problems.append("'hub' must be a hub's name: lower-case letters, digits and hyphens")
    return problems


def check_manifest(text: str, source: str) -> Manifest | list[str]:
    """The manifest, or every problem it has (each line naming ``source``)."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        return [f"{source}: not valid TOML ({exc})"]
    problems = _problems_of(data)
    if problems:
        return [f"{source}: {problem}" for problem in problems]
    languages = list(data.get("languages", ["en"]))
    mode = data.get("trusted_documents")
    return Manifest(
        slug=data["slug"],
        name=data["name"].strip(),
        level=TenantLevel(data["level"]),
        parent=data.get("parent"),
        default_language=str(data.get("default_language", languages[0])),
        languages=languages,
        # Absent, the tenant follows HUB_TRUSTED_DOCUMENTS.
        trusted_documents=TrustedDocumentsMode(mode) if mode is not None else None,
        hub=data.get("hub"),
        source=source,
    )


def parse_manifest(text: str, source: str) -> Manifest:
    checked = check_manifest(text, source)
    if isinstance(checked, list):
        raise ManifestProblems(checked)
    return checked


def read_manifests(directory: Path) -> list[Manifest]:
    """Every ``*.toml`` of ``directory``, checked; all problems in one error."""
    if not directory.is_dir():
        raise BadUserInput(f"{directory} is not a directory")
    paths = sorted(directory.glob("*.toml"))
    if not paths:
        raise BadUserInput(f"{directory} holds no *.toml tenant manifests")
    manifests: list[Manifest] = []
    problems: list[str] = []
    seen: dict[str, str] = {}
    for path in paths:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(f"{path}: cannot be read ({exc})")
            continue
        checked = check_manifest(text, str(path))
        if isinstance(checked, list):
            problems += checked
            continue
        if checked.slug in seen:
            problems.append(f"{path}: slug '{checked.slug}' is also in {seen[checked.slug]}")
            continue
        seen[checked.slug] = checked.source
        manifests.append(checked)
    if problems:
        raise _refused(problems)
    return manifests


def _refused(problems: list[str]) -> ManifestProblems:
    return ManifestProblems(problems, f"{len(problems)} problem(s), nothing applied:")


def _shown(value: object) -> str:
    # Enum members as the values written in manifests, not as Python reprs.
    return repr(value.value if isinstance(value, Enum) else value)


def _plain(value: object) -> object:
    return value.value if isinstance(value, Enum) else value


@dataclass(frozen=True)
class TenantChange:
    """A tenant to create, or the fields of one to change: (field, before, after)."""

    slug: str
    path: str
    created: bool
    fields: tuple[tuple[str, object, object], ...]

    def describe(self) -> str:
        if self.created:
            return f"{self.slug} ({self.path})"
        changes = "; ".join(
            f"{key}: {_shown(old)} -> {_shown(new)}" for key, old, new in self.fields
        )
        return f"{self.slug}: {changes}"

    def audited(self, actor: str) -> audit.AuditRecord:
        if self.created:
            what = "; ".join(
                f"{key}={_shown(new)}" for key, _, new in self.fields if new is not None
            )
            return audit.applied(actor, self.path, "tenant.create", f"tenant:{self.slug} {what}")
        return audit.applied(
            actor, self.path, "tenant.update", f"tenant:{self.describe().replace(': ', ' ', 1)}"
        )

    def as_json(self) -> dict[str, object]:
        return {
            "slug": self.slug,
            "path": self.path,
            "action": "create" if self.created else "update",
            "fields": {
                key: {"from": None if self.created else _plain(old), "to": _plain(new)}
                for key, old, new in self.fields
            },
        }


@dataclass
class ApplyReport:
    changes: list[TenantChange] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    # Tenants another hub owns, left to it.
    left: list[str] = field(default_factory=list)
    dry_run: bool = False

    @property
    def created(self) -> list[str]:
        return [change.describe() for change in self.changes if change.created]

    @property
    def updated(self) -> list[str]:
        return [change.describe() for change in self.changes if not change.created]

    def lines(self) -> list[str]:
        if self.dry_run:
            out = [f"{'+' if c.created else '~'} {c.describe()}" for c in self.changes]
            out.append("dry run: nothing applied" if self.changes else "tenants are up to date")
            return out
        out = [f"created {line}" for line in self.created]
        out += [f"updated {line}" for line in self.updated]
        out += [f"left {line}" for line in self.left]
        out.append(
            f"{len(self.created)} created, {len(self.updated)} updated, "
            f"{len(self.unchanged)} unchanged"
            + (f", {len(self.left)} left to their hubs" if self.left else "")
        )
        return out

    def as_json(self) -> dict[str, object]:
        return {
            "dry_run": self.dry_run,
            "changes": [change.as_json() for change in self.changes],
            "unchanged": self.unchanged,
            "left": self.left,
        }


@dataclass
class _Planned:
    path: str
    level: TenantLevel
    hub: str


def _plan(
    manifests: list[Manifest], existing: dict[str, Tenant], this_hub: str | None = None
) -> ApplyReport:
    """What applying would change; every problem found raised together. With ``this_hub``
    named, a tenant another hub owns is left to it: it arrives from there as a copy."""

    def own(hub: str) -> bool:
        return this_hub is None or owner_named(hub, this_hub) == this_hub

    def same(key: str, held: object, wanted: object) -> bool:
        # A hub's name, once stamped on its own tenants, is what naming none meant.
        if key == "hub" and this_hub is not None:
            return owner_named(str(held), this_hub) == owner_named(str(wanted), this_hub)
        return held == wanted

    by_slug = {m.slug: m for m in manifests}
    placed = {slug: _Planned(t.path, t.level, t.hub) for slug, t in existing.items()}
    done: dict[str, bool] = {}
    problems: list[str] = []
    report = ApplyReport()

    def place(manifest: Manifest, trail: tuple[str, ...]) -> bool:
        """Parents before children; False when this manifest or a parent cannot be."""
        if manifest.slug in done:
            return done[manifest.slug]
        if manifest.slug in trail:
            problems.append(
                f"{manifest.source}: parents form a cycle: {' > '.join((*trail, manifest.slug))}"
            )
            return False
        done[manifest.slug] = ok = _place(manifest, trail)
        return ok

    def _place(manifest: Manifest, trail: tuple[str, ...]) -> bool:
        parent = manifest.parent
        if parent is not None and parent in by_slug:
            if not place(by_slug[parent], (*trail, manifest.slug)):
                return False  # the parent's own problem is reported
        elif parent is not None and parent not in placed:
            problems.append(f"{manifest.source}: parent '{parent}' is not a known tenant")
            return False
        above = placed.get(parent) if parent else None
        if above is not None and above.level.depth + 1 != manifest.level.depth:
            problems.append(
                f"{manifest.source}: a {manifest.level} tenant cannot sit under the "
                f"{above.level} tenant '{parent}'"
            )
            return False
        path = f"{above.path}/{manifest.slug}" if above else f"/{manifest.slug}"
        tenant = existing.get(manifest.slug)
        # Named, else the parent's; the root names none unless its owner stamped its name.
        inherited = above.hub if above else (tenant.hub if tenant is not None else "")
        hub = manifest.hub if manifest.hub is not None else inherited
        wanted = manifest.wanted() | {"hub": hub}
        if not own(hub):
            if tenant is not None and own(tenant.hub):
                # Its records live here: they would have to move with it.
                problems.append(
                    f"{manifest.source}: '{manifest.slug}' is this hub's own; handing it "
                    f"over to hub '{hub}' is not supported"
                )
                return False
            held = tenant.hub if tenant is not None else hub
            report.left.append(f"{manifest.slug}: owned by hub '{held}'")
            placed[manifest.slug] = _Planned(path, manifest.level, hub)
            return True
        if tenant is None:
            fields = tuple((key, None, value) for key, value in wanted.items())
            report.changes.append(TenantChange(manifest.slug, path, True, fields))
        elif tenant.path != path:
            problems.append(
                f"{manifest.source}: '{manifest.slug}' is at {tenant.path}; "
                "moving a tenant is not supported"
            )
            return False
        else:
            fields = tuple(
                (key, getattr(tenant, key), value)
                for key, value in wanted.items()
                if not same(key, getattr(tenant, key), value)
            )
            if fields:
                report.changes.append(TenantChange(manifest.slug, path, False, fields))
            else:
                report.unchanged.append(manifest.slug)
        placed[manifest.slug] = _Planned(path, manifest.level, hub)
        return True

    for manifest in manifests:
        place(manifest, ())
    if problems:
        raise _refused(problems)
    return report


async def apply_manifests(
    manifests: list[Manifest],
    *,
    actor: str = audit.UNNAMED_ACTOR,
    dry_run: bool = False,
    this_hub: str | None = None,
) -> ApplyReport:
    """Create or update tenants so that they match the manifests, in one transaction.

    With ``dry_run``, only say what would change.
    """
    async with atomic():
        existing = {t.slug: t for t in await Tenant.all()}
        report = _plan(manifests, existing, this_hub)
        report.dry_run = dry_run
        if dry_run:
            return report
        for change in report.changes:
            values = {key: new for key, _, new in change.fields}
            tenant = existing.get(change.slug)
            if tenant is None:
                parent_path = change.path.rsplit("/", 1)[0]
                parent = next((t for t in existing.values() if t.path == parent_path), None)
                tenant = Tenant(slug=change.slug, parent=parent, path=change.path, **values)
                existing[change.slug] = tenant
            else:
                for key, value in values.items():
                    setattr(tenant, key, value)
            await tenant.save()
        await audit.append([change.audited(actor) for change in report.changes])
    return report
