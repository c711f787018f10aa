"""The administration commands as operators run them: the real ``hub`` in its own process,
on the test session's database (SQLite or PostgreSQL), text and ``--json``."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from hub.audit.log import verify
from hub.audit.models import AuditEntry
from hub.auth.models import ApiToken
from hub.auth.service import ensure_user
from hub.auth.tokens import hash_api_token
from hub.core.config import DEFAULT_SECRET_KEY, PROJECT_ROOT
from hub.tenancy.models import Tenant
from hub.trusted.models import TrustedDocument
from tests.trusted.support import WORK_STREAM_COUNT_ID, write_documents

USER = "coordinator@network.example.org"


def hub(
    database_url: str, *args: str, stdin: str | None = None, **env: str
) -> subprocess.CompletedProcess[str]:
    """``hub ARGS`` in its own process, on the session's database."""
    environ = {
        **os.environ,
        "HUB_DATABASE_URL": database_url,
        "HUB_SECRET_KEY": "x" * 32,
        **env,
    }
    for name, value in env.items():
        if value == "":
            environ.pop(name, None)
    return subprocess.run(
        [sys.executable, "-m", "hub", *args],
        env=environ,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def ok_json(result: subprocess.CompletedProcess[str]) -> Any:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


async def _newest(action: str) -> AuditEntry:
    entry = await AuditEntry.filter(action=action).order_by("-id").first()
    assert entry is not None
    return entry


# -- API tokens --------------------------------------------------------------------------


async def test_a_token_is_listed_by_prefix_revoked_by_its_secret_and_audited(
    network: None, database_url: str
) -> None:
    # given a token created before prefixes were kept
    user = await ensure_user(USER)
    old = await ApiToken.create(user=user, name="old script", secret_hash=hash_api_token("hub_x"))

    # when a token is created, listed, and revoked by its leaked secret
    created = ok_json(
        hub(database_url, "tokens", "create", "--user", USER, "--name", "ci", "--json")
    )
    listed = ok_json(hub(database_url, "tokens", "list", "--json"))
    text = hub(database_url, "tokens", "list")
    revoked = hub(database_url, "tokens", "revoke", created["secret"])
    again = ok_json(hub(database_url, "tokens", "revoke", "-", "--json", stdin=created["secret"]))
    by_id = hub(database_url, "tokens", "revoke", str(old.id))

    # then the prefix is the secret's first characters, and never the secret
    secret, prefix = created["secret"], created["prefix"]
    assert secret.startswith(prefix)
    assert prefix.startswith("hub_")
    assert len(prefix) == 12
    rows = {row["id"]: row for row in listed}
    assert rows[created["id"]]["prefix"] == prefix
    assert rows[created["id"]]["state"] == "active"
    assert rows[str(old.id)]["prefix"] is None
    assert f"{created['id']}\t{prefix}\t{USER}\tci\tactive\texpires never" in text.stdout
    assert f"{old.id}\t-\t{USER}\told script\tactive" in text.stdout
    assert secret not in text.stdout + json.dumps(listed)
    # revoking by the secret names the token by id, and repeats no secret
    assert revoked.returncode == 0, revoked.stderr
    assert revoked.stdout.startswith(f"revoked {created['id']} ({prefix}, {USER}, ci)")
    assert secret not in revoked.stdout + revoked.stderr
    assert (again["changed"], again["state"]) == (False, "revoked")
    assert by_id.returncode == 0, by_id.stderr
    # and every change is in the audit log, under the user's home tenant
    create_entry = await _newest("token.create")
    revoke_entry = await _newest("token.revoke")
    assert create_entry.object.startswith(
        f"api_token:{created['id']} user={USER} name='ci' prefix={prefix} expires=never"
    )
    assert create_entry.actor.startswith("cli:")
    assert create_entry.tenant_path == "/global"
    assert revoke_entry.object.startswith(f"api_token:{old.id} user={USER}")
    assert (
        await AuditEntry.filter(action="token.revoke", object__contains=created["id"]).count() == 1
    )
    assert secret not in " ".join(e.object for e in await AuditEntry.filter(action="token.create"))


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (("tokens", "revoke", "hub_not-a-token-anyone-has"), 2, "No API token has the secret"),
        (("tokens", "revoke", "not-a-uuid"), 2, "No API token has the id not-a-uuid"),
        (("tokens", "create", "--user", "nobody@example.org", "--name", "x"), 2, "No user"),
        (("tokens", "create", "--user", USER, "--name", "x", "--expires", "soon"), 2, "duration"),
    ],
)
async def test_token_mistakes_exit_2(
    network: None, database_url: str, args: tuple[str, ...], code: int, message: str
) -> None:
    result = hub(database_url, *args)
    assert (result.returncode, result.stdout) == (code, "")
    assert message in result.stderr
    assert "hub_not-a-token-anyone-has" not in result.stderr
    assert "Traceback" not in result.stderr


