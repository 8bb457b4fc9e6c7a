"""The Helm chart as Helm renders it: every component, hardened, no secret values, schema enforced."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "deploy" / "helm" / "cen"
HELM = ROOT / ".devstack" / "bin" / "helm"
COMPONENTS = ["gateway", "auth", "seizures", "cws", "cpdb", "cencomm"]


def render(*args: str) -> list[dict[str, Any]]:
    if not HELM.exists():
        subprocess.run([str(ROOT / "deploy" / "helm" / "check.sh"), "--install-only"], check=True)
    out = subprocess.run(
        [str(HELM), "template", "cen", str(CHART), *args], capture_output=True, text=True, check=True
    )
    return [doc for doc in yaml.safe_load_all(out.stdout) if doc]


@pytest.fixture(scope="module")
def docs() -> list[dict[str, Any]]:
    return render("-f", str(CHART / "ci" / "test-values.yaml"))


def by_kind(docs: list[dict[str, Any]], kind: str) -> dict[str, dict[str, Any]]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def test_every_component_has_a_deployment_and_services_have_a_service(docs: list[dict[str, Any]]) -> None:
    deployments = by_kind(docs, "Deployment")
    services = by_kind(docs, "Service")
    for name in COMPONENTS:
        assert name in deployments
        assert name in services
        worker = f"{name}-worker"
        if name != "gateway":
            assert worker in deployments
            assert worker not in services
            assert f"{name}-migrate" in by_kind(docs, "Job")


def test_containers_are_hardened_and_probed(docs: list[dict[str, Any]]) -> None:
    for name, deployment in by_kind(docs, "Deployment").items():
        pod = deployment["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True
        (container,) = pod["containers"]
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
        assert "livenessProbe" in container, name
        if not name.endswith("-worker"):
            assert "readinessProbe" in container, name


def test_grpc_services_use_grpc_probes_and_the_gateway_http(docs: list[dict[str, Any]]) -> None:
    deployments = by_kind(docs, "Deployment")
    assert (
        deployments["auth"]["spec"]["template"]["spec"]["containers"][0]["readinessProbe"]["grpc"]["port"]
        == 50051
    )
    gateway = deployments["gateway"]["spec"]["template"]["spec"]["containers"][0]
    assert gateway["readinessProbe"]["httpGet"]["path"] == "/readyz"
    env = {e["name"]: e for e in gateway["env"]}
    assert env["CEN_AUTH_ADDR"]["value"] == "auth:50051"


def test_secrets_are_references_never_values(docs: list[dict[str, Any]]) -> None:
    assert not by_kind(docs, "Secret")
    for deployment in by_kind(docs, "Deployment").values():
        for env in deployment["spec"]["template"]["spec"]["containers"][0]["env"]:
            if any(word in env["name"] for word in ("SECRET", "PASSWORD", "DATABASE_URL", "S3_ACCESS")):
                assert "value" not in env, env["name"]
                assert env["valueFrom"]["secretKeyRef"]["name"] == "cen-secrets"


def test_values_override_per_component(docs: list[dict[str, Any]]) -> None:
    assert by_kind(docs, "Deployment")["auth"]["spec"]["replicas"] == 3
    assert "auth" in by_kind(docs, "PodDisruptionBudget")
    assert by_kind(docs, "Ingress")["gateway"]["spec"]["tls"][0]["secretName"] == "cen-tls"


@pytest.mark.parametrize(
    "override",
    ["components.auth.replicas=two", "components.auth.kind=daemon", "global.redisUrl=http://x", "bogus=1"],
)
def test_schema_rejects_bad_values(override: str) -> None:
    with pytest.raises(subprocess.CalledProcessError) as exc:
        render("--set", override)
    assert "schema" in exc.value.stderr.lower() or "values don't meet" in exc.value.stderr.lower()
