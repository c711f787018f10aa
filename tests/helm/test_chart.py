"""The Helm chart's values and files, and the Dockerfile, checked without a cluster or docker.

Helm's own lint and render of the chart are in test_render.py."""

from __future__ import annotations

import json
import re
import subprocess
import sysconfig
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from hub.access.policy_files import read_policy_dir
from hub.tenancy.manifests import parse_manifest
from hub.tenancy.models import TenantLevel

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "helm" / "engagement-hub"
EXAMPLES = sorted((CHART / "examples").glob("*.yaml"))
TEMPLATES = sorted(path for path in (CHART / "templates").iterdir() if path.is_file())
VALUES_REFERENCE = re.compile(r"\.Values((?:\.[A-Za-z_][A-Za-z0-9_]*)+)")
# Installed with the dev extra, next to the Python running the tests.
HADOLINT = Path(sysconfig.get_path("scripts")) / "hadolint"


def load_yaml(path: Path) -> dict[str, Any]:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), f"{path} is not a mapping"
    return document


def default_values() -> dict[str, Any]:
    return load_yaml(CHART / "values.yaml")


def coalesce(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Values as helm merges a -f file over values.yaml: maps merge, null removes a key."""
    merged = dict(base)
    for key, value in override.items():
        if value is None:
            merged.pop(key, None)
        elif isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = coalesce(merged[key], value)
        else:
            merged[key] = value
    return merged


def schema_errors(values: dict[str, Any]) -> list[str]:
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft7Validator(schema)
    return [
        f"{list(error.absolute_path)}: {error.message}" for error in validator.iter_errors(values)
    ]


def declared_values(schema: dict[str, Any], prefix: str = "") -> list[str]:
    """Dotted names of the values the schema declares, down to free-form maps and lists."""
    names = []
    for key, node in schema.get("properties", {}).items():
        name = f"{prefix}{key}"
        if node.get("additionalProperties") is False and "properties" in node:
            names += declared_values(node, f"{name}.")
        else:
            names.append(name)
    return names


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8").replace("\\\n", " ")
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def runtime_stage() -> list[tuple[str, str]]:
    instructions = dockerfile_instructions()
    last_from = max(i for i, (keyword, _) in enumerate(instructions) if keyword == "FROM")
    return instructions[last_from:]


def test_schema_is_draft_07() -> None:
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))

    assert schema["$schema"] == "http://json-schema.org/draft-07/schema#"
    jsonschema.Draft7Validator.check_schema(schema)


def test_default_values_are_valid() -> None:
    assert schema_errors(default_values()) == []


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_example_is_valid(example: Path) -> None:
    assert schema_errors(coalesce(default_values(), load_yaml(example))) == []


INVALID = {
    "wrong type": {"replicaCount": "two"},
    "unknown key": {"autoscalling": {"enabled": False}},
    "unknown nested key": {"ingress": {"host": "hub.example.org"}},
    "secret value instead of a reference": {
        "secrets": {"existingSecret": "postgres://hub:hunter2@db:5432/hub"}
    },
    "secret value beside the references": {
        "secrets": {"masterKey": "ZGV2ZWxvcG1lbnQtb25seS1tYXN0ZXIta2V5LTMyYiE="}
    },
    "secret value in extraEnv": {"extraEnv": [{"name": "HUB_SECRET_KEY", "value": "hunter2"}]},
    "half an OpenID Connect set-up": {"oidc": {"issuer": "https://login.example.org"}},
    "running as root": {"podSecurityContext": {"runAsUser": 0}},
    "a port only root may bind": {"containerPort": 80},
    "a tenant manifest not named *.toml": {"tenants": {"manifests": {"global.yaml": "a: b"}}},
    "a wildcard CORS origin": {"protection": {"corsOrigins": ["*"]}},
    "a CORS origin with a path": {"protection": {"corsOrigins": ["https://app.example.org/x"]}},
    "a negative rate limit": {"protection": {"rateLimit": {"perToken": -1}}},
    "a Redis URL instead of its key": {
        "protection": {"rateLimit": {"redisUrlKey": "redis://:hunter2@redis:6379/0"}}
    },
    "rate limits set in extraEnv": {"extraEnv": [{"name": "HUB_RATE_LIMIT_PER_IP", "value": "1"}]},
    "a pod label the selector sets": {"podLabels": {"app.kubernetes.io/component": "web"}},
    "both a ConfigMap and files": {
        "policies": {"existingConfigMap": "hub-policies", "files": {"roles.csv": "p, a"}}
    },
    "a mail worker without an SMTP server": {"mail": {"enabled": True}},
    "an SMTP password instead of its key": {
        "mail": {"enabled": True, "smtpHost": "smtp", "passwordKey": "hunter 2!"}
    },
}


@pytest.mark.parametrize("override", INVALID.values(), ids=INVALID.keys())
def test_invalid_values_are_rejected(override: dict[str, Any]) -> None:
    assert schema_errors(coalesce(default_values(), override)) != []


def test_every_value_a_template_reads_exists() -> None:
    values = default_values()
    missing = []
    for template in TEMPLATES:
        for match in VALUES_REFERENCE.finditer(template.read_text(encoding="utf-8")):
            node: Any = values
            for key in match[1].lstrip(".").split("."):
                if not isinstance(node, dict) or key not in node:
                    missing.append(f"{template.name}: .Values{match[1]}")
                    break
                node = node[key]

    assert missing == []


def test_every_value_is_read_by_a_template() -> None:
    read = {
        match[1].lstrip(".").split(".")[0]
        for template in TEMPLATES
        for match in VALUES_REFERENCE.finditer(template.read_text(encoding="utf-8"))
    }

    assert set(default_values()) - read == set()


def test_readme_describes_every_value() -> None:
    schema = json.loads((CHART / "values.schema.json").read_text(encoding="utf-8"))
    readme = (CHART / "README.md").read_text(encoding="utf-8")

    undescribed = [
        name
        for name in declared_values(schema)
        if name != "global" and f"| `{name}` |" not in readme
    ]

    assert undescribed == []


@pytest.mark.parametrize(
    ("shipped", "source", "pattern"),
    [("files/tenants", "tenants", "*.toml"), ("files/policies", "policies", "*.csv")],
)
def test_chart_ships_the_repository_files(shipped: str, source: str, pattern: str) -> None:
    def contents(folder: Path) -> dict[str, str]:
        return {path.name: path.read_text(encoding="utf-8") for path in folder.glob(pattern)}

    assert contents(CHART / shipped) == contents(ROOT / source), (
        f"copy {source}/{pattern} to {CHART.relative_to(ROOT)}/{shipped}/"
    )


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.name)
def test_example_config_is_what_the_hub_accepts(example: Path, tmp_path: Path) -> None:
    values = load_yaml(example)
    manifests = [
        parse_manifest(text, f"{example.name}: {name}")
        for name, text in values.get("tenants", {}).get("manifests", {}).items()
    ]
    # A hub of its own starts with an empty database: the tree must be whole, but for the
    # tenants that arrive from another hub before the Job applies these.
    arriving = set(values.get("federation", {}).get("awaitTenants", []))
    slugs = {manifest.slug for manifest in manifests} | arriving
    assert all(m.parent in slugs for m in manifests if m.parent is not None)
    if manifests and not arriving:
        assert [m.level for m in manifests if m.parent is None] == [TenantLevel.GLOBAL]

    policy_files = values.get("policies", {}).get("files", {})
    for name, text in policy_files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    if policy_files:
        assert read_policy_dir(tmp_path) != []


def test_dockerfile_builds_in_stages() -> None:
    stages = [rest for keyword, rest in dockerfile_instructions() if keyword == "FROM"]

    assert len(stages) >= 2
    assert re.match(r"python:\$\{PYTHON_VERSION\}-slim\b|python:3\.1[1-9]-slim\b", stages[-1])


def test_dockerfile_runs_as_a_numeric_non_root_user() -> None:
    users = [rest for keyword, rest in runtime_stage() if keyword == "USER"]

    assert users, "the runtime stage sets no USER"
    user, _, group = users[-1].partition(":")
    # Numeric, or Kubernetes' runAsNonRoot cannot verify it.
    assert user.isdigit()
    assert int(user) != 0
    assert not group or group.isdigit()


def test_dockerfile_runs_hub_with_the_shipped_policy_model() -> None:
    runtime = runtime_stage()
    settings = " ".join(rest for keyword, rest in runtime if keyword == "ENV")
    model = re.search(r"HUB_POLICY_MODEL=(\S+)", settings)
    copied = [rest.split()[-1] for keyword, rest in runtime if keyword == "COPY"]

    assert ("ENTRYPOINT", '["hub"]') in runtime
    assert ("EXPOSE", "8000") in runtime
    assert model is not None
    assert str(Path(model[1]).parent) in copied


def test_hadolint_finds_nothing() -> None:
    # Given the Dockerfile and the repository's hadolint settings
    assert HADOLINT.is_file(), f"{HADOLINT} is missing: install the dev extra"

    # When hadolint reads it, with those settings only (not a ~/.config/hadolint.yaml)
    settings = ["--config", str(ROOT / ".hadolint.yaml"), "--format", "json", "--no-color"]
    result = subprocess.run(
        [str(HADOLINT), *settings, str(ROOT / "Dockerfile")],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    # Then it reports nothing that reaches the failure threshold
    assert result.stderr == ""
    findings = [
        f"line {item['line']}: {item['code']} ({item['level']}) {item['message']}"
        for item in json.loads(result.stdout)
    ]
    assert findings == []
    assert result.returncode == 0