# -- tenants -----------------------------------------------------------------------------


SPAIN = (
    'slug = "spain"\nname = "España"\nlevel = "national"\nparent = "europe-central-asia"\n'
    'languages = ["es", "en"]\n'
)


async def test_tenants_apply_dry_run_json_and_audit(
    db: None, database_url: str, tmp_path: Path
) -> None:
    tenants = str(PROJECT_ROOT / "tenants")
    # when the demo tenants are looked at, then applied, then one of them changed
    dry = hub(database_url, "tenants", "apply", tenants, "--dry-run")
    dry_json = ok_json(hub(database_url, "tenants", "apply", tenants, "--dry-run", "--json"))
    untouched = await Tenant.all().count()
    applied = ok_json(hub(database_url, "tenants", "apply", tenants, "--json"))
    (tmp_path / "spain.toml").write_text(SPAIN)
    change_dry = hub(database_url, "tenants", "apply", str(tmp_path), "--dry-run")
    spain_before = await Tenant.get(slug="spain")
    changed = hub(database_url, "tenants", "apply", str(tmp_path))
    listed = ok_json(hub(database_url, "tenants", "list", "--json"))

    # then a dry run prints the diff and changes nothing
    assert dry.returncode == 0, dry.stderr
    assert "+ dhaka (/global/asia-pacific/bangladesh/dhaka)" in dry.stdout
    assert dry.stdout.strip().endswith("dry run: nothing applied")
    assert dry_json["dry_run"] is True
    assert len(dry_json["changes"]) == 6
    assert untouched == 0
    assert [c["action"] for c in applied["changes"]] == ["create"] * 6
    dhaka = next(c for c in applied["changes"] if c["slug"] == "dhaka")
    assert dhaka["path"] == "/global/asia-pacific/bangladesh/dhaka"
    assert dhaka["fields"]["level"] == {"from": None, "to": "local"}
    assert change_dry.stdout.splitlines() == [
        "~ spain: name: 'UN Network on Migration in Spain' -> 'España'",
        "dry run: nothing applied",
    ]
    assert spain_before.name != "España"
    assert changed.returncode == 0, changed.stderr
    assert changed.stdout.startswith("updated spain: name:")
    spain = next(t for t in listed if t["slug"] == "spain")
    assert spain == {
        "slug": "spain",
        "name": "España",
        "level": "national",
        "parent": "europe-central-asia",
        "path": "/global/europe-central-asia/spain",
        "default_language": "es",
        "languages": ["es", "en"],
        "trusted_documents": None,
    }
    assert listed[0]["slug"] == "global"
    # and each creation and change is audited with the tenant's path
    update = await _newest("tenant.update")
    assert update.tenant_path == "/global/europe-central-asia/spain"
    assert update.object.startswith("tenant:spain name: ")
    assert update.actor.startswith("cli:")
    create = (
        await AuditEntry.filter(action="tenant.create", object__startswith="tenant:dhaka ")
        .order_by("-id")
        .first()
    )
    assert create is not None
    assert create.tenant_path == "/global/asia-pacific/bangladesh/dhaka"
    assert "; level='local'; " in create.object
    assert (await verify()).ok


