"""The command line every service shares: `python -m cen_<m> serve|migrate|worker`."""

from __future__ import annotations

import argparse
import logging
import signal
import tempfile
import threading
from collections.abc import Callable, Mapping, Sequence
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
    commands: Mapping[str, Callable[[S, list[str]], None]] | None = None,
    argv: Sequence[str] | None = None,
) -> None:
    """Parse the command line and run it; `commands` adds service-specific ones (e.g. seizures' `seed`)."""
    commands = commands or {}
    parser = argparse.ArgumentParser(
        prog=f"python -m cen_{settings_cls.model_fields['service_name'].default}"
    )
    parser.add_argument("command", choices=["serve", "migrate", "worker", *commands])
    parser.add_argument("--concurrency", type=int, default=2, help="worker processes (worker only)")
    args, extra = parser.parse_known_args(argv)
    if extra and args.command not in commands:
        parser.error(f"unrecognized arguments: {' '.join(extra)}")
    settings = load_settings(settings_cls)
    configure_logging(settings.service_name, settings.log_level)

    if args.command in commands:
        commands[args.command](settings, extra)
    elif args.command == "migrate":
        run_migrations(settings.database_url.get_secret_value(), migrations_dir)
        log.info("migrations applied")
    elif args.command == "worker":
        app = make_celery(settings)
        # A service with periodic tasks (e.g. outbox sweeps) runs them from its worker; the tasks are
        # idempotent, so several workers each running the schedule is harmless.
        beat = [
            "--beat",
            "--schedule",
            str(Path(tempfile.gettempdir()) / f"cen-{settings.service_name}-beat"),
        ]
        app.worker_main(
            [
                "worker",
                *(beat if app.conf.beat_schedule else []),
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
