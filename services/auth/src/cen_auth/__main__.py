"""Entry point: `python -m cen_auth serve|migrate|worker`."""

from __future__ import annotations

import argparse
import signal
from pathlib import Path

from cen_core.db import run_migrations
from cen_core.logging import configure_logging
from cen_core.settings import load_settings

from cen_auth.grpc_api import build_deps, create_server
from cen_auth.settings import AuthSettings
from cen_auth.tasks import make_celery

MIGRATIONS_DIR = Path(__file__).resolve().parents[2] / "migrations"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m cen_auth", description="CEN auth service")
    parser.add_argument("command", choices=("serve", "migrate", "worker"))
    args = parser.parse_args(argv)
    settings = load_settings(AuthSettings)
    configure_logging(settings.service_name, settings.log_level)
    if args.command == "migrate":
        run_migrations(settings.database_url.get_secret_value(), MIGRATIONS_DIR)
    elif args.command == "serve":
        server = create_server(settings, build_deps(settings))
        server.start()
        # SIGTERM (the stack's stop, Kubernetes) drains in-flight calls instead of cutting them off.
        signal.signal(signal.SIGTERM, lambda *_: server.stop())
        server.wait()
    else:
        make_celery(settings).worker_main(["worker", "--queues", settings.service_name, "--loglevel", "INFO"])


if __name__ == "__main__":
    main()