async def test_tenants_apply_reports_every_problem_and_applies_nothing(
    db: None, database_url: str, tmp_path: Path
) -> None:
    # given manifests with several problems, in several files, and one good manifest
    (tmp_path / "a.toml").write_text('slug = "global"\nname = "Global"\nlevel = "global"\n')
    (tmp_path / "b.toml").write_text('slug = "Bad Slug"\nname = ""\nlevel = "planet"\n')
    (tmp_path / "c.toml").write_text(
        'slug = "lima"\nname = "Lima"\nlevel = "local"\nparent = "nowhere"\ncolour = "red"\n'
    )
    (tmp_path / "d.toml").write_text("slug = \n")
    before = await AuditEntry.all().count()
    # when
    result = hub(database_url, "tenants", "apply", str(tmp_path))
    helped = hub(database_url, "tenants", "apply", "--help")
    # then
    assert result.returncode == 2
    assert result.stdout == ""
    for problem in (
        "b.toml: 'name' is required",
        "b.toml: slug 'Bad Slug' must be lower-case",
        "b.toml: level 'planet' is not one of",
        "c.toml: unknown keys ['colour']",
        "d.toml: not valid TOML",
    ):
        assert problem in result.stderr
    assert "nothing applied" in result.stderr
    assert not await Tenant.exists()
    assert await AuditEntry.all().count() == before
    # the parent problem shows once the files themselves are right
    (tmp_path / "b.toml").unlink()
    (tmp_path / "d.toml").unlink()
    (tmp_path / "c.toml").write_text(
        'slug = "lima"\nname = "Lima"\nlevel = "local"\nparent = "nowhere"\n'
    )
    (tmp_path / "e.toml").write_text(
        'slug = "peru"\nname = "Peru"\nlevel = "local"\nparent = "global"\n'
    )
    second = hub(database_url, "tenants", "apply", str(tmp_path))
    assert second.returncode == 2
    assert "c.toml: parent 'nowhere' is not a known tenant" in second.stderr
    assert "e.toml: a local tenant cannot sit under the global tenant 'global'" in second.stderr
    assert not await Tenant.exists()
    # and --help lists the keys a manifest may have
    assert helped.returncode == 0
    for key in ("slug", "name", "level", "parent", "languages", "default_language"):
        assert f"\n    {key} " in helped.stdout
    assert "trusted_documents" in helped.stdout


# -- the audit log -----------------------------------------------------------------------


async def test_audit_list_head_and_verify(network: None, database_url: str) -> None:
    # given a change that shapes access
    granted = hub(
        database_url, "users", "grant", "amina@example.org", "auditor", "--tenant", "spain"
    )
    assert granted.returncode == 0, granted.stderr
    # when
    head = hub(database_url, "audit", "head")
    head_json = ok_json(hub(database_url, "audit", "head", "--json"))
    listed = hub(database_url, "audit", "list", "--limit", "3")
    listed_json = ok_json(hub(database_url, "audit", "list", "--limit", "3", "--json"))
    verified = hub(database_url, "audit", "verify", "--contains", head.stdout.strip())
    verified_json = ok_json(hub(database_url, "audit", "verify", "--json"))
    gone = hub(database_url, "audit", "verify", "--contains", "ab" * 32, "--json")
    malformed = hub(database_url, "audit", "verify", "--contains", "not-a-hash")
    # then head prints the newest entry's hash, which list shows on its line
    newest = await AuditEntry.all().order_by("-id").first()
    assert newest is not None
    assert head.stdout.strip() == newest.hash == head_json["hash"]
    assert head_json["id"] == newest.id
    assert listed.stdout.splitlines()[0].endswith(f"\thash {newest.hash}")
    assert listed_json[0]["hash"] == newest.hash
    assert set(listed_json[0]) >= {"at", "actor", "action", "tenant_path", "object", "decision"}
    # verify is intact, finds the recorded head, and misses one that is not in the chain
    assert verified.returncode == 0, verified.stderr
    assert verified.stdout.startswith("audit log intact: ")
    assert verified_json["intact"] is True
    assert verified_json["head"] == newest.hash
    assert verified_json["checked"] == await AuditEntry.all().count()
    assert gone.returncode == 1
    assert json.loads(gone.stdout)["contains"] == {"hash": "ab" * 32, "found": False}
    assert "entries were removed" in gone.stderr
    assert malformed.returncode == 2


async def test_audit_verify_exits_1_with_json_on_a_broken_chain(
    network: None, database_url: str
) -> None:
    from tortoise import Tortoise

    from tests.conftest import BACKEND

    # given an entry rewritten by someone with the owner's rights
    entry = await AuditEntry.all().order_by("-id").first()
    assert entry is not None
    connection = Tortoise.get_connection("default")
    if BACKEND == "postgres":
        await connection.execute_script(
            "ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"
        )
    try:
        await AuditEntry.filter(id=entry.id).update(actor="someone else")
        # when
        result = hub(database_url, "audit", "verify", "--json")
    finally:
        await AuditEntry.filter(id=entry.id).update(actor=entry.actor)
        if BACKEND == "postgres":
            await connection.execute_script(
                "ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"
            )
    # then
    assert result.returncode == 1
    report = json.loads(result.stdout)
    assert (report["intact"], report["broken_at"]) == (False, entry.id)
    assert f"the chain breaks at entry {entry.id}" in result.stderr
    assert (await verify()).ok


# -- trusted documents and the schema ------------------------------------------------------


