"""Prometheus metrics shared by every gRPC service, exported on CEN_METRICS_PORT."""

from __future__ import annotations

from prometheus_client import Counter, Histogram, start_http_server

GRPC_REQUESTS = Counter(
    "cen_grpc_requests_total", "gRPC calls handled", ["service", "grpc_service", "method", "code"]
)
GRPC_LATENCY = Histogram(
    "cen_grpc_request_duration_seconds",
    "gRPC call latency",
    ["service", "grpc_service", "method"],
    buckets=(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)

_started: set[int] = set()


def start_metrics_server(port: int, host: str = "127.0.0.1") -> None:
    """Expose /metrics once per process (port 0 means off)."""
    if port and port not in _started:
        start_http_server(port, addr=host)
        _started.add(port)
