"""Operational endpoints: liveness, readiness, metrics, and the generated OpenAPI document with its viewer."""

from __future__ import annotations

import functools
import importlib.resources
import json
import logging

import grpc
from flask import Blueprint, Response, render_template
from grpc_health.v1 import health_pb2, health_pb2_grpc
from prometheus_client import CONTENT_TYPE_LATEST

from cen_gateway import metrics
from cen_gateway.cpdb import openapi as cpdb_openapi
from cen_gateway.problems import problem
from cen_gateway.seizures import openapi as seizures_openapi
from cen_gateway.state import gateway

log = logging.getLogger("cen.gateway.ops")
blueprint = Blueprint("ops", __name__)
HEALTH_TIMEOUT_SECONDS = 2.0


@blueprint.get("/healthz")
def healthz() -> Response:
    return Response('{"status":"ok"}', mimetype="application/json")


@blueprint.get("/readyz")
def readyz() -> Response:
    """Ready when every service the gateway serves answers its gRPC health check with SERVING."""
    state = gateway()
    services: dict[str, str] = {}
    for module in state.deps.modules:
        stub = health_pb2_grpc.HealthStub(state.deps.channels[module.name])
        try:
            reply = stub.Check(health_pb2.HealthCheckRequest(service=""), timeout=HEALTH_TIMEOUT_SECONDS)
            services[module.name] = health_pb2.HealthCheckResponse.ServingStatus.Name(reply.status)
        except grpc.RpcError as exc:
            services[module.name] = exc.code().name if hasattr(exc, "code") else "UNAVAILABLE"
    down = sorted(name for name, status in services.items() if status != "SERVING")
    if down:
        log.warning("not ready", extra={"down": ",".join(down)})
        return problem(503, "not ready: " + ", ".join(down) + " unavailable", services=services)
    return Response(json.dumps({"status": "ready", "services": services}), mimetype="application/json")


@blueprint.get("/metrics")
def prometheus_metrics() -> Response:
    return Response(metrics.render(), content_type=CONTENT_TYPE_LATEST)


@functools.cache
def openapi_document() -> bytes | None:
    """The generated document with the hand-written file routes of the seizures and cpdb modules merged in."""
    resource = importlib.resources.files("cen") / "openapi.json"
    try:
        generated = json.loads(resource.read_bytes())
    except (FileNotFoundError, OSError):
        return None
    merged = cpdb_openapi.merge(seizures_openapi.merge(generated))
    return json.dumps(merged, ensure_ascii=False, indent=2).encode()


@blueprint.get("/api/v1/openapi.json")
def openapi() -> Response:
    document = openapi_document()
    if document is None:
        return problem(503, "the OpenAPI document has not been generated (make protos)")
    return Response(document, mimetype="application/json")


@blueprint.get("/api/v1/docs")
def docs() -> str:
    return render_template("docs.html")
