"""The chart linted and rendered by Helm's own SDK, and what it renders checked against
Kubernetes' schemas: what `helm lint --strict` and `helm template` would say, without a
helm binary or a cluster."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import helm_python
import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import all_versions

from tests.helm.test_chart import CHART, EXAMPLES, INVALID, load_yaml

RELEASE = "hub"
NAMESPACE = "hub"
NOTES = "engagement-hub/templates/NOTES.txt"
# helm lint's severities; --strict fails on warnings as well as errors.
LINT_WARNING = 2


def oldest_kubernetes() -> str:
    """The oldest minor version Chart.yaml admits, e.g. "1.25" from ">=1.25.0-0"."""
    constraint = load_yaml(CHART / "Chart.yaml")["kubeVersion"]
    match = re.fullmatch(r">=\s*(\d+\.\d+)\.\d+(?:-0)?", constraint)
    assert match is not None, f"kubeVersion {constraint!r} is not a plain lower bound"
    return match[1]


def minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


# The oldest version the chart promises to run on and the newest one there are schemas for:
# a field removed since the first, or not there yet in the second, fails one of them.
KUBERNETES_VERSIONS = sorted({oldest_kubernetes(), minor(all_versions()[-1])})
# Every branch of the templates that neither the defaults nor an example takes: each option
# set, and each part turned off.
EVERY_OPTION: dict[str, Any] = {
    "imagePullSecrets": [{"name": "registry"}],
    "secrets": {"migrationDatabaseUrlKey": "owner-database-url"},
    "oidc": {
        "issuer": "https://login.example.org",
        "audience": "hub",
        "jwksUrl": "https://login.example.org/certs",
    },
    "telemetry": {"exporter": "otlp", "otlpEndpoint": "http://collector:4318"},
    "protection": {
        "corsOrigins": ["https://app.example.org"],
        "rateLimit": {"redisUrlKey": "redis-url"},
        "trustedProxies": "10.0.0.0/8",
    },
    "tenants": {"existingConfigMap": "hub-tenants"},
    "policies": {"files": {"roles.csv": "role, auditor\n"}},
    "autoscaling": {"targetMemoryUtilizationPercentage": 80},
    "podDisruptionBudget": {"minAvailable": "50%"},
    "service": {"type": "NodePort", "annotations": {"example.org/owner": "network"}},
    "serviceAccountName": "hub",
    "extraEnv": [
        {"name": "TZ", "value": "UTC"},
        {"name": "NODE", "valueFrom": {"fieldRef": {"fieldPath": "spec.nodeName"}}},
    ],
    "podAnnotations": {"example.org/scrape": "true"},
    "podLabels": {"example.org/team": "network"},
    "nodeSelector": {"kubernetes.io/os": "linux"},
    "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "hub"}],
    "affinity": {
        "podAntiAffinity": {
            "preferredDuringSchedulingIgnoredDuringExecution": [
                {
                    "weight": 100,
                    "podAffinityTerm": {
                        "topologyKey": "kubernetes.io/hostname",
                        "labelSelector": {"matchLabels": {"app.kubernetes.io/component": "server"}},
                    },
                }
            ]
        }
    },
    "topologySpreadConstraints": [
        {
            "maxSkew": 1,
            "topologyKey": "topology.kubernetes.io/zone",
            "whenUnsatisfiable": "ScheduleAnyway",
            "labelSelector": {"matchLabels": {"app.kubernetes.io/component": "server"}},
        }
    ],
    "priorityClassName": "network-critical",
    "mail": {
        "enabled": True,
        "smtpHost": "smtp.example.org",
        "usernameKey": "smtp-user",
        "passwordKey": "smtp-password",
    },
}
PARTS_OFF: dict[str, Any] = {
    "autoscaling": {"enabled": False},
    "podDisruptionBudget": {"enabled": False},
    "migration": {"enabled": False},
}
VALUE_SETS: dict[str, Path | dict[str, Any]] = (
    {"defaults": {}}
    | {path.name: path for path in EXAMPLES}
    | {"every option": EVERY_OPTION, "parts off": PARTS_OFF}
)


class StrictLoader(yaml.SafeLoader):
    """PyYAML keeps the last of two equal keys; Kubernetes' decoder refuses the object."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        keys = [self.construct_object(key, deep=deep) for key, _ in node.value]
        repeated = sorted({str(key) for key in keys if keys.count(key) > 1})
        if repeated:
            raise yaml.constructor.ConstructorError(
                None, None, f"repeated keys {repeated}", node.start_mark
            )
        return super().construct_mapping(node, deep=deep)


