"""The Helm chart as Helm renders it: every component, hardened and probed, secrets by reference, schema enforced."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
CHART = ROOT / "deploy" / "helm" / "cen"
TEST_VALUES = CHART / "ci" / "test-values.yaml"
HELM = ROOT / ".devstack" / "bin" / "helm"
SERVICES = ["auth", "seizures", "cws", "cpdb", "cencomm"]
GRPC_PORTS = {"auth": 50051, "seizures": 50052, "cws": 50053, "cpdb": 50054, "cencomm": 50055}
SECRET_WORDS = ("SECRET", "PASSWORD", "DATABASE_URL", "ACCESS_KEY")

Doc = dict[str, Any]


def helm(*args: str) -> subprocess.CompletedProcess[str]:
    if not HELM.exists():
        # builds the pinned Helm from the Go module proxy (cached in .devstack/)
        subprocess.run([str(ROOT / "deploy" / "helm" / "check.sh"), "--install-only"], check=True)
    return subprocess.run([str(HELM), *args], capture_output=True, text=True, check=False)


def render(*args: str) -> list[Doc]:
    out = helm("template", "cen", str(CHART), *args)
    assert out.returncode == 0, out.stderr
    return [doc for doc in yaml.safe_load_all(out.stdout) if doc]


def by_kind(docs: list[Doc], kind: str) -> dict[str, Doc]:
    return {d["metadata"]["name"]: d for d in docs if d["kind"] == kind}


def container(workload: Doc) -> Doc:
    (only,) = workload["spec"]["template"]["spec"]["containers"]
    return only


def env_of(workload: Doc) -> dict[str, Doc]:
    return {e["name"]: e for e in container(workload)["env"]}


@pytest.fixture(scope="module", params=["default", "test-values"])
def docs(request: pytest.FixtureRequest) -> list[Doc]:
    return render() if request.param == "default" else render("-f", str(TEST_VALUES))


@pytest.fixture(scope="module")
def full() -> list[Doc]:
    return render("-f", str(TEST_VALUES))


def test_every_component_renders_a_deployment_and_listeners_a_service_of_the_same_name(
    docs: list[Doc],
) -> None:
    deployments, services = by_kind(docs, "Deployment"), by_kind(docs, "Service")
    assert set(deployments) == {"gateway", *SERVICES, *(f"{s}-worker" for s in SERVICES)}
    assert set(services) == {"gateway", *SERVICES}
    assert set(by_kind(docs, "Job")) == {f"{s}-migrate" for s in SERVICES}
    for name, svc in services.items():
        assert svc["spec"]["selector"]["app.kubernetes.io/name"] == name
        assert deployments[name]["spec"]["selector"]["matchLabels"] == svc["spec"]["selector"]


def test_each_process_runs_its_services_image_with_the_right_command(docs: list[Doc]) -> None:
    deployments = by_kind(docs, "Deployment")
    for name in ["gateway", *SERVICES]:
        assert container(deployments[name])["image"].rsplit(":", 1)[0].endswith(f"/{name}")
        assert container(deployments[name])["args"] == ["serve"]
        assert env_of(deployments[name])["CEN_SERVICE_NAME"]["value"] == name
    for service in SERVICES:
        worker = deployments[f"{service}-worker"]
        assert container(worker)["args"] == ["worker"]
        assert container(worker)["image"] == container(deployments[service])["image"]
        # the worker consumes the queue named after its service
        assert env_of(worker)["CEN_SERVICE_NAME"]["value"] == service
        job = by_kind(docs, "Job")[f"{service}-migrate"]
        assert container(job)["args"] == ["migrate"]
        assert job["metadata"]["annotations"]["helm.sh/hook"] == "pre-install,pre-upgrade"


def test_every_pod_is_hardened(docs: list[Doc]) -> None:
    workloads = {**by_kind(docs, "Deployment"), **by_kind(docs, "Job")}
    for name, workload in workloads.items():
        pod = workload["spec"]["template"]["spec"]
        assert pod["securityContext"]["runAsNonRoot"] is True, name
        assert pod["automountServiceAccountToken"] is False, name
        ctx = container(workload)["securityContext"]
        assert ctx["readOnlyRootFilesystem"] is True, name
        assert ctx["allowPrivilegeEscalation"] is False, name
        assert ctx["capabilities"]["drop"] == ["ALL"], name


def test_grpc_services_use_grpc_probes_and_the_gateway_http_probes(docs: list[Doc]) -> None:
    deployments = by_kind(docs, "Deployment")
    for service, port in GRPC_PORTS.items():
        c = container(deployments[service])
        for probe in ("startupProbe", "readinessProbe", "livenessProbe"):
            assert c[probe]["grpc"] == {"port": port}, (service, probe)
        assert env_of(deployments[service])["CEN_GRPC_PORT"]["value"] == str(port)
    gateway = container(deployments["gateway"])
    assert gateway["readinessProbe"]["httpGet"] == {"path": "/readyz", "port": "http"}
    assert gateway["livenessProbe"]["httpGet"] == {"path": "/healthz", "port": "http"}
    env = env_of(deployments["gateway"])
    for service, port in GRPC_PORTS.items():
        assert env[f"CEN_{service.upper()}_ADDR"]["value"] == f"{service}:{port}"


def test_secrets_are_references_never_values(docs: list[Doc]) -> None:
    assert not by_kind(docs, "Secret")
    seen = set()
    for workload in [*by_kind(docs, "Deployment").values(), *by_kind(docs, "Job").values()]:
        for name, env in env_of(workload).items():
            if any(word in name for word in SECRET_WORDS):
                assert "value" not in env, name
                assert env["valueFrom"]["secretKeyRef"]["key"], name
                seen.add(name)
    assert {"CEN_DATABASE_URL", "CEN_OIDC_CLIENT_SECRET", "CEN_SESSION_SECRET"} <= seen
    assert {"CEN_KEYCLOAK_ADMIN_CLIENT_SECRET", "CEN_S3_ACCESS_KEY", "CEN_S3_SECRET_KEY"} <= seen


def test_workers_and_migrations_get_their_services_secrets(docs: list[Doc]) -> None:
    deployments, jobs = by_kind(docs, "Deployment"), by_kind(docs, "Job")
    auth_worker, auth_migrate = env_of(deployments["auth-worker"]), env_of(jobs["auth-migrate"])
    for env in (auth_worker, auth_migrate):
        assert env["CEN_DATABASE_URL"]["valueFrom"]["secretKeyRef"]["key"] == "auth-database-url"
        assert "CEN_KEYCLOAK_ADMIN_CLIENT_SECRET" in env
    assert "CEN_S3_SECRET_KEY" in env_of(deployments["cpdb-worker"])


def test_network_policies_admit_only_cen_processes_to_services(docs: list[Doc]) -> None:
    policies = by_kind(docs, "NetworkPolicy")
    assert "gateway" not in policies
    for service, port in GRPC_PORTS.items():
        rule = policies[service]["spec"]["ingress"][0]
        assert rule["ports"] == [{"port": port, "protocol": "TCP"}]
        (peer,) = rule["from"]
        assert peer["podSelector"]["matchLabels"]["app.kubernetes.io/part-of"] == "cen"
        assert peer["podSelector"]["matchExpressions"][0]["values"] == ["http", "grpc", "worker"]
        assert policies[f"{service}-worker"]["spec"]["ingress"] == []


def test_optional_parts_are_off_by_default_and_work_when_on(full: list[Doc]) -> None:
    defaults = render()
    for kind in ("Ingress", "HorizontalPodAutoscaler", "ServiceMonitor"):
        assert not by_kind(defaults, kind), kind
    assert set(by_kind(defaults, "PodDisruptionBudget")) == {"gateway"}

    deployments = by_kind(full, "Deployment")
    assert deployments["auth"]["spec"]["replicas"] == 3
    assert env_of(deployments["auth"])["CEN_LOG_LEVEL"]["value"] == "DEBUG"
    assert env_of(deployments["cws"])["CEN_LOG_LEVEL"]["value"] == "INFO"
    assert container(deployments["auth"])["image"] == "registry.example.org/cen/auth:1.2.3"
    assert "replicas" not in deployments["seizures"]["spec"]  # the HPA owns it
    assert by_kind(full, "HorizontalPodAutoscaler")["seizures"]["spec"]["maxReplicas"] == 4
    assert {"auth", "gateway"} <= set(by_kind(full, "PodDisruptionBudget"))
    assert by_kind(full, "Ingress")["gateway"]["spec"]["tls"][0]["secretName"] == "cen-tls"
    assert set(by_kind(full, "ServiceMonitor")) == {"gateway", *SERVICES}
    smtp = env_of(deployments["seizures-worker"])["CEN_SMTP_PASSWORD"]["valueFrom"]["secretKeyRef"]
    assert smtp == {"name": "cen-smtp", "key": "password"}


@pytest.mark.parametrize(
    "override",
    [
        "components.auth.replicas=two",
        "components.auth.kind=daemon",
        "components.auth-worker.port=50051",
        "components.auth.env.CEN_DB_PASSWORD=hunter2",
        "global.redisUrl=http://redis",
        "default.image.pullPolicy=Sometimes",
        "bogus=1",
    ],
)
def test_schema_rejects_bad_values(override: str) -> None:
    out = helm("template", "cen", str(CHART), "--set", override)
    assert out.returncode != 0
    assert "values don't meet the specifications of the schema" in out.stderr


def test_schema_rejects_a_bad_values_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text('components:\n  gateway:\n    replicas: "two"\n')
    out = helm("template", "cen", str(CHART), "-f", str(bad))
    assert out.returncode != 0
    assert "/components/gateway/replicas" in out.stderr


def test_a_worker_of_an_unknown_service_is_refused() -> None:
    out = helm("template", "cen", str(CHART), "--set", "components.auth-worker.service=gateway")
    assert out.returncode != 0
    assert "components.auth-worker.service" in out.stderr


def test_lint_is_clean() -> None:
    for args in ([], ["-f", str(TEST_VALUES)]):
        out = helm("lint", "--strict", str(CHART), *args)
        assert out.returncode == 0, out.stdout + out.stderr