async def test_registered_documents_are_audited_and_listed_as_json(
    network: None, database_url: str, tmp_path: Path
) -> None:
    operations = str(write_documents(tmp_path / "ops"))
    # when
    registered = ok_json(
        hub(
            database_url,
            "schema",
            "operations",
            "register",
            operations,
            "--tenant",
            "spain",
            "--json",
        )
    )
    listed = ok_json(hub(database_url, "schema", "operations", "list", "--json"))
    (tmp_path / "ops" / "broken.graphql").write_text("query Broken { nope }\n")
    broken = hub(database_url, "schema", "operations", "register", operations)
    # then
    assert registered["tenant"] == "spain"
    assert {d["source"] for d in registered["registered"]} == {
        "create_work_stream.graphql",
        "work_stream_count.graphql",
    }
    assert registered["unchanged"] == []
    count = next(d for d in listed if d["source"] == "work_stream_count.graphql")
    assert count["id"] == WORK_STREAM_COUNT_ID
    assert (count["tenant"], count["operations"]) == ("spain", ["WorkStreamCount"])
    entry = await AuditEntry.filter(action="document.register").order_by("-id").first()
    assert entry is not None
    assert entry.tenant_path == "/global/europe-central-asia/spain"
    assert entry.actor.startswith("cli:")
    assert entry.object.endswith("for tenant spain")
    assert broken.returncode == 2
    assert "broken.graphql" in broken.stderr
    assert await TrustedDocument.all().count() == 2


def test_schema_diff_json_and_exit_codes(database_url: str, tmp_path: Path) -> None:
    old = tmp_path / "old.graphql"
    new = tmp_path / "new.graphql"
    old.write_text("type Query { a: Int, b: String }\n")
    new.write_text("type Query { a: Int }\n")
    breaking = hub(database_url, "schema", "diff", str(old), str(new), "--json")
    same = hub(database_url, "schema", "diff", str(old), str(old), "--json")
    unreadable = hub(database_url, "schema", "diff", str(old), str(tmp_path / "none.graphql"))
    assert breaking.returncode == 1
    report = json.loads(breaking.stdout)
    assert (report["breaking"], report["dangerous"]) == (1, 0)
    assert report["changes"][0]["severity"] == "breaking"
    assert json.loads(same.stdout) == {"changes": [], "breaking": 0, "dangerous": 0}
    assert same.returncode == 0
    assert (unreadable.returncode, unreadable.stdout) == (2, "")


def test_demo_tokens_as_json(database_url: str) -> None:
    tokens = ok_json(hub(database_url, "demo", "tokens", "--expires", "1h", "--json"))
    coordinator = next(t for t in tokens if t["email"] == USER)
    assert coordinator["roles"] == ["network_coordinator"]
    assert coordinator["token"].count(".") == 2


# -- exit codes and the secret key ---------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ("tokens", "list", "--json"),
        ("audit", "head"),
        ("audit", "verify", "--json"),
        ("tenants", "apply", str(PROJECT_ROOT / "tenants"), "--dry-run"),
    ],
)
def test_a_missing_database_is_exit_3(tmp_path: Path, args: tuple[str, ...]) -> None:
    result = hub(f"sqlite://{tmp_path / 'none.sqlite3'}", *args)
    assert (result.returncode, result.stdout) == (3, "")
    assert "hub migrate" in result.stderr


@pytest.mark.parametrize(
    ("command", "env"),
    [
        ([sys.executable, "-m", "hub", "serve", "--host", "0.0.0.0"], {}),
        ([sys.executable, "-m", "hub", "serve"], {"HUB_HOST": "0.0.0.0"}),
        ([sys.executable, "-m", "hub", "serve", "--host", "::"], {"HUB_HOST": "127.0.0.1"}),
        ([str(PROJECT_ROOT / "scripts" / "serve"), "--host", "0.0.0.0", "--port", "1"], {}),
    ],
)
def test_the_default_secret_key_serves_only_loopback(
    database_url: str, command: list[str], env: dict[str, str]
) -> None:
    environ = {k: v for k, v in os.environ.items() if k not in ("HUB_SECRET_KEY", "HUB_HOST")}
    environ.update(HUB_DATABASE_URL=database_url, HUB_PORT="1", **env)
    result = subprocess.run(
        command, env=environ, capture_output=True, text=True, timeout=300, check=False
    )
    assert result.returncode == 2, result.stdout + result.stderr
    assert "HUB_SECRET_KEY=" in result.stderr
    assert "secrets.token_urlsafe(32)" in result.stderr
    assert "Bearer" not in result.stdout
    assert "Traceback" not in result.stderr
    assert DEFAULT_SECRET_KEY not in result.stdout + result.stderr
