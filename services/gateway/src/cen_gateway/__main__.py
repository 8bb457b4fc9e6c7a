"""`python -m cen_gateway serve`: the gateway under gunicorn (gthread workers) on CEN_HTTP_HOST:CEN_HTTP_PORT."""

from __future__ import annotations

import argparse
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from cen_core.logging import configure_logging
from cen_core.settings import load_settings
from flask import Flask
from gunicorn.app.base import BaseApplication

from cen_gateway.settings import GatewaySettings

# gunicorn's own lines (start, workers, signals) as JSON on stdout like ours; no separate access log.
GUNICORN_LOGGING: dict[str, Any] = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "cen_core.logging.JsonFormatter"}},
    "handlers": {
        "stdout": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stdout"}
    },
    "root": {"handlers": ["stdout"], "level": "INFO"},
    "loggers": {
        "gunicorn.error": {"handlers": ["stdout"], "level": "INFO", "propagate": False},
        "gunicorn.access": {"handlers": [], "level": "WARNING", "propagate": False},
    },
}


class GatewayServer(BaseApplication):  # type: ignore[misc]
    """gunicorn configured in code; each worker builds its own app (gRPC channels must not cross a fork)."""

    def __init__(self, settings: GatewaySettings) -> None:
        self.settings = settings
        super().__init__()

    def load_config(self) -> None:
        s = self.settings
        self.cfg.set("bind", f"{s.http_host}:{s.http_port}")
        self.cfg.set("worker_class", "gthread")
        self.cfg.set("workers", s.http_workers)
        self.cfg.set("threads", s.http_threads)
        self.cfg.set("timeout", 60)
        self.cfg.set("graceful_timeout", 10)
        self.cfg.set("keepalive", 5)
        self.cfg.set("preload_app", False)
        self.cfg.set("proc_name", "cen-gateway")
        # No runtime control socket in $HOME: the stack scripts manage the process, and two gateways would share it.
        self.cfg.set("control_socket_disable", True)
        self.cfg.set("child_exit", _child_exit)
        self.cfg.set("logconfig_dict", GUNICORN_LOGGING)

    def load(self) -> Flask:
        from cen_gateway.app import create_app  # imported in the worker, after the metrics directory is set

        configure_logging(self.settings.service_name, self.settings.log_level)
        return create_app(self.settings)


def _child_exit(_server: Any, worker: Any) -> None:
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[no-untyped-call]


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m cen_gateway")
    parser.add_argument("command", choices=["serve"])
    parser.parse_args(argv)
    settings = load_settings(GatewaySettings)
    configure_logging(settings.service_name, settings.log_level)
    # Workers are separate processes: their metrics meet in one directory, emptied of old files at each start.
    metrics_dir = Path(
        os.environ.get("PROMETHEUS_MULTIPROC_DIR") or tempfile.mkdtemp(prefix="cen-gateway-metrics-")
    )
    metrics_dir.mkdir(parents=True, exist_ok=True)
    for stale in metrics_dir.glob("*.db"):
        stale.unlink()
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(metrics_dir)
    GatewayServer(settings).run()


if __name__ == "__main__":
    main()
