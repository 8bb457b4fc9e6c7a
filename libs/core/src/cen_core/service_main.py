"""The command line every service shares: `python -m cen_<m> serve|migrate|worker`."""

from __future__ import annotations

import argparse
import logging
import signal
import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from types import FrameType
from typing import TypeVar

from celery import Celery

from cen_core.db import run_migrations
from cen_core.grpc_server import GrpcServer
from cen_core.logging import configure_logging
from cen_core.settings import ServiceSettings, load_settings

S = TypeVar("S", bound=ServiceSettings)
log = logging.getLogger("cen.main")


def run(
    settings_cls: type[S],
    *,
    create_server: Callable[[S], GrpcServer],
    migrations_dir: Path,
    make_celery: Callable[[S], Celery],
    argv: Sequence[str] | None = None,
) -> None:
    parser = argparse.ArgumentParser(
        prog=f"python -m cen_{settings_cls.model_fields['service_name'].default}"
    )
    parser.add_argument("command", choices=["serve", "migrate", "worker"])
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (worker only)")
    args = parser.parse_args(argv)
    settings = load_settings(settings_cls)
    configure_logging(settings.service_name, settings.log_level)

    if args.command == "migrate":
        run_migrations(settings.database_url.get_secret_value(), migrations_dir)
        log.info("migrations applied")
    elif args.command == "worker":
        make_celery(settings).worker_main(
            [
                "worker",
                "--queues",
                settings.service_name,
                "--hostname",
                f"{settings.service_name}@%h",
                "--concurrency",
                str(args.concurrency),
                "--loglevel",
                settings.log_level,
            ]
        )
    else:
        server = create_server(settings)
        server.start()

        def stop(signum: int, _frame: FrameType | None) -> None:
            # stop off the signal handler: wait() below returns once the server has drained
            log.info("stopping", extra={"signal": signum})
            threading.Thread(target=server.stop, kwargs={"grace": 5}, daemon=True).start()

        signal.signal(signal.SIGTERM, stop)
        signal.signal(signal.SIGINT, stop)
        server.wait()