def values_of(name: str) -> dict[str, Any]:
    """What `--values FILE` gives helm, or the overrides written here."""
    source = VALUE_SETS[name]
    return load_yaml(source) if isinstance(source, Path) else source


@pytest.fixture(scope="module")
def chart() -> Iterator[helm_python.Chart]:
    with helm_python.Chart.load(CHART) as loaded:
        yield loaded


def render(chart: helm_python.Chart, values: dict[str, Any]) -> dict[str, str]:
    return chart.render(values, name=RELEASE, namespace=NAMESPACE, is_install=True)


def objects(rendered: dict[str, str]) -> list[dict[str, Any]]:
    """The Kubernetes objects of a render; NOTES.txt is text for the person installing."""
    found = []
    for path, text in sorted(rendered.items()):
        if path == NOTES:
            continue
        documents = yaml.load_all(text, Loader=StrictLoader)
        found += [document for document in documents if document is not None]
    return found


def by_kind(found: list[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [item for item in found if item["kind"] == kind]


def labels(item: dict[str, Any]) -> dict[str, str]:
    result: dict[str, str] = item["metadata"].get("labels", {})
    return result


@pytest.mark.parametrize("value_set", VALUE_SETS)
def test_lint_is_clean(value_set: str) -> None:
    # Given the chart's defaults, an example's values or overrides written here
    values = values_of(value_set)

    # When helm lints the chart strictly with them
    report = helm_python.lint(CHART, values, strict=True)

    # Then it finds neither an error nor a warning (an info, such as "icon is recommended",
    # does not fail `helm lint --strict` either)
    findings = [
        f"{message['path']}: {message['error']}"
        for message in report["messages"]
        if message["severity"] >= LINT_WARNING
    ]
    assert report["total_charts_linted"] == 1
    assert findings == []
    assert report["errors"] == []


@pytest.mark.parametrize("value_set", VALUE_SETS)
def test_chart_renders(chart: helm_python.Chart, value_set: str) -> None:
    # Given the chart's defaults, an example's values or overrides written here
    values = values_of(value_set)

    # When the chart is rendered for an install
    rendered = render(chart, values)

    # Then there are notes for the person installing, and every object has a kind and a name
    assert "hub-engagement-hub" in rendered[NOTES]
    found = objects(rendered)
    assert {"Deployment", "Service"} <= {item["kind"] for item in found}
    assert all(item["metadata"]["name"] for item in found)


@pytest.mark.parametrize("version", KUBERNETES_VERSIONS)
@pytest.mark.parametrize("value_set", VALUE_SETS)
def test_rendered_objects_are_valid_kubernetes(
    chart: helm_python.Chart, value_set: str, version: str
) -> None:
    # Given what the chart renders with these values
    found = objects(render(chart, values_of(value_set)))

    # When every object is validated strictly (no unknown field) against that version
    problems = []
    for item in found:
        name = f"{item['kind']}/{item['metadata']['name']}"
        try:
            validated = kubernetes_validate.validate(item, version, strict=True)
        except kubernetes_validate.ValidationError as error:
            where = ".".join(str(part) for part in error.path)
            problems.append(f"{name}: {where}: {error.message}")
        except kubernetes_validate.SchemaNotFoundError as error:
            # The CLI only warns about a kind it has no schema for; here it is a failure,
            # since every kind the chart renders is a built-in one.
            problems.append(f"{name}: {error.message}")
        else:
            # Against that version's schemas, not the nearest older ones
            assert validated == version

    # Then there is nothing to report
    assert problems == []


def test_every_object_names_its_component(chart: helm_python.Chart) -> None:
    # Given everything the chart can render: the example turns the Ingress on
    found = [item for name in VALUE_SETS for item in objects(render(chart, values_of(name)))]

    # When their labels are read
    components = {(item["kind"], labels(item).get("app.kubernetes.io/component")) for item in found}

    # Then each object is the server's, the migration's or the mail worker's, and so is each
    # pod template
    assert components == {
        ("ConfigMap", "migration"),
        ("Deployment", "mail"),
        ("Deployment", "server"),
        ("HorizontalPodAutoscaler", "server"),
        ("Ingress", "server"),
        ("Job", "migration"),
        ("PodDisruptionBudget", "server"),
        ("Service", "server"),
    }
    for item in found:
        assert labels(item)["app.kubernetes.io/instance"] == RELEASE
        template = item.get("spec", {}).get("template")
        if template is not None:
            pod_component = template["metadata"]["labels"]["app.kubernetes.io/component"]
            assert pod_component == labels(item)["app.kubernetes.io/component"]


def test_selectors_pick_the_server_pods_only(chart: helm_python.Chart) -> None:
    # Given the objects of a default install
    found = objects(render(chart, {}))
    [deployment] = by_kind(found, "Deployment")
    [job] = by_kind(found, "Job")
    [service] = by_kind(found, "Service")
    [budget] = by_kind(found, "PodDisruptionBudget")
    [autoscaler] = by_kind(found, "HorizontalPodAutoscaler")

    # When their selectors are compared with the pods' labels
    selector = deployment["spec"]["selector"]["matchLabels"]
    server_pod = deployment["spec"]["template"]["metadata"]["labels"]
    migration_pod = job["spec"]["template"]["metadata"]["labels"]

    # Then the Service and the budget select what the Deployment selects, which is its pods
    # and not the migration Job's; and the selector is the one of the chart's first release,
    # since a Deployment's selector cannot change on upgrade
    assert selector == {
        "app.kubernetes.io/name": "engagement-hub",
        "app.kubernetes.io/instance": RELEASE,
        "app.kubernetes.io/component": "server",
    }
    assert selector.items() <= server_pod.items()
    assert not selector.items() <= migration_pod.items()
    assert service["spec"]["selector"] == selector
    assert budget["spec"]["selector"]["matchLabels"] == selector
    assert autoscaler["spec"]["scaleTargetRef"]["name"] == deployment["metadata"]["name"]


def test_a_wrong_type_is_reported_with_its_value_and_the_type_expected(
    chart: helm_python.Chart,
) -> None:
    # Given a number written as a word
    values = {"replicaCount": "two"}

    # When the chart is rendered with it
    with pytest.raises(helm_python.HelmValuesError) as raised:
        render(chart, values)

    # Then helm names the value, what it got and what it wants
    assert "- at '/replicaCount': got string, want integer" in str(raised.value)


def test_a_misspelt_value_is_reported_by_name(chart: helm_python.Chart) -> None:
    # Given a value the chart does not have
    values = {"autoscaling": {"enabled": True, "maxReplica": 4}}

    # When the chart is rendered with it
    with pytest.raises(helm_python.HelmValuesError) as raised:
        render(chart, values)

    # Then helm names it and where it is
    assert "- at '/autoscaling': additional properties 'maxReplica' not allowed" in str(
        raised.value
    )


@pytest.mark.parametrize("override", INVALID.values(), ids=INVALID.keys())
def test_helm_refuses_invalid_values(chart: helm_python.Chart, override: dict[str, Any]) -> None:
    # Given values the schema forbids (as the jsonschema tests in test_chart.py find)

    # When helm renders with them, Then its own schema validation refuses them: its regular
    # expressions are Go's, which need not accept what Python's accept
    with pytest.raises(helm_python.HelmValuesError, match="don't meet the specifications"):
        render(chart, override)


def test_the_mail_worker_is_restarted_once_its_rounds_stop(chart: helm_python.Chart) -> None:
    # Given the mail worker on, with a limit of its own
    values = {"mail": {"enabled": True, "smtpHost": "smtp", "liveness": {"maxAgeSeconds": 120}}}

    # When the chart is rendered
    [worker] = [
        item
        for item in by_kind(objects(render(chart, values)), "Deployment")
        if labels(item)["app.kubernetes.io/component"] == "mail"
    ]
    [container] = worker["spec"]["template"]["spec"]["containers"]

    # Then its probe reads the file its rounds touch, with that limit and the default timing
    args = container["args"]
    heartbeat = args[args.index("--heartbeat") + 1]
    probe = container["livenessProbe"]
    assert probe["exec"]["command"] == [
        "hub",
        "mail",
        "alive",
        "--heartbeat",
        heartbeat,
        "--max-age",
        "120",
    ]
    assert heartbeat.startswith("/tmp/")  # the writable volume; the root file system is not
    assert {k: probe[k] for k in ("initialDelaySeconds", "periodSeconds", "failureThreshold")} == {
        "initialDelaySeconds": 60,
        "periodSeconds": 60,
        "failureThreshold": 3,
    }
    assert "maxAgeSeconds" not in probe


def test_every_pod_knows_the_hubs_name(chart: helm_python.Chart) -> None:
    # Given a regional hub
    values = {"federation": {"name": "asia-pacific", "pollSeconds": 30}}

    # When the chart is rendered, the mail worker on too
    found = objects(render(chart, values | {"mail": {"enabled": True, "smtpHost": "smtp"}}))

    # Then the server, the migration Job (which applies the tenants) and the worker name it,
    # and the servers read their links as often as asked
    for item in [*by_kind(found, "Deployment"), *by_kind(found, "Job")]:
        for container in item["spec"]["template"]["spec"]["containers"]:
            env = {e["name"]: e.get("value") for e in container.get("env", [])}
            assert env["HUB_FEDERATION_NAME"] == "asia-pacific", item["metadata"]["name"]
            if labels(item)["app.kubernetes.io/component"] == "server":
                assert env["HUB_FEDERATION_POLL_SECONDS"] == "30"


def test_a_hubs_name_is_a_slug(chart: helm_python.Chart) -> None:
    with pytest.raises(helm_python.HelmValuesError, match="federation"):
        render(chart, {"federation": {"name": "Asia Pacific", "pollSeconds": 15}})


def test_a_peer_is_named_with_the_key_of_its_connection_string(chart: helm_python.Chart) -> None:
    # a connection string written into the values, rather than its key in the Secret
    with pytest.raises(helm_python.HelmValuesError, match="federation"):
        render(
            chart,
            {"federation": {"peers": [{"name": "global", "conninfo": "host=db password=x"}]}},
        )


def _migration_script(found: list[dict[str, Any]]) -> tuple[list[str], dict[str, Any]]:
    [job] = by_kind(found, "Job")
    [container] = job["spec"]["template"]["spec"]["containers"]
    lines = [line.strip() for line in container["args"][0].splitlines() if line.strip()]
    return lines, {e["name"]: e for e in container["env"]}


def test_a_regional_hub_subscribes_waits_for_global_then_applies_and_publishes_its_own(
    chart: helm_python.Chart,
) -> None:
    # Given the Asia-Pacific example: a hub with the global hub as its peer
    found = objects(render(chart, values_of("asia-pacific.yaml")))

    # When its migration Job runs
    lines, env = _migration_script(found)

    # Then it subscribes, waits for Geneva's global tenant, applies its own tenants and
    # rules below it, and then publishes what its policy shares
    assert lines == [
        "hub migrate",
        "hub federation apply --peer global",
        "hub federation wait --tenant global --timeout 600",
        "hub tenants apply /config/tenants",
        "hub policy apply /config/policies --yes",
        "hub federation apply --peer global",
    ]
    # and the peer's connection string comes from the Secret, never the command line
    assert env["HUB_FEDERATION_PEER_GLOBAL"]["valueFrom"]["secretKeyRef"] == {
        "name": "engagement-hub-asia-pacific",
        "key": "federation-peer-global",
    }
    assert env["HUB_FEDERATION_NAME"]["value"] == "asia-pacific"


def test_the_global_hub_publishes_after_its_tenants_and_subscribes_to_its_regions(
    chart: helm_python.Chart,
) -> None:
    lines, env = _migration_script(objects(render(chart, values_of("global.yaml"))))
    assert lines == [
        "hub migrate",
        "hub tenants apply /config/tenants",
        "hub policy apply /config/policies --yes",
        "hub federation apply --peer asia-pacific",
    ]
    assert "HUB_FEDERATION_PEER_ASIA_PACIFIC" in env


def test_a_hub_without_federation_runs_none_of_it(chart: helm_python.Chart) -> None:
    lines, env = _migration_script(objects(render(chart, {})))
    assert not [line for line in lines if "federation" in line]
    assert not [name for name in env if name.startswith("HUB_FEDERATION_PEER_")]
