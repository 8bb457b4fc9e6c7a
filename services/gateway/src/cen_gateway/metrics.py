"""Prometheus metrics of the gateway, aggregated over gunicorn's worker processes."""

from __future__ import annotations

import os

from prometheus_client import REGISTRY as DEFAULT_REGISTRY
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest, multiprocess

HTTP_REQUESTS = Counter(
    "cen_http_requests_total", "HTTP requests handled by the gateway", ["route", "method", "status"]
)
HTTP_LATENCY = Histogram(
    "cen_http_request_duration_seconds",
    "HTTP request latency at the gateway",
    ["route", "method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)


def render() -> bytes:
    """The exposition text; with PROMETHEUS_MULTIPROC_DIR set (gunicorn), the sum over every worker."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
        return bytes(generate_latest(registry))
    return bytes(generate_latest(DEFAULT_REGISTRY))
